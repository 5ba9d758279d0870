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

  /**
   * The bars in view: open times of the first and last, of the newest loaded bar, and how many
   * bars are loaded and drawn (the chart draws older loaded bars on scroll-back).
   */
  async view(): Promise<{ first: number; last: number; latest: number; loaded: number; drawn: number }> {
    const read = async (name: string) => Number(await this.chart.getAttribute(name));
    return {
      first: await read('data-view-first'),
      last: await read('data-view-last'),
      latest: await read('data-latest'),
      loaded: await read('data-candle-count'),
      drawn: await read('data-drawn-count'),
    };
  }

  /** Drags the chart from its left edge to its right edge: back in time by a screen. */
  async dragBack(): Promise<void> {
    const box = (await this.chart.boundingBox())!;
    await this.page.mouse.move(box.x + 60, box.y + box.height / 3);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width - 120, box.y + box.height / 3, { steps: 8 });
    await this.page.mouse.up();
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
