/**
 * Bots end to end, in Chromium against the headless host and the real core on the offline replay
 * (BTC/USDT from 2021-07-15 02:00 UTC): a grid bot on the paper
 * account is created through the form, started, seen placing orders (list and chart), trading two
 * levels for realised profit as the replay moves, then stopped with its orders cancelled; then a
 * strategy bot runs a saved graph and shows its state and events, and the kill switch stops it.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';

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
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
}

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

const botRow = (page: Page, name: string): Locator => page.getByTestId('bot-row').filter({ has: page.locator('.bots-name', { hasText: name }) });

async function createBot(page: Page, fill: (dialog: Locator) => Promise<void>) {
  await page.getByRole('button', { name: 'New bot…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New bot' });
  await fill(dialog);
  // Core checks the settings against the market (debounced) before the bot can be created.
  await expect(dialog.getByTestId('bot-estimates')).toContainText('Settings check out.');
  await dialog.getByRole('button', { name: 'Create bot' }).click();
  await expect(dialog).toBeHidden();
}

test('a paper grid bot places its orders, trades two levels for a profit, and cancels them when stopped', async ({ page }) => {
  test.setTimeout(180_000);
  // At 120x one replayed hour passes in 30 s. BTC drifts from ~32,850 to ~32,450 over the first
  // hours in swings of 100–200: with levels 100 apart (0.3 %, more than two 0.1 % fees) a buy at
  // 32,650 fills near 03:20 and its sell at 32,750 near 03:35.
  await open(page, '120');
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('tab', { name: 'Bots' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'No bots yet' })).toBeVisible();

  await createBot(page, async (dialog) => {
    await expect(dialog.getByRole('radio', { name: 'Grid' })).toBeChecked();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('E2E grid');
    await expect(dialog.getByRole('combobox', { name: /^Market/ })).toHaveValue('BTC/USDT');
    await expect(dialog.getByRole('radio', { name: 'Paper (simulated)' })).toBeChecked();
    await dialog.getByRole('textbox', { name: /^Lower price/ }).fill('32350');
    await dialog.getByRole('textbox', { name: /^Upper price/ }).fill('32950');
    await dialog.getByRole('textbox', { name: 'Levels' }).fill('7');
    await dialog.getByRole('textbox', { name: /^Investment/ }).fill('1000');
    await expect(dialog.getByTestId('grid-preview').getByRole('listitem')).toHaveCount(7);
  });

  const row = botRow(page, 'E2E grid');
  await expect(row).toHaveAttribute('data-state', 'stopped');
  await row.getByRole('button', { name: 'Start E2E grid' }).click();
  await expect(row).toHaveAttribute('data-state', 'running');

  // Its orders: in the list's count, the detail's orders tab and as lines on its chart.
  await expect(row).not.toHaveAttribute('data-open-orders', '0');
  const detail = page.getByTestId('bot-detail');
  const chart = detail.getByTestId('bot-chart');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  await expect(chart).not.toHaveAttribute('data-level-lines', '0');
  await expect(detail.locator('[data-testid="order-row"][data-status="open"]').first()).toBeVisible();

  // The replay moves through the levels: a buy fills and the sell one level up closes the pair.
  await expect
    .poll(async () => Number(await row.getAttribute('data-realised-pnl')), { timeout: 120_000, intervals: [1_000] })
    .toBeGreaterThan(0);
  await expect(detail.getByTestId('bot-realised-pnl').locator('.is-up')).toBeVisible();
  await expect(chart).not.toHaveAttribute('data-fill-markers', '0');

  await detail.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
  await expect(row).toHaveAttribute('data-open-orders', '0');
  await expect(detail.locator('[data-testid="order-row"][data-status="open"]')).toHaveCount(0);
  await expect(detail.locator('[data-testid="order-row"][data-status="cancelled"]').first()).toBeVisible();
  await expect(chart).toHaveAttribute('data-order-lines', '0');
  await expect(detail.getByRole('button', { name: 'Delete…' })).toBeEnabled();
  expect(consoleErrors).toEqual([]);
});

test('a strategy bot runs a saved graph and shows its state and events', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, '60');

  await page.getByRole('tab', { name: 'Strategies' }).click();
  await page.getByRole('button', { name: 'New…' }).click();
  const newStrategy = page.getByRole('dialog', { name: 'New strategy' });
  await newStrategy.getByRole('radio', { name: /SMA cross/ }).check();
  await newStrategy.getByLabel('Name (optional)').fill('E2E cross');
  await newStrategy.getByRole('button', { name: 'Create' }).click();
  await expect(newStrategy).toBeHidden();

  await page.getByRole('tab', { name: 'Bots' }).click();
  await createBot(page, async (dialog) => {
    await dialog.getByRole('radio', { name: 'Strategy' }).check();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('E2E trend');
    await dialog.getByRole('combobox', { name: 'Strategy' }).selectOption({ label: 'E2E cross' });
    await dialog.getByRole('textbox', { name: /^Capital per entry/ }).fill('200');
  });

  const row = botRow(page, 'E2E trend');
  await row.click();
  const detail = page.getByTestId('bot-detail');
  await detail.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(detail.getByTestId('bot-state')).toHaveText('Running');
  await expect(detail.getByTestId('bot-chart')).toHaveAttribute('data-state', 'ready');

  await detail.getByRole('tab', { name: 'Events' }).click();
  const events = detail.getByRole('log', { name: 'Bot events' });
  await expect(events).toContainText('Created strategy bot on BTC/USDT (paper).');
  await expect(events.getByRole('listitem').first()).toContainText('Started');

  // Events arrive live: pausing logs one at the top of the log.
  await detail.getByRole('button', { name: 'Pause' }).click();
  await expect(row).toHaveAttribute('data-state', 'paused');
  await expect(events.getByRole('listitem').first()).toContainText('Paused');
  await expect(detail.getByRole('button', { name: 'Resume' })).toBeEnabled();
  await expect(row.locator('.bots-last-event')).toContainText('Paused');

  // The kill switch (Ctrl+Shift+K) asks first, then stops every bot and says what it did.
  await page.keyboard.press('Control+Shift+K');
  await page.getByRole('alertdialog', { name: 'Stop every bot?' }).getByRole('button', { name: 'Stop all bots' }).click();
  await expect(page.getByTestId('kill-switch-summary')).toContainText('1 bot stopped, 0 orders cancelled.');
  await page.getByRole('dialog', { name: 'Kill switch done' }).getByRole('button', { name: 'Close' }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  await expect(detail.getByTestId('bot-stop-reason')).toContainText('Kill switch');
  expect(consoleErrors).toEqual([]);
});
