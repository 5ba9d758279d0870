import type { HistoryChartView, HistoryPoint } from './history-chart-view';

/** A HistoryChartView without a canvas (jsdom has none) that records what it was asked to draw. */
export class FakeHistoryView implements HistoryChartView {
  readonly drawn: Array<{ points: readonly HistoryPoint[]; quote: string }> = [];
  destroyed = false;

  setPoints(points: readonly HistoryPoint[], quote: string): void {
    this.drawn.push({ points, quote });
  }
  destroy(): void {
    this.destroyed = true;
  }
  last(): { points: readonly HistoryPoint[]; quote: string } | undefined {
    return this.drawn.at(-1);
  }
}
