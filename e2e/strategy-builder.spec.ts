/**
 * The strategy builder end to end, in Chromium against the headless host and the real core:
 * an SMA cross built from the palette by drag and drop, wired port to port with the mouse,
 * parameters set, saved, backtested on the bundled history; then a connection deleted, and the
 * node's error and the disabled Run button (with its reason) seen.
 */
import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';

let host: HeadlessHost;
const consoleErrors: string[] = [];

// A wide window so four columns of blocks fit the canvas at 100 % zoom.
test.use({ viewport: { width: 1920, height: 1080 } });

test.beforeEach(async ({ page }) => {
  host = await startHeadlessHost();
  consoleErrors.length = 0;
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});

test.afterEach(async () => {
  await host.stop();
});

const node = (page: Page, id: string) => page.locator(`[data-testid="strategy-node"][data-node-id="${id}"]`);
const port = (page: Page, label: string) => page.locator(`[aria-label="${label}"]`);

/** HTML5 drag from the palette onto the canvas at (x, y) in the canvas's own coordinates. */
async function dropBlock(page: Page, type: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-${type}`).dragTo(page.getByTestId('strategy-canvas'), { targetPosition: { x, y } });
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** xyflow connects on pointer events: press on one handle, move, release on the other. */
async function wire(page: Page, fromLabel: string, toLabel: string): Promise<void> {
  const from = await centre(port(page, fromLabel));
  const to = await centre(port(page, toLabel));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

test('builds, saves and backtests an SMA cross; a broken connection shows on the node and blocks the run', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Strategies' }).click();

  // A blank strategy: just the Candle block.
  await page.getByRole('button', { name: 'New…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New strategy' });
  await dialog.getByLabel('Name (optional)').fill('My SMA cross');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'My SMA cross' })).toBeVisible();
  await expect(node(page, 'candle')).toBeVisible();

  // The palette's search narrows the catalogue.
  const search = page.getByRole('searchbox', { name: 'Search blocks' });
  await search.fill('moving average');
  await expect(page.getByTestId('palette-sma')).toBeVisible();
  await expect(page.getByTestId('palette-rsi')).toHaveCount(0);
  await search.fill('');

  // Drag each block onto the canvas: data on the left, actions on the right.
  const canvas = page.getByTestId('strategy-canvas');
  const box = (await canvas.boundingBox())!;
  const column = (k: number) => 40 + k * 240;
  const top = Math.round(box.height * 0.12);
  const bottom = Math.round(box.height * 0.55);
  await dropBlock(page, 'sma', column(1), top);
  await dropBlock(page, 'sma', column(1), bottom);
  await dropBlock(page, 'crossesAbove', column(2), top);
  await dropBlock(page, 'crossesBelow', column(2), bottom);
  await dropBlock(page, 'enterLong', column(3), top);
  await dropBlock(page, 'exitLong', column(3), bottom);
  await expect(page.getByTestId('strategy-node')).toHaveCount(7);
  await expect(page.getByTestId('editor-status')).toHaveText('Added Exit long 1.');
  await expect(page.getByTestId('unsaved-indicator')).toHaveAttribute('data-dirty', 'true');

  // Ports are coloured by type.
  await expect(port(page, 'SMA 1 output value')).toHaveAttribute('data-port-type', 'number');
  await expect(port(page, 'Enter long 1 input when')).toHaveAttribute('data-port-type', 'boolean');

  // A connection between different types is refused when dropped, with the reason.
  await wire(page, 'SMA 1 output value', 'Enter long 1 input when');
  await expect(page.getByTestId('editor-status')).toHaveText(
    'Connection refused: Enter long 1 input "When" takes a boolean, but SMA 1 output "Value" gives a number.',
  );

  await wire(page, 'Candle output close', 'SMA 1 input source');
  await wire(page, 'Candle output close', 'SMA 2 input source');
  await wire(page, 'SMA 1 output value', 'Crosses above 1 input a');
  await wire(page, 'SMA 2 output value', 'Crosses above 1 input b');
  await wire(page, 'SMA 1 output value', 'Crosses below 1 input a');
  await wire(page, 'SMA 2 output value', 'Crosses below 1 input b');
  await wire(page, 'Crosses above 1 output value', 'Enter long 1 input when');
  await wire(page, 'Crosses below 1 output value', 'Exit long 1 input when');
  await expect(page.locator('.react-flow__edge')).toHaveCount(8);

  // Parameters are edited on the blocks.
  await node(page, 'sma1').getByLabel('Period').fill('10');
  await node(page, 'sma2').getByLabel('Period').fill('30');
  await expect(page.getByTestId('validation-panel')).toHaveAttribute('data-error-count', '0');
  for (const id of ['sma1', 'sma2', 'crossesAbove1', 'crossesBelow1', 'enterLong1', 'exitLong1']) {
    await expect(node(page, id)).toHaveAttribute('data-error-count', '0');
  }

  // Save (Ctrl+S), and the list shows it without errors.
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('editor-status')).toHaveText('Saved.');
  await expect(page.getByTestId('unsaved-indicator')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('strategy-list-item').filter({ hasText: 'My SMA cross' })).toContainText('7 blocks');

  // Export JSON: a Blob URL download (the CSP governs fetches, not downloads) of the saved graph.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(download.suggestedFilename()).toBe('my-sma-cross.tradewind-strategy.json');
  const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { name: string; nodes: unknown[]; edges: unknown[] };
  expect(exported).toMatchObject({ format: 'tradewind.strategy', version: 1, name: 'My SMA cross' });
  expect([exported.nodes.length, exported.edges.length]).toEqual([7, 8]);

  // Backtest on the bundled Binance history.
  await expect(page.getByLabel('Data set')).toHaveValue('bundled:history/BTC_USDT-1h');
  const run = page.getByTestId('run-backtest');
  await expect(run).toBeEnabled();
  await run.click();
  await expect(page.getByTestId('backtest-results')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('backtest-results')).toContainText('My SMA cross on BTC/USDT 1h');
  const trades = Number(await page.getByTestId('metric-trades').textContent());
  expect(trades).toBeGreaterThan(0);
  await expect(page.getByTestId('metric-finalEquity')).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2}$/);
  await expect(page.getByTestId('metric-sharpe')).not.toHaveText('');
  const points = Number(await page.getByTestId('equity-chart').getAttribute('data-point-count'));
  expect(points).toBeGreaterThan(0);
  await expect(page.getByTestId('trades-chart')).toHaveAttribute('data-marker-count', /^[1-9]\d*$/);
  await expect(page.getByTestId('trades-table').locator('tbody tr')).toHaveCount(Math.min(trades, 2000));
  await page.screenshot({ path: 'test-results/strategy-builder.png' });

  // Break a connection: the block it fed shows its error, and the Run button says why it is off.
  // (Its midpoint is where SMA 1 → Crosses below crosses it, so it is chosen from the keyboard.)
  await page.getByRole('group', { name: 'Connection SMA 2 value to Crosses above 1 b' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__edge.selected')).toHaveCount(1);
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('editor-status')).toHaveText('Deleted 1 connection.');
  await expect(page.locator('.react-flow__edge')).toHaveCount(7);
  const broken = node(page, 'crossesAbove1');
  await expect(broken).toHaveAttribute('data-error-count', '1');
  await expect(broken.getByRole('img', { name: '1 error' })).toBeVisible();
  await expect(run).toBeDisabled();
  const reason = page.getByTestId('run-blocked-reason');
  await expect(reason).toHaveText('Fix 1 error in the strategy first: Crosses above "crossesAbove1": input "b" (number) is not connected.');
  await expect(run).toHaveAttribute('aria-describedby', (await reason.getAttribute('id'))!);
  await expect(page.getByTestId('unsaved-indicator')).toHaveAttribute('data-dirty', 'true');

  // Undo brings the connection back, and the run is possible again.
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(8);
  await expect(run).toBeEnabled();

  // Copy and paste a block (fresh id, parameters kept), then undo the paste.
  await node(page, 'sma2').locator('.block-node-header').click();
  await page.keyboard.press('Control+c');
  await expect(page.getByTestId('editor-status')).toHaveText('Copied 1 block.');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('strategy-node')).toHaveCount(8);
  await expect(node(page, 'sma3').getByLabel('Period')).toHaveValue('30');
  await expect(node(page, 'sma3')).toHaveAttribute('data-error-count', '1');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('strategy-node')).toHaveCount(7);
  expect(consoleErrors).toEqual([]);
});
