export interface ChartLinePoint {
  at: number;
  value: number;
}

export interface ChartLine {
  label: string;
  color: string;
  points: readonly ChartLinePoint[];
}

/** What the copy statistics charts need from a charting library; tests substitute a fake (jsdom has no canvas). */
export interface CopyChartView {
  /** Replaces every line (another link or period, new fills) and frames them. */
  setLines(lines: readonly ChartLine[]): void;
  destroy(): void;
}

export type CreateCopyChartView = (container: HTMLElement) => CopyChartView;

/** The leader's line and the follower's, in the same colours on every chart and in the table. */
export const LEADER_COLOR = '#4c9bff';
export const FOLLOWER_COLOR = '#f0b429';
