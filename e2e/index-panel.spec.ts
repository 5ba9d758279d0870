/**
 * The Index panel in Chromium against the headless host (offline replay, the paper account): a
 * basket is built and its plan previewed before the bot exists, the bot is created and started,
 * its first round's market orders fill, the panel has no serious or critical axe violation, and
 * the basket's backtest runs on the worker pool and shows its result.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { DockWorkspace } from './pages/dock-workspace';

let host: HeadlessHost;

test.beforeEach(async () => {
  host = await startHeadlessHost();
});

test.afterEach(async () => {
  await host.stop();
});

test('builds a basket, previews its plan, creates and starts the index bot, and shows its first round', async ({ page }) => {
  await page.goto(host.url);
  const dock = new DockWorkspace(page);
  await dock.ready();
  await dock.addPanel.selectOption({ label: 'Index' });
  const panel = page.getByRole('region', { name: 'Index', exact: true });
  await expect(panel.getByText('No index bot yet.')).toBeVisible();

  await panel.getByRole('button', { name: 'New index bot…' }).click();
  const form = panel.getByRole('form', { name: 'New index bot' });
  await form.getByRole('textbox', { name: 'Bot name' }).fill('Majors');
  await form.getByRole('textbox', { name: 'Weight of asset 1 (%)' }).fill('60');
  await expect(form.getByRole('button', { name: 'Create bot' })).toBeDisabled();
  await form.getByRole('button', { name: 'Preview plan' }).click();
  await expect(form.getByRole('alert')).toHaveText('the weights add up to 110 %; they must add up to 100 %');
  await form.getByRole('textbox', { name: 'Weight of asset 2 (%)' }).fill('40');
  await form.getByRole('button', { name: 'Preview plan' }).click();
  const preview = form.getByRole('region', { name: 'Plan preview' });
  await expect(preview.getByText('First round if started now: 2 market orders, sells first')).toBeVisible();
  await expect(preview.getByRole('img', { name: /^Target vs actual weights: BTC 0 % of 60 %, ETH 0 % of 40 %/ })).toBeVisible();

  const axe = await new AxeBuilder({ page }).include('.index-panel').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await form.getByRole('button', { name: 'Create bot' }).click();
  const bot = panel.getByRole('article', { name: 'Index bot Majors' });
  await expect(bot.getByText('Stopped', { exact: true })).toBeVisible();
  await bot.getByRole('button', { name: 'Start' }).click();
  await expect(bot.getByText('Running', { exact: true })).toBeVisible();
  // The first round's two market buys fill on the paper account; the panel re-reads on the bot's changes.
  await expect(async () => {
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await expect(bot.locator('.index-rounds tbody tr')).toHaveCount(1, { timeout: 1_000 });
    await expect(bot.locator('.index-rounds')).toContainText('buy', { timeout: 1_000 });
    await expect(bot.locator('.index-rounds')).not.toContainText('waiting', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(bot.locator('.index-rounds')).toContainText(': filled');

  // The basket on the bundled history: a job on the bundled backtest worker, its result beside buy-and-hold.
  const backtest = bot.getByRole('region', { name: 'Backtest this basket' });
  await backtest.getByRole('button', { name: 'Run backtest' }).click();
  await expect(
    backtest.getByRole('img', { name: /^Equity over 4031 bars: rebalanced ends at [\d,.]+ USDT, buy-and-hold at [\d,.]+ USDT$/ }),
  ).toBeVisible({
    timeout: 20_000,
  });
  await expect(backtest.getByRole('progressbar')).toHaveCount(0);
  await expect(backtest.getByRole('button', { name: 'Run backtest' })).toBeEnabled();
});
