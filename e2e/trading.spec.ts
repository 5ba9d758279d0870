import { expect, test, type Page } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { ChartPanel, MarketsPanel, OrdersPanel, TicketPanel } from './pages';

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
  await new MarketsPanel(page).market('BTC/USDT').click();
  const chartPanel = new ChartPanel(page);
  const chart = chartPanel.chart;
  await expect(chart).toHaveAttribute('data-symbol', 'BTC/USDT');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  return { chart, chartPanel, ticket: new TicketPanel(page), orders: new OrdersPanel(page) };
}

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('places a limit buy on the paper account, shows it in open orders and on the chart, then cancels it', async ({ page }) => {
  const { chart, ticket, orders } = await open(page, '1');
  await expect(ticket.orderType).toHaveValue('limit');
  await ticket.lastPrice.click();
  const last = Number(await ticket.price.inputValue());
  expect(last).toBeGreaterThan(1000);
  const below = (Math.floor(last * 0.9 * 100) / 100).toFixed(2);
  await ticket.price.fill(below);
  await ticket.amount.fill('0.01');
  await expect(ticket.summary).toContainText('Fee');
  const submit = ticket.submit('Buy BTC');
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(ticket.placed).toContainText('open');

  await expect(orders.openTab).toHaveAttribute('aria-selected', 'true');
  const row = orders.rows;
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'open');
  await expect(chart).toHaveAttribute('data-order-lines', '1');
  const id = await row.getAttribute('data-client-order-id');
  expect(id).toBeTruthy();

  await orders.cancel(id!).click();
  await expect(orders.rows).toHaveCount(0);
  await expect(chart).toHaveAttribute('data-order-lines', '0');
  await orders.historyTab.click();
  await expect(orders.row(id!)).toHaveAttribute('data-status', 'cancelled');

  // Under the exchange minimum: refused in the ticket, with the minimum shown, before anything is sent.
  await ticket.amount.fill('0.000001');
  const issue = ticket.issues.filter({ hasText: 'minimum' });
  await expect(issue).toHaveAttribute('data-rule', /min_amount|min_cost/);
  await expect(issue).toContainText(/minimum [\d.,]+ (BTC|USDT)/);
  await expect(submit).toBeDisabled();
  expect(consoleErrors).toEqual([]);
});

test('a smart trade fills its entry and first target on the replay and keeps the rest of the position', async ({ page }) => {
  test.setTimeout(120_000);
  // The replay starts at 02:00 UTC on 2021-07-15, when BTC rises ~0.3 % within 15 minutes: at 30x the
  // market entry lands in the first 5-minute bar and the path crosses TP1 (+0.05 %) within a minute.
  const { chart, ticket, orders } = await open(page, '30');
  await ticket.smartTrade.click();
  await expect(ticket.entryType).toHaveValue('market');
  await ticket.amount.fill('0.01');
  await ticket.targetPercent(1).fill('0.05');
  await ticket.addTarget.click();
  await ticket.targetPercent(2).fill('50');
  await expect(ticket.targetShare(1)).toHaveValue('50');
  const submit = ticket.submit('Smart buy BTC');
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(ticket.placed).toContainText('Smart buy');

  await orders.bracketsTab.click();
  const row = orders.brackets;
  await expect(row).toHaveCount(1);
  await expect(orders.bracketTargets.first()).toHaveAttribute('data-status', 'filled', { timeout: 75_000 });
  await expect(row).toHaveAttribute('data-status', 'open_position');
  const position = Number((await orders.bracketPositions.textContent())?.replace(/,/g, ''));
  expect(position).toBeGreaterThan(0);
  expect(position).toBeLessThan(0.01);
  await expect.poll(async () => Number(await chart.getAttribute('data-fill-markers'))).toBeGreaterThanOrEqual(2);
  // TP2 and the entry are still drawn as bracket levels.
  await expect.poll(async () => Number(await chart.getAttribute('data-bracket-lines'))).toBeGreaterThanOrEqual(2);
  expect(consoleErrors).toEqual([]);
});

