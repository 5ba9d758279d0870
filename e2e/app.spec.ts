import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT, startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AppShell, ChartPanel, MarketsPanel } from './pages';

let host: HeadlessHost;
const consoleErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  // Replay 60x faster than real time so the live candle visibly moves within the test.
  host = await startHeadlessHost({ TRADEWIND_REPLAY_SPEED: '60' });
  consoleErrors.length = 0;
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});

test.afterEach(async () => {
  await host.stop();
});

test('opens on the paper account with real replayed market data', async ({ page }) => {
  await page.goto(host.url);
  const app = new AppShell(page);
  const chartPanel = new ChartPanel(page);
  const chart = chartPanel.chart;

  await expect(app.account).toHaveValue('paper');
  await expect(app.balancesTotal).toHaveText('10,000.00 USDT');
  const badge = app.marketDataStatus;
  await expect(badge).toHaveAttribute('data-mode', 'replay');
  await expect(badge).toContainText('Offline replay');
  await expect(app.connectionState).toHaveAttribute('data-state', 'open');

  // The chart has drawn candles of the selected market, on a canvas that is not blank.
  await expect(chart).toHaveAttribute('data-state', 'ready');
  await expect(chart).toHaveAttribute('data-symbol', 'BTC/USDT');
  expect((await chartPanel.state()).count).toBeGreaterThan(100);
  const inked = await chart.locator('canvas').evaluateAll((canvases) =>
    canvases.some((node) => {
      const canvas = node as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) return false;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return colours.size > 3;
    }),
  );
  expect(inked).toBe(true);

  // Live: the last price in the legend moves as the replay advances.
  const legend = chartPanel.legend;
  const before = await legend.textContent();
  await expect.poll(async () => legend.textContent(), { timeout: 15_000 }).not.toBe(before);

  await page.screenshot({ path: path.join('test-results', 'tradewind.png') });
  if (process.env.TRADEWIND_UPDATE_SCREENSHOT === '1') {
    fs.copyFileSync(path.join('test-results', 'tradewind.png'), path.join(PROJECT_ROOT, 'docs', 'screenshot.png'));
  }
  expect(consoleErrors).toEqual([]);
});

test('market search filters the list and switching market redraws the chart', async ({ page }) => {
  await page.goto(host.url);
  const markets = new MarketsPanel(page);
  const chartPanel = new ChartPanel(page);
  await expect(markets.market('BTC/USDT')).toBeVisible();
  await expect(markets.market('ETH/USDT')).toBeVisible();
  await expect(chartPanel.chart).toHaveAttribute('data-state', 'ready');
  const btc = await chartPanel.state();

  const search = markets.search;
  await search.fill('eth');
  await expect(markets.options).toHaveCount(1);
  await expect(markets.market('BTC/USDT')).toHaveCount(0);

  await markets.market('ETH/USDT').click();
  const chart = chartPanel.chart;
  await expect(chart).toHaveAttribute('data-symbol', 'ETH/USDT');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  await expect(markets.market('ETH/USDT')).toHaveAttribute('aria-selected', 'true');
  const eth = await chartPanel.state();
  expect(eth.count).toBeGreaterThan(100);
  // A different market's prices are drawn: ETH trades near 2,000, BTC near 30,000+.
  await expect(chartPanel.legend).not.toContainText(/3\d,\d{3}/);
  expect(btc.symbol).toBe('BTC/USDT');

  await search.fill('nothing-like-this');
  await expect(markets.noMatch).toBeVisible();
  await markets.clearSearch.click();
  await expect(markets.options).toHaveCount(2);

  // Timeframe switch reloads the chart too: 4h bars are a quarter as many as 1h bars.
  const hourly = await chartPanel.state();
  await chartPanel.timeframe('4h').click();
  await expect(chart).toHaveAttribute('data-timeframe', '4h');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  await expect(chartPanel.timeframe('4h')).toHaveAttribute('aria-pressed', 'true');
  const fourHourly = await chartPanel.state();
  expect(fourHourly.count).toBeLessThan(hourly.count / 3);
  expect(fourHourly.count).toBeGreaterThan(10);
  expect(consoleErrors).toEqual([]);
});

test('refuses a WebSocket without the token and keeps serving the page', async ({ page }) => {
  const wsUrl = `${host.origin.replace('http', 'ws')}/ws?token=wrong`;
  const outcome = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    wsUrl,
  );
  expect(outcome).toBe('refused');
  await page.goto(host.url);
  await expect(new AppShell(page).balancesTotal).toHaveText('10,000.00 USDT');
});
