import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT, startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AlertsPages, AppShell, ChartPanel, MarketsPanel } from './pages';

let host: HeadlessHost | null = null;

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

/** Replay speed: 5-minute bars at 4 a second, so the cross below comes within half a minute. */
const SPEED = 1200;
/**
 * Bars between the replay time the badge shows and the level's stretch: the badge is refreshed
 * every 5 s (20 bars here) and the form is filled and sent after it was read.
 */
const MARGIN_BARS = 45;

/**
 * A level the recorded BTC/USDT will cross, read from the bundled replay itself: below (or above)
 * every price from the badge's replay time through the margin, and later passed for ten bars
 * running (several ticks at any speed). The test then waits on the notification, not on luck.
 */
function levelCrossedAfter(replayTime: number): { level: number; direction: 'Downwards' | 'Upwards' } {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, 'assets/data/replay/BTC_USDT-5m.csv'), 'utf8');
  const bars = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number));
  const from = Math.max(0, bars.findIndex((bar) => bar[0]! >= replayTime) - 1);
  const window = bars.slice(from, from + MARGIN_BARS);
  const below = Math.floor(Math.min(...window.map((bar) => bar[3]!)) * 0.9995);
  const above = Math.ceil(Math.max(...window.map((bar) => bar[2]!)) * 1.0005);
  for (let i = from + MARGIN_BARS; i + 10 < bars.length; i++) {
    const run = bars.slice(i, i + 10);
    if (run.every((bar) => bar[2]! < below)) return { level: below, direction: 'Downwards' };
    if (run.every((bar) => bar[3]! > above)) return { level: above, direction: 'Upwards' };
  }
  throw new Error('the bundled replay never leaves the price band after this time: pick another market for this test');
}

test('creates a price alert from the chart context menu and sees it fire in the notification centre', async ({ page }) => {
  host = await startHeadlessHost({ TRADEWIND_REPLAY_SPEED: String(SPEED) });
  await page.goto(host.url);
  await new MarketsPanel(page).market('BTC/USDT').click();
  const chart = new ChartPanel(page).chart;
  await expect(chart).toHaveAttribute('data-state', 'ready');
  await expect(new AppShell(page).marketDataStatus).toContainText(' UTC');
  const alerts = new AlertsPages(page);

  // Right-click in the middle of the price pane: the form opens with the price under the pointer.
  const box = await chart.boundingBox();
  if (!box) throw new Error('the chart has no size');
  await chart.click({ button: 'right', position: { x: box.width / 2, y: box.height / 3 } });
  await alerts.alertAtPrice.click();
  await expect(alerts.form).toBeVisible();
  const prefilled = Number((await alerts.level.inputValue()).replace(',', '.'));
  expect(prefilled).toBeGreaterThan(1000);

  // A level the replay is known to cross from here (see above).
  const badge = (await new AppShell(page).marketDataStatus.textContent()) ?? '';
  const shown = /(\d{4}-\d\d-\d\d) (\d\d:\d\d) UTC/.exec(badge);
  if (!shown) throw new Error(`the market data badge shows no replay time: "${badge}"`);
  const { level, direction } = levelCrossedAfter(Date.parse(`${shown[1]}T${shown[2]}:00Z`));
  await alerts.level.fill(String(level));
  await alerts.direction(direction).check();
  await alerts.create.click();
  await expect(alerts.form).toBeHidden();

  await alerts.notificationsButton.click();
  await expect(alerts.notificationList).toContainText(`BTC/USDT crosses ${level} ${direction.toLowerCase()}`, { timeout: 45_000 });
  await expect(alerts.notificationList).toContainText('Price crossed');
  await alerts.notificationSearch.fill(`crosses ${direction}`);
  await expect(alerts.notificationList.getByRole('listitem')).toHaveCount(1);
  await alerts.notificationSearch.fill('no such words here');
  await expect(page.getByText('No notification matches')).toBeVisible();
  await page.keyboard.press('Escape');

  await alerts.alertsButton.click();
  await expect(alerts.rules).toHaveCount(1);
  await expect(alerts.rules).toHaveAttribute('data-state', 'triggered');
});
