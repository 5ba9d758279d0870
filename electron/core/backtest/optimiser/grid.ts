import type { OptimiseAxis } from '../../../../shared/strategy/backtest-schema';

export function gridSize(axes: readonly OptimiseAxis[]): number {
  return axes.reduce((size, axis) => size * axis.values.length, 1);
}

/** Every combination of axis values, the first axis varying slowest. */
export function expandGrid(axes: readonly OptimiseAxis[]): number[][] {
  let points: number[][] = [[]];
  for (const axis of axes) {
    const next: number[][] = [];
    for (const point of points) for (const value of axis.values) next.push([...point, value]);
    points = next;
  }
  return points;
}
