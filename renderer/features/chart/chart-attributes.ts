/**
 * State the e2e suite reads off the chart element (`data-testid="price-chart"`). Written
 * imperatively, in the same task as the drawing, so `data-symbol` and `data-candle-count` never
 * disagree: while a new market loads, the count is 0 and `data-state` is "loading".
 */
export interface ChartAttributes {
  symbol?: string;
  timeframe?: string;
  count?: number;
  state?: 'loading' | 'ready' | 'empty' | 'error';
  /** Panes drawn: 1 + one per oscillator (RSI, MACD). */
  panes?: number;
}

export function setChartAttributes(element: HTMLElement, attributes: ChartAttributes): void {
  if (attributes.symbol !== undefined) element.dataset.symbol = attributes.symbol;
  if (attributes.timeframe !== undefined) element.dataset.timeframe = attributes.timeframe;
  if (attributes.count !== undefined) element.dataset.candleCount = String(attributes.count);
  if (attributes.state !== undefined) element.dataset.state = attributes.state;
  if (attributes.panes !== undefined) element.dataset.panes = String(attributes.panes);
}

export interface OverlayAttributes {
  orderLines: number;
  bracketLines: number;
  fillMarkers: number;
}

/** Counts of what the trading overlays drew, for e2e: `data-order-lines`, `data-bracket-lines`, `data-fill-markers`. */
export function setOverlayAttributes(element: HTMLElement, attributes: OverlayAttributes): void {
  element.dataset.orderLines = String(attributes.orderLines);
  element.dataset.bracketLines = String(attributes.bracketLines);
  element.dataset.fillMarkers = String(attributes.fillMarkers);
}
