export interface HistoryPoint {
  at: number;
  value: number;
}

/** What the value-history chart needs from a charting library; tests substitute a fake (jsdom has no canvas). */
export interface HistoryChartView {
  /** Replaces the line (new currency, first load or more samples) and frames it. */
  setPoints(points: readonly HistoryPoint[], quote: string): void;
  destroy(): void;
}

export type CreateHistoryChartView = (container: HTMLElement) => HistoryChartView;
