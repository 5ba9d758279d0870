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
}

export function setChartAttributes(element: HTMLElement, attributes: ChartAttributes): void {
  if (attributes.symbol !== undefined) element.dataset.symbol = attributes.symbol;
  if (attributes.timeframe !== undefined) element.dataset.timeframe = attributes.timeframe;
  if (attributes.count !== undefined) element.dataset.candleCount = String(attributes.count);
  if (attributes.state !== undefined) element.dataset.state = attributes.state;
}
