import type { OptimiseAxis } from '../../../../shared/strategy/backtest-schema';

export interface HeatmapRow {
  values: readonly number[];
  score: number | null;
}

/** Scores of two parameters on a grid; with more axes, each cell holds the best over the rest. */
export interface Heatmap {
  xAxis: number;
  yAxis: number;
  xValues: number[];
  yValues: number[];
  /** cells[y][x]; null where no point had a score. */
  cells: (number | null)[][];
}

export function buildHeatmap(axes: readonly OptimiseAxis[], rows: readonly HeatmapRow[], xAxis: number, yAxis: number): Heatmap {
  const x = axes[xAxis];
  const y = axes[yAxis];
  if (!x || !y || xAxis === yAxis) throw new RangeError('a heatmap needs two different axes of the grid');
  const cells: (number | null)[][] = y.values.map(() => x.values.map(() => null));
  for (const row of rows) {
    if (row.score === null) continue;
    const xi = x.values.indexOf(row.values[xAxis]!);
    const yi = y.values.indexOf(row.values[yAxis]!);
    const current = cells[yi]![xi]!;
    if (current === null || row.score > current) cells[yi]![xi] = row.score;
  }
  return { xAxis, yAxis, xValues: [...x.values], yValues: [...y.values], cells };
}
