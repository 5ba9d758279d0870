import type { Locator, Page } from '@playwright/test';

/** The price chart of the selected market, its header (timeframes, indicators) and legends. */
export class ChartPanel {
  readonly chart: Locator;
  readonly header: Locator;
  readonly legend: Locator;
  readonly indicatorsButton: Locator;
  readonly indicators: Locator;
  readonly indicatorLegend: Locator;
  readonly olderCandles: Locator;

  constructor(readonly page: Page) {
    this.chart = page.getByTestId('price-chart');
    this.header = page.locator('.chart-panel');
    this.legend = page.getByTestId('chart-legend');
    this.indicatorsButton = this.header.getByRole('button', { name: /^Indicators/ });
    this.indicators = page.getByRole('group', { name: 'Indicators' });
    this.indicatorLegend = page.getByTestId('indicator-legend');
    this.olderCandles = page.getByTestId('older-candles');
  }

  /** The button of one timeframe, e.g. '4h'. */
  timeframe(timeframe: string): Locator {
    return this.header.getByRole('button', { name: `Timeframe ${timeframe}` });
  }

  indicator(name: string): Locator {
    return this.indicators.getByRole('checkbox', { name });
  }

  /** What the chart says it shows (the panel mirrors its state in data attributes). */
  async state(): Promise<{ symbol: string | null; timeframe: string | null; state: string | null; count: number }> {
    return {
      symbol: await this.chart.getAttribute('data-symbol'),
      timeframe: await this.chart.getAttribute('data-timeframe'),
      state: await this.chart.getAttribute('data-state'),
      count: Number(await this.chart.getAttribute('data-candle-count')),
    };
  }
}
