/**
 * Bots end to end, in Chromium against the headless host and the real core on the offline replay
 * (BTC/USDT from 2021-07-15 02:00 UTC): a grid bot on the paper
 * account is created through the form, started, seen placing orders (list and chart), trading two
 * levels for realised profit as the replay moves, then stopped with its orders cancelled; then a
 * strategy bot runs a saved graph and shows its state and events, and the kill switch stops it.
 */
import { expect, test, type Page } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AppShell, BotsWorkspace, StrategyLab } from './pages';

let host: HeadlessHost | null = null;
const consoleErrors: string[] = [];

test.use({ viewport: { width: 1600, height: 1000 } });

async function open(page: Page, speed: string) {
  host = await startHeadlessHost({ TRADEWIND_REPLAY_SPEED: speed });
  consoleErrors.length = 0;
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(host.url);
  await expect(new AppShell(page).connectionState).toHaveAttribute('data-state', 'open');
  return new BotsWorkspace(page);
}

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('a paper grid bot places its orders, trades two levels for a profit, and cancels them when stopped', async ({ page }) => {
  test.setTimeout(180_000);
  // At 120x one replayed hour passes in 30 s. BTC drifts from ~32,850 to ~32,450 over the first
  // hours in swings of 100–200: with levels 100 apart (0.3 %, more than two 0.1 % fees) a buy at
  // 32,650 fills near 03:20 and its sell at 32,750 near 03:35.
  const bots = await open(page, '120');
  await page.keyboard.press('Alt+6');
  await expect(new AppShell(page).tab('Bots')).toHaveAttribute('aria-selected', 'true');
  await expect(bots.empty).toBeVisible();

  await bots.create(async (form) => {
    await expect(form.kind('Grid')).toBeChecked();
    await form.name.fill('E2E grid');
    await expect(form.market).toHaveValue('BTC/USDT');
    await expect(form.paper).toBeChecked();
    await form.lowerPrice.fill('32350');
    await form.upperPrice.fill('32950');
    await form.levels.fill('7');
    await form.investment.fill('1000');
    await expect(form.gridPreviewLevels).toHaveCount(7);
  });

  const row = bots.row('E2E grid');
  await expect(row).toHaveAttribute('data-state', 'stopped');
  await bots.startFromRow('E2E grid').click();
  await expect(row).toHaveAttribute('data-state', 'running');

  // Its orders: in the list's count, the detail's orders tab and as lines on its chart.
  await expect(row).not.toHaveAttribute('data-open-orders', '0');
  const detail = bots.detail;
  const chart = detail.chart;
  await expect(chart).toHaveAttribute('data-state', 'ready');
  await expect(chart).not.toHaveAttribute('data-level-lines', '0');
  await expect(detail.ordersWithStatus('open').first()).toBeVisible();

  // The replay moves through the levels: a buy fills and the sell one level up closes the pair.
  await expect
    .poll(async () => Number(await row.getAttribute('data-realised-pnl')), { timeout: 120_000, intervals: [1_000] })
    .toBeGreaterThan(0);
  await expect(detail.realisedPnl.locator('.is-up')).toBeVisible();
  await expect(chart).not.toHaveAttribute('data-fill-markers', '0');

  // Stop asks first, and whether to keep or sell the BTC the grid bought; the answer is said.
  await detail.button('Stop').click();
  const confirmStop = page.getByRole('alertdialog', { name: /^Stop / });
  await confirmStop.getByRole('radio', { name: /Sell them at market/ }).check();
  await confirmStop.getByRole('button', { name: 'Stop and sell the BTC' }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
  await expect(
    page.getByText(/Stopped: (Sold [\d.]+ BTC at market|Kept [\d.]+ BTC: below the market's minimum|It held no BTC)/).first(),
  ).toBeVisible();
  await expect(row).toHaveAttribute('data-open-orders', '0');
  await expect(detail.ordersWithStatus('open')).toHaveCount(0);
  await expect(detail.ordersWithStatus('cancelled').first()).toBeVisible();
  await expect(chart).toHaveAttribute('data-order-lines', '0');
  await expect(detail.button('Delete…')).toBeEnabled();
  expect(consoleErrors).toEqual([]);
});

test('a strategy bot runs a saved graph and shows its state and events', async ({ page }) => {
  test.setTimeout(120_000);
  const bots = await open(page, '60');
  const app = new AppShell(page);

  await app.tab('Strategies').click();
  const lab = new StrategyLab(page);
  await lab.newStrategy.click();
  const newStrategy = lab.newDialog;
  await newStrategy.template(/SMA cross/).check();
  await newStrategy.name.fill('E2E cross');
  await newStrategy.create.click();
  await expect(newStrategy.dialog).toBeHidden();

  await app.tab('Bots').click();
  await bots.create(async (form) => {
    await form.kind('Strategy').check();
    await form.name.fill('E2E trend');
    await form.strategy.selectOption({ label: 'E2E cross' });
    await form.capitalPerEntry.fill('200');
  });

  const row = bots.row('E2E trend');
  await row.click();
  const detail = bots.detail;
  await detail.button('Start').click();
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(detail.state).toHaveText('Running');
  await expect(detail.chart).toHaveAttribute('data-state', 'ready');

  await detail.eventsTab.click();
  const events = detail.events;
  await expect(events).toContainText('Created strategy bot on BTC/USDT (paper).');
  await expect(events.getByRole('listitem').first()).toContainText('Started');

  // Events arrive live: pausing logs one at the top of the log.
  await detail.button('Pause').click();
  await expect(row).toHaveAttribute('data-state', 'paused');
  await expect(events.getByRole('listitem').first()).toContainText('Paused');
  await expect(detail.button('Resume')).toBeEnabled();
  await expect(bots.lastEvent('E2E trend')).toContainText('Paused');

  // The kill switch (Ctrl+Shift+K) asks first, then stops every bot and says what it did.
  await page.keyboard.press('Control+Shift+K');
  await bots.killSwitchConfirm.click();
  await expect(bots.killSwitchSummary).toContainText('1 bot stopped, 0 orders cancelled.');
  await bots.killSwitchDone.click();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  await expect(detail.stopReason).toContainText('Kill switch');
  expect(consoleErrors).toEqual([]);
});
