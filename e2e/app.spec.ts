import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PROJECT_ROOT, startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';

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

async function chartState(page: Page) {
  const chart = page.getByTestId('price-chart');
  return {
    symbol: await chart.getAttribute('data-symbol'),
    timeframe: await chart.getAttribute('data-timeframe'),
    state: await chart.getAttribute('data-state'),
    count: Number(await chart.getAttribute('data-candle-count')),
  };
}

test('opens on the paper account with real replayed market data', async ({ page }) => {
  await page.goto(host.url);

  await expect(page.getByRole('combobox', { name: 'Account' })).toHaveValue('paper');
  await expect(page.getByTestId('balances-total')).toHaveText('10,000.00 USDT');
  const badge = page.getByTestId('market-data-status');
  await expect(badge).toHaveAttribute('data-mode', 'replay');
  await expect(badge).toContainText('Offline replay');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');

  // The chart has drawn candles of the selected market, on a canvas that is not blank.
  const chart = page.getByTestId('price-chart');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  await expect(chart).toHaveAttribute('data-symbol', 'BTC/USDT');
  expect((await chartState(page)).count).toBeGreaterThan(100);
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
  const legend = page.getByTestId('chart-legend');
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
  const list = page.getByRole('listbox', { name: 'Markets' });
  await expect(list.getByRole('option', { name: 'BTC/USDT', exact: true })).toBeVisible();
  await expect(list.getByRole('option', { name: 'ETH/USDT', exact: true })).toBeVisible();
  await expect(page.getByTestId('price-chart')).toHaveAttribute('data-state', 'ready');
  const btc = await chartState(page);

  const search = page.getByRole('searchbox', { name: 'Search markets' });
  await search.fill('eth');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option', { name: 'BTC/USDT', exact: true })).toHaveCount(0);

  await list.getByRole('option', { name: 'ETH/USDT', exact: true }).click();
  const chart = page.getByTestId('price-chart');
  await expect(chart).toHaveAttribute('data-symbol', 'ETH/USDT');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  await expect(list.getByRole('option', { name: 'ETH/USDT', exact: true })).toHaveAttribute('aria-selected', 'true');
  const eth = await chartState(page);
  expect(eth.count).toBeGreaterThan(100);
  // A different market's prices are drawn: ETH trades near 2,000, BTC near 30,000+.
  await expect(page.getByTestId('chart-legend')).not.toContainText(/3\d,\d{3}/);
  expect(btc.symbol).toBe('BTC/USDT');

  await search.fill('nothing-like-this');
  await expect(page.getByText(/No market matches/)).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(list.getByRole('option')).toHaveCount(2);

  // Timeframe switch reloads the chart too: 4h bars are a quarter as many as 1h bars.
  const hourly = await chartState(page);
  await page.getByRole('button', { name: 'Timeframe 4h' }).click();
  await expect(chart).toHaveAttribute('data-timeframe', '4h');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('button', { name: 'Timeframe 4h' })).toHaveAttribute('aria-pressed', 'true');
  const fourHourly = await chartState(page);
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
  await expect(page.getByTestId('balances-total')).toHaveText('10,000.00 USDT');
});
