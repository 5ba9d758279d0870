import { expect, test, type Page } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';

let host: HeadlessHost | null = null;
const consoleErrors: string[] = [];

async function open(page: Page, speed: string) {
  host = await startHeadlessHost({ TRADEWIND_REPLAY_SPEED: speed });
  consoleErrors.length = 0;
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(host.url);
  await page.getByRole('listbox', { name: 'Markets' }).getByRole('option', { name: 'BTC/USDT', exact: true }).click();
  const chart = page.getByTestId('price-chart');
  await expect(chart).toHaveAttribute('data-symbol', 'BTC/USDT');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  return { chart, ticket: page.getByRole('region', { name: 'Order ticket' }) };
}

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('places a limit buy on the paper account, shows it in open orders and on the chart, then cancels it', async ({ page }) => {
  const { chart, ticket } = await open(page, '1');
  await expect(ticket.getByRole('combobox', { name: 'Order type' })).toHaveValue('limit');
  await ticket.getByRole('button', { name: 'Last' }).click();
  const last = Number(await ticket.getByRole('textbox', { name: 'Price' }).inputValue());
  expect(last).toBeGreaterThan(1000);
  const below = (Math.floor(last * 0.9 * 100) / 100).toFixed(2);
  await ticket.getByRole('textbox', { name: 'Price' }).fill(below);
  await ticket.getByRole('textbox', { name: 'Amount' }).fill('0.01');
  await expect(ticket.getByTestId('ticket-summary')).toContainText('Fee');
  const submit = ticket.getByRole('button', { name: 'Buy BTC' });
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(ticket.getByTestId('ticket-placed')).toContainText('open');

  await expect(page.getByRole('tab', { name: 'Open orders' })).toHaveAttribute('aria-selected', 'true');
  const row = page.getByTestId('order-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'open');
  await expect(chart).toHaveAttribute('data-order-lines', '1');
  const id = await row.getAttribute('data-client-order-id');
  expect(id).toBeTruthy();

  await page.getByRole('button', { name: `Cancel order ${id}` }).click();
  await expect(page.getByTestId('order-row')).toHaveCount(0);
  await expect(chart).toHaveAttribute('data-order-lines', '0');
  await page.getByRole('tab', { name: 'Order history' }).click();
  await expect(page.locator(`[data-testid="order-row"][data-client-order-id="${id}"]`)).toHaveAttribute('data-status', 'cancelled');

  // Under the exchange minimum: refused in the ticket, with the minimum shown, before anything is sent.
  await ticket.getByRole('textbox', { name: 'Amount' }).fill('0.000001');
  const issue = ticket.getByTestId('ticket-issue').filter({ hasText: 'minimum' });
  await expect(issue).toHaveAttribute('data-rule', /min_amount|min_cost/);
  await expect(issue).toContainText(/minimum [\d.,]+ (BTC|USDT)/);
  await expect(submit).toBeDisabled();
  expect(consoleErrors).toEqual([]);
});

test('a smart trade fills its entry and first target on the replay and keeps the rest of the position', async ({ page }) => {
  test.setTimeout(120_000);
  // The replay starts at 02:00 UTC on 2021-07-15, when BTC rises ~0.3 % within 15 minutes: at 30x the
  // market entry lands in the first 5-minute bar and the path crosses TP1 (+0.05 %) within a minute.
  const { chart, ticket } = await open(page, '30');
  await ticket.getByRole('button', { name: 'Smart trade' }).click();
  await expect(ticket.getByRole('combobox', { name: 'Entry type' })).toHaveValue('market');
  await ticket.getByRole('textbox', { name: 'Amount' }).fill('0.01');
  await ticket.getByRole('textbox', { name: 'Target 1 %' }).fill('0.05');
  await ticket.getByRole('button', { name: 'Add target' }).click();
  await ticket.getByRole('textbox', { name: 'Target 2 %' }).fill('50');
  await expect(ticket.getByRole('textbox', { name: 'Target 1 share %' })).toHaveValue('50');
  const submit = ticket.getByRole('button', { name: 'Smart buy BTC' });
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(ticket.getByTestId('ticket-placed')).toContainText('Smart buy');

  await page.getByRole('tab', { name: 'Brackets' }).click();
  const row = page.getByTestId('bracket-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('bracket-target').first()).toHaveAttribute('data-status', 'filled', { timeout: 75_000 });
  await expect(row).toHaveAttribute('data-status', 'open_position');
  const position = Number((await row.getByTestId('bracket-position').textContent())?.replace(/,/g, ''));
  expect(position).toBeGreaterThan(0);
  expect(position).toBeLessThan(0.01);
  await expect.poll(async () => Number(await chart.getAttribute('data-fill-markers'))).toBeGreaterThanOrEqual(2);
  // TP2 and the entry are still drawn as bracket levels.
  await expect.poll(async () => Number(await chart.getAttribute('data-bracket-lines'))).toBeGreaterThanOrEqual(2);
  expect(consoleErrors).toEqual([]);
});

test('chart: RSI gets its own pane with values from core, 1m is disabled on the replay, and scrolling back pages in older bars', async ({ page }) => {
  const { chart } = await open(page, '1');
  const header = page.locator('.chart-panel');
  const oneMinute = header.getByRole('button', { name: 'Timeframe 1m' });
  await expect(oneMinute).toHaveAttribute('aria-disabled', 'true');
  await expect(oneMinute).toHaveAttribute('title', /offline replay records 5-minute bars/);

  await header.getByRole('button', { name: /^Indicators/ }).click();
  await page.getByRole('group', { name: 'Indicators' }).getByRole('checkbox', { name: 'RSI' }).check();
  await expect(chart).toHaveAttribute('data-panes', '2');
  const rsi = page.getByTestId('indicator-legend').locator('[data-indicator="rsi"]');
  await expect(rsi).toHaveText(/^RSI 14\d{1,3}\.\d{2}$/);
  await page.keyboard.press('Escape');

  // 5m on the replay has more history than one load: the fitted view asks for an older page at
  // once, and dragging the chart to the right (back in time) reaches the start of the recording.
  await header.getByRole('button', { name: 'Timeframe 5m' }).click();
  await expect(chart).toHaveAttribute('data-timeframe', '5m');
  await expect.poll(async () => Number(await chart.getAttribute('data-candle-count'))).toBeGreaterThan(1000);
  const box = (await chart.boundingBox())!;
  const startOfHistory = page.getByTestId('older-candles').filter({ hasText: 'Start of history' });
  for (let i = 0; i < 20 && !(await startOfHistory.isVisible()); i++) {
    await page.mouse.move(box.x + 60, box.y + box.height / 3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 120, box.y + box.height / 3, { steps: 8 });
    await page.mouse.up();
  }
  await expect(page.getByTestId('older-candles')).toHaveText('Start of history');
  await expect(rsi).toHaveText(/^RSI 14\d{1,3}\.\d{2}$/);
  expect(consoleErrors).toEqual([]);
});
