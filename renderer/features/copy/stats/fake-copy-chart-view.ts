import type { ChartLine, CopyChartView } from './copy-chart-view';

/** A CopyChartView without a canvas (jsdom has none) that records what it was asked to draw. */
export class FakeCopyChartView implements CopyChartView {
  readonly drawn: Array<readonly ChartLine[]> = [];
  destroyed = false;

  setLines(lines: readonly ChartLine[]): void {
    this.drawn.push(lines);
  }
  destroy(): void {
    this.destroyed = true;
  }
  last(): readonly ChartLine[] | undefined {
    return this.drawn.at(-1);
  }
}