test('chart: RSI gets its own pane with values from core, 1m is disabled on the replay, and scrolling back pages in older bars', async ({
  page,
}) => {
  const { chart, chartPanel } = await open(page, '1');
  const oneMinute = chartPanel.timeframe('1m');
  await expect(oneMinute).toHaveAttribute('aria-disabled', 'true');
  await expect(oneMinute).toHaveAttribute('title', /offline replay records 5-minute bars/);

  await chartPanel.indicatorsButton.click();
  await chartPanel.indicator('RSI').check();
  await expect(chart).toHaveAttribute('data-panes', '2');
  const rsi = chartPanel.indicatorLegend.locator('[data-indicator="rsi"]');
  await expect(rsi).toHaveText(/^RSI 14\d{1,3}\.\d{2}$/);
  await page.keyboard.press('Escape');

  // 5m on the replay has more history than one load: dragging the chart to the right (back in
  // time) pages older bars in until it reaches the start of the recording.
  await chartPanel.timeframe('5m').click();
  await expect(chart).toHaveAttribute('data-timeframe', '5m');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  const startOfHistory = chartPanel.olderCandles.filter({ hasText: 'Start of history' });
  for (let i = 0; i < 40 && !(await startOfHistory.isVisible()); i++) await chartPanel.dragBack();
  await expect(chartPanel.olderCandles).toHaveText('Start of history');
  await expect(rsi).toHaveText(/^RSI 14\d{1,3}\.\d{2}$/);
  expect(consoleErrors).toEqual([]);
});

test('chart: opens on the latest few hundred bars, and scrolling back draws and then pages in older ones', async ({ page }) => {
  const { chart, chartPanel } = await open(page, '1');
  // 5m on the replay: more bars than one load (1,000), so there is history to page in.
  await chartPanel.timeframe('5m').click();
  await expect(chart).toHaveAttribute('data-timeframe', '5m');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  // The view attributes were cleared when 5m started loading; they come back once it is drawn.
  await expect(chart).toHaveAttribute('data-view-last', /\d+/);
  const FIVE_MINUTES = 300_000;
  await expect.poll(async () => (await chartPanel.view()).last).toBe((await chartPanel.view()).latest);
  const opening = await chartPanel.view();
  // The newest bar is in view, with a few hundred before it: not the whole load squeezed in.
  expect(opening.last).toBe(opening.latest);
  const inView = (opening.last - opening.first) / FIVE_MINUTES + 1;
  expect(inView).toBeGreaterThan(50);
  expect(inView).toBeLessThan(600);
  expect(opening.loaded).toBe(1000);

  // Back in time: bars older than the opening view come into it, then core pages older ones in.
  await chartPanel.dragBack();
  await expect.poll(async () => (await chartPanel.view()).first).toBeLessThan(opening.first);
  for (let i = 0; i < 20 && (await chartPanel.view()).loaded <= 1000; i++) await chartPanel.dragBack();
  const back = await chartPanel.view();
  expect(back.loaded).toBeGreaterThan(1000);
  expect(back.last).toBeLessThan(opening.first);
  expect(back.drawn).toBe(back.loaded);
  expect(consoleErrors).toEqual([]);
});

test('reads a decimal comma by the chosen number format, refuses ambiguous and hex input, and keeps the balances readable at 1280×720', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const { ticket } = await open(page, '1');
  await ticket.region.getByRole('button', { name: '1,5' }).click();
  await ticket.orderType.selectOption('market');
  await ticket.region.getByRole('combobox', { name: 'Amount unit' }).selectOption('quote');
  await ticket.amount.fill('100,5');
  // 100,5 USDT is a hundred and a half, not 1,005.
  await expect(ticket.summary).toContainText(/Total100\.\d+ USDT/);
  await expect(ticket.summary).toContainText(/Est\. fill \(slippage\)/);
  await ticket.region.getByRole('button', { name: '1.5' }).click();
  await expect(ticket.region.getByText(/"100,5" is ambiguous/)).toBeVisible();
  await ticket.amount.fill('0x10');
  await expect(ticket.region.getByText(/"0x10" is not a number/)).toBeVisible();
  await ticket.amount.fill('100');
  await ticket.submit('Buy BTC').click();
  await expect(ticket.placed).toContainText('filled');

  // Two rows now; the table fits its panel: no sideways scrolling, the Value column in view.
  const scroll = page.locator('.balances-scroll');
  await expect(scroll.getByRole('row')).toHaveCount(3);
  const value = scroll.getByRole('columnheader', { name: /Value/ });
  await expect(value).toBeVisible();
  const [scrollWidth, clientWidth] = await scroll.evaluate((element) => [element.scrollWidth, element.clientWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  const panel = await scroll.boundingBox();
  const header = await value.boundingBox();
  expect(panel && header && header.x + header.width <= panel.x + panel.width + 0.5).toBe(true);
  expect(consoleErrors).toEqual([]);
});
