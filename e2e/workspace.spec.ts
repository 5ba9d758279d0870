import { expect, test, type Page } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { DockWorkspace, MarketsPanel } from './pages';

/**
 * The docking workspace as a person uses it: drag a panel into another group and find it there
 * after a reload, save and restore a named layout, link a second chart to a colour group that
 * follows its own market, and detach a panel into a window of its own.
 */
let host: HeadlessHost;
const pageErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  host = await startHeadlessHost();
  pageErrors.length = 0;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
});

test.afterEach(async () => {
  await host.stop();
});

/** The titles of the tabs in the group that holds `title`'s tab, in order. */
async function groupTabs(page: Page, title: string): Promise<string[]> {
  return page
    .locator('.dv-groupview')
    .evaluateAll(
      (groups, wanted) =>
        groups
          .map((group) => [...group.querySelectorAll('.dv-tab .dock-tab-title')].map((tab) => tab.textContent?.trim() ?? ''))
          .find((titles) => titles.includes(wanted)) ?? [],
      title,
    );
}

test('a panel dragged into another group stays there after a reload', async ({ page }) => {
  await page.goto(host.url);
  const dock = new DockWorkspace(page);
  await dock.ready();
  expect(await groupTabs(page, 'Balances')).toEqual(['Balances']);

  // Drop the Balances tab onto the chart group's tab strip: it becomes a tab next to the chart.
  await dock.tab('Balances').dragTo(dock.tab('Chart'));
  await expect.poll(() => groupTabs(page, 'Balances')).toContain('Chart');
  await dock.settled();
  await expect(dock.layout).toHaveValue('');

  await page.reload();
  await dock.ready();
  await expect.poll(() => groupTabs(page, 'Balances')).toEqual(expect.arrayContaining(['Chart', 'Balances']));
  await expect(dock.layout).toHaveValue('');
  expect(pageErrors).toEqual([]);
});

test('a layout saved under a name comes back from the Layout list, also after a reload', async ({ page }) => {
  await page.goto(host.url);
  const dock = new DockWorkspace(page);
  await dock.ready();
  await dock.applyLayout('Build');
  await expect(dock.tab('Strategy editor')).toBeVisible();
  await expect(dock.tab('Backtest & results')).toBeVisible();
  await expect(dock.tab('Ticket')).toHaveCount(0);

  await dock.saveLayout.click();
  const dialog = page.getByRole('dialog', { name: 'Save layout' });
  await dialog.getByRole('textbox', { name: 'Layout name' }).fill('Research');
  await dialog.getByRole('button', { name: 'Save layout' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(dock.layout).toHaveValue('named:Research');

  await dock.applyLayout('Trade');
  await expect(dock.tab('Ticket')).toBeVisible();
  await expect(dock.tab('Strategy editor')).toHaveCount(0);

  await dock.applyLayout('Research');
  await expect(dock.tab('Strategy editor')).toBeVisible();
  await expect(dock.tab('Ticket')).toHaveCount(0);
  await dock.settled();

  await page.reload();
  await dock.ready();
  await expect(dock.layout).toHaveValue('named:Research');
  await expect(dock.tab('Strategy editor')).toBeVisible();
  await expect(dock.layout.locator('option', { hasText: 'Research' })).toHaveCount(1);
  expect(pageErrors).toEqual([]);
});

test('a second chart in a colour group follows its own market; the main chart keeps the main one', async ({ page }) => {
  await page.goto(host.url);
  const dock = new DockWorkspace(page);
  const markets = new MarketsPanel(page);
  await dock.ready();
  const charts = page.getByTestId('price-chart');
  await expect(charts).toHaveCount(1);
  await expect(charts).toHaveAttribute('data-symbol', 'BTC/USDT');

  await dock.addPanel.selectOption({ label: 'Chart' });
  await expect(dock.tab('Chart 2')).toBeVisible();
  await expect(charts).toHaveCount(2);
  await dock.linkSelect('Chart 2').selectOption('red');
  await dock.tab('Markets').click();
  await dock.linkSelect('Markets').selectOption('red');

  // Picking ETH in the red markets list moves the red chart only.
  await markets.market('ETH/USDT').click();
  const redChart = page.locator('.dock-panel[data-link="red"]').getByTestId('price-chart');
  const mainChart = page.locator('.dock-panel[data-link="main"]').getByTestId('price-chart');
  await expect(redChart).toHaveAttribute('data-symbol', 'ETH/USDT');
  await expect(redChart).toHaveAttribute('data-state', 'ready');
  await expect(mainChart).toHaveAttribute('data-symbol', 'BTC/USDT');

  // Back on the main group, the list drives the main chart and the red one stays on ETH.
  await dock.linkSelect('Markets').selectOption('main');
  await markets.market('ETH/USDT').click();
  await expect(mainChart).toHaveAttribute('data-symbol', 'ETH/USDT');
  await markets.market('BTC/USDT').click();
  await expect(mainChart).toHaveAttribute('data-symbol', 'BTC/USDT');
  await expect(redChart).toHaveAttribute('data-symbol', 'ETH/USDT');
  expect(pageErrors).toEqual([]);
});

test('Pop out opens the panel in a new window of its own', async ({ page }) => {
  await page.goto(host.url);
  const dock = new DockWorkspace(page);
  await dock.ready();
  await dock.tab('Balances').click();
  const opened = page.context().waitForEvent('page');
  await dock.action('Pop out Balances into its own window').click();
  const popout = await opened;
  await popout.waitForLoadState();
  expect(new URL(popout.url()).pathname).toMatch(/\/popout\.html$/);
  // The panel itself moved there (its live content, not a copy), and left the main window.
  await expect(popout.getByTestId('balances-total')).toHaveText('10,000.00 USDT');
  await expect(page.getByTestId('balances-total')).toHaveCount(0);
  await expect(popout.getByRole('button', { name: 'Put Balances back into the main window' })).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('a popped-out panel opens in its own window again after a reload', async ({ page }) => {
  await page.goto(host.url);
  const dock = new DockWorkspace(page);
  await dock.ready();
  await dock.tab('Balances').click();
  const firstWindow = page.context().waitForEvent('page');
  await dock.action('Pop out Balances into its own window').click();
  const first = await firstWindow;
  await expect(first.getByTestId('balances-total')).toHaveText('10,000.00 USDT');
  await dock.settled();

  // The saved layout holds the popout group: after a reload dockview opens its window again and
  // moves the panel there; it is not back in the main window.
  const secondWindow = page.context().waitForEvent('page', (opened) => opened !== first);
  await page.reload();
  await dock.ready();
  const second = await secondWindow;
  await second.waitForLoadState();
  expect(new URL(second.url()).pathname).toMatch(/\/popout\.html$/);
  await expect(second.getByTestId('balances-total')).toHaveText('10,000.00 USDT');
  await expect(page.getByTestId('balances-total')).toHaveCount(0);
  await expect(second.getByRole('button', { name: 'Put Balances back into the main window' })).toBeVisible();
  // The window the panel was in before the reload does not linger as an empty, dead copy.
  await expect.poll(() => first.isClosed()).toBe(true);
  expect(pageErrors).toEqual([]);
});
