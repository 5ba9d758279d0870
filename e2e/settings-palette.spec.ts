import { expect, test, type Page } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { ChartPanel, CommandPalette, MarketsPanel, SettingsDialog, TicketPanel } from './pages';

let host: HeadlessHost | null = null;
const pageErrors: string[] = [];

async function open(page: Page) {
  host = await startHeadlessHost();
  pageErrors.length = 0;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(host.url);
  const chart = new ChartPanel(page);
  await expect(chart.chart).toHaveAttribute('data-state', 'ready');
  return { chart, settings: new SettingsDialog(page), palette: new CommandPalette(page), ticket: new TicketPanel(page) };
}

/** "r,g,b" of a canvas's top-left pixel (in the page). */
function firstPixel(canvas: HTMLCanvasElement): string {
  const [r, g, b] = canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data;
  return `${r},${g},${b}`;
}

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('the first-run banner stays dismissed; the number format and theme are set in Settings and followed by the ticket and the page', async ({
  page,
}) => {
  const { settings, ticket } = await open(page);
  await expect(settings.firstRun).toContainText('paper account');
  await expect(settings.firstRun).toContainText('offline replay');
  await settings.firstRunDismiss.click();
  await expect(settings.firstRun).toBeHidden();

  await page.keyboard.press('Control+Comma');
  await expect(settings.dialog).toBeVisible();
  await settings.decimalComma.check();
  await expect(settings.saved).toHaveText('Saved');
  await settings.light.check();
  await expect.poll(() => settings.theme()).toBe('light');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(238, 241, 245)');
  // The chart's canvas follows too (it cannot read CSS variables): its first pixel is the light surface.
  await expect.poll(() => new ChartPanel(page).chart.locator('canvas').first().evaluate(firstPixel)).toBe('255,255,255');
  await settings.close.click();
  await expect(settings.dialog).toBeHidden();

  await ticket.orderType.selectOption('market');
  await ticket.region.getByRole('combobox', { name: 'Amount unit' }).selectOption('quote');
  await ticket.amount.fill('100,5');
  // 100,5 USDT is a hundred and a half, read by the format chosen in Settings.
  await expect(ticket.summary).toContainText(/Total100\.\d+ USDT/);
  await expect(ticket.region.getByRole('button', { name: '1,5' })).toHaveAttribute('aria-pressed', 'true');

  // Kept in core: a reload comes back in the same format and theme, without the banner.
  await page.reload();
  await expect(ticket.region.getByRole('button', { name: '1,5' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => settings.theme()).toBe('light');
  await expect(new ChartPanel(page).chart).toHaveAttribute('data-state', 'ready');
  await expect(settings.firstRun).toBeHidden();
  expect(pageErrors).toEqual([]);
});

test('the palette jumps to a market from the keyboard, ? lists the shortcuts, and a reload keeps the market, timeframe and ticket draft', async ({
  page,
}) => {
  const { chart, palette, ticket } = await open(page);
  await palette.open();
  await expect(palette.input).toBeFocused();
  await page.keyboard.type('eth/usdt');
  await expect(palette.options.first()).toHaveText('ETH/USDT');
  await page.keyboard.press('Enter');
  await expect(palette.dialog).toBeHidden();
  await expect(chart.chart).toHaveAttribute('data-symbol', 'ETH/USDT');
  await expect(new MarketsPanel(page).market('ETH/USDT')).toHaveAttribute('aria-selected', 'true');

  await ticket.price.fill('2000.5');
  await ticket.amount.fill('0.03');
  await chart.timeframe('15m').click();
  await expect(chart.chart).toHaveAttribute('data-timeframe', '15m');

  // Focus is on the timeframe button, not in a field: ? opens the sheet.
  await page.keyboard.press('?');
  await expect(palette.shortcutSheet).toContainText('Command palette');
  await expect(palette.shortcutSheet).toContainText('Kill switch');
  await page.keyboard.press('Escape');
  await expect(palette.shortcutSheet).toBeHidden();

  await page.reload();
  await expect(chart.chart).toHaveAttribute('data-symbol', 'ETH/USDT');
  await expect(chart.chart).toHaveAttribute('data-timeframe', '15m');
  await expect(ticket.price).toHaveValue('2000.5');
  await expect(ticket.amount).toHaveValue('0.03');
  expect(pageErrors).toEqual([]);
});
