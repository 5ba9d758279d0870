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

export interface ViewAttributes {
  /** Open time (ms) of the first and the last bar in view, and of the newest loaded bar. */
  first: number;
  last: number;
  latest: number;
  /** Bars on the candle series (the loaded bars are `data-candle-count`; older ones are drawn on scroll-back). */
  drawn: number;
}

/** What the chart shows, for e2e: `data-view-first`, `data-view-last`, `data-latest`, `data-drawn-count`. */
export function setViewAttributes(element: HTMLElement, attributes: ViewAttributes): void {
  element.dataset.viewFirst = String(attributes.first);
  element.dataset.viewLast = String(attributes.last);
  element.dataset.latest = String(attributes.latest);
  element.dataset.drawnCount = String(attributes.drawn);
}

/** Forgets the view attributes (a new market or timeframe is loading). */
export function clearViewAttributes(element: HTMLElement): void {
  for (const name of ['viewFirst', 'viewLast', 'latest', 'drawnCount']) delete element.dataset[name];
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
