/**
 * The strategy builder end to end, in Chromium against the headless host and the real core:
 * an SMA cross built from the palette by drag and drop, wired port to port with the mouse,
 * parameters set, saved, backtested on the bundled history; then a connection deleted, and the
 * node's error and the disabled Run button (with its reason) seen.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AppShell, StrategyLab } from './pages';

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

test('builds, saves and backtests an SMA cross; a broken connection shows on the node and blocks the run', async ({ page }) => {
  await page.goto(host.url);
  await new AppShell(page).tab('Strategies').click();
  const lab = new StrategyLab(page);
  const node = (id: string) => lab.node(id);

  // A blank strategy: just the Candle block.
  await lab.newStrategy.click();
  const dialog = lab.newDialog;
  await dialog.name.fill('My SMA cross');
  await dialog.create.click();
  await expect(dialog.dialog).toBeHidden();
  await expect(lab.heading('My SMA cross')).toBeVisible();
  await expect(node('candle')).toBeVisible();

  // The palette's search narrows the catalogue.
  const search = lab.paletteSearch;
  await search.fill('moving average');
  await expect(lab.paletteBlock('sma')).toBeVisible();
  await expect(lab.paletteBlock('rsi')).toHaveCount(0);
  await search.fill('');

  // Drag each block onto the canvas: data on the left, actions on the right.
  const box = (await lab.canvas.boundingBox())!;
  const column = (k: number) => 40 + k * 240;
  const top = Math.round(box.height * 0.12);
  const bottom = Math.round(box.height * 0.55);
  await lab.dropBlock('sma', column(1), top);
  await lab.dropBlock('sma', column(1), bottom);
  await lab.dropBlock('crossesAbove', column(2), top);
  await lab.dropBlock('crossesBelow', column(2), bottom);
  await lab.dropBlock('enterLong', column(3), top);
  await lab.dropBlock('exitLong', column(3), bottom);
  await expect(lab.nodes).toHaveCount(7);
  await expect(lab.editorStatus).toHaveText('Added Exit long 1.');
  await expect(lab.unsaved).toHaveAttribute('data-dirty', 'true');

  // Ports are coloured by type.
  await expect(lab.port('SMA 1 output value')).toHaveAttribute('data-port-type', 'number');
  await expect(lab.port('Enter long 1 input when')).toHaveAttribute('data-port-type', 'boolean');

  // A connection between different types is refused when dropped, with the reason.
  await lab.wire('SMA 1 output value', 'Enter long 1 input when');
  await expect(lab.editorStatus).toHaveText(
    'Connection refused: Enter long 1 input "When" takes a boolean, but SMA 1 output "Value" gives a number.',
  );

  await lab.wire('Candle output close', 'SMA 1 input source');
  await lab.wire('Candle output close', 'SMA 2 input source');
  await lab.wire('SMA 1 output value', 'Crosses above 1 input a');
  await lab.wire('SMA 2 output value', 'Crosses above 1 input b');
  await lab.wire('SMA 1 output value', 'Crosses below 1 input a');
  await lab.wire('SMA 2 output value', 'Crosses below 1 input b');
  await lab.wire('Crosses above 1 output value', 'Enter long 1 input when');
  await lab.wire('Crosses below 1 output value', 'Exit long 1 input when');
  await expect(lab.edges).toHaveCount(8);

  // Parameters are edited on the blocks.
  await lab.parameter('sma1', 'Period').fill('10');
  await lab.parameter('sma2', 'Period').fill('30');
  await expect(lab.validation).toHaveAttribute('data-error-count', '0');
  for (const id of ['sma1', 'sma2', 'crossesAbove1', 'crossesBelow1', 'enterLong1', 'exitLong1']) {
    await expect(node(id)).toHaveAttribute('data-error-count', '0');
  }

  // Save (Ctrl+S), and the list shows it without errors.
  await page.keyboard.press('Control+s');
  await expect(lab.editorStatus).toHaveText('Saved.');
  await expect(lab.unsaved).toHaveAttribute('data-dirty', 'false');
  await expect(lab.listItems.filter({ hasText: 'My SMA cross' })).toContainText('7 blocks');

  // Export JSON: a Blob URL download (the CSP governs fetches, not downloads) of the saved graph.
  const [download] = await Promise.all([page.waitForEvent('download'), lab.exportJson.click()]);
  expect(download.suggestedFilename()).toBe('my-sma-cross.tradewind-strategy.json');
  const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { name: string; nodes: unknown[]; edges: unknown[] };
  expect(exported).toMatchObject({ format: 'tradewind.strategy', version: 1, name: 'My SMA cross' });
  expect([exported.nodes.length, exported.edges.length]).toEqual([7, 8]);

  // Backtest on the bundled Binance history.
  await expect(lab.dataSet).toHaveValue('bundled:history/BTC_USDT-1h');
  const run = lab.run;
  await expect(run).toBeEnabled();
  await run.click();
  await expect(lab.results).toBeVisible({ timeout: 30_000 });
  await expect(lab.results).toContainText('My SMA cross on BTC/USDT 1h');
  const trades = Number(await lab.metric('trades').textContent());
  expect(trades).toBeGreaterThan(0);
  await expect(lab.metric('finalEquity')).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2}$/);
  await expect(lab.metric('sharpe')).not.toHaveText('');
  const points = Number(await lab.equityChart.getAttribute('data-point-count'));
  expect(points).toBeGreaterThan(0);
  await expect(lab.tradesChart).toHaveAttribute('data-marker-count', /^[1-9]\d*$/);
  await expect(lab.tradesTableRows).toHaveCount(Math.min(trades, 2000));
  await page.screenshot({ path: 'test-results/strategy-builder.png' });

  // Break a connection: the block it fed shows its error, and the Run button says why it is off.
  // (Its midpoint is where SMA 1 → Crosses below crosses it, so it is chosen from the keyboard.)
  await lab.connection('Connection SMA 2 value to Crosses above 1 b').focus();
  await page.keyboard.press('Enter');
  await expect(lab.selectedEdges).toHaveCount(1);
  await page.keyboard.press('Delete');
  await expect(lab.editorStatus).toHaveText('Deleted 1 connection.');
  await expect(lab.edges).toHaveCount(7);
  const broken = node('crossesAbove1');
  await expect(broken).toHaveAttribute('data-error-count', '1');
  await expect(lab.errorBadge('crossesAbove1', '1 error')).toBeVisible();
  await expect(run).toBeDisabled();
  const reason = lab.runBlockedReason;
  await expect(reason).toHaveText(
    'Fix 1 error in the strategy first: Crosses above "crossesAbove1": input "b" (number) is not connected; connect a series or type a number for "b".',
  );
  await expect(run).toHaveAttribute('aria-describedby', (await reason.getAttribute('id'))!);
  await expect(lab.unsaved).toHaveAttribute('data-dirty', 'true');

  // Undo brings the connection back, and the run is possible again.
  await page.keyboard.press('Control+z');
  await expect(lab.edges).toHaveCount(8);
  await expect(run).toBeEnabled();

  // Copy and paste a block (fresh id, parameters kept), then undo the paste.
  await lab.blockHeader('sma2').click();
  await page.keyboard.press('Control+c');
  await expect(lab.editorStatus).toHaveText('Copied 1 block.');
  await page.keyboard.press('Control+v');
  await expect(lab.nodes).toHaveCount(8);
  await expect(lab.parameter('sma3', 'Period')).toHaveValue('30');
  await expect(node('sma3')).toHaveAttribute('data-error-count', '1');
  await page.keyboard.press('Control+z');
  await expect(lab.nodes).toHaveCount(7);
  expect(consoleErrors).toEqual([]);
});

test('optimises an SMA cross by random search and applies the best parameters to the strategy', async ({ page }) => {
  await page.goto(host.url);
  await new AppShell(page).tab('Strategies').click();
  const lab = new StrategyLab(page);
  await lab.newStrategy.click();
  await lab.newDialog.name.fill('Tuned SMA cross');
  await lab.newDialog.template(/SMA cross/).click();
  await lab.newDialog.create.click();
  await expect(lab.heading('Tuned SMA cross')).toBeVisible();

  const opt = lab.optimiser();
  await opt.tab.click();
  await opt.sweep('Fast SMA · Period').check();
  await opt.sweep('Slow SMA · Period').check();
  await opt.method.selectOption('random');
  await opt.budget.fill('6');
  await opt.seed.fill('3');
  await expect(opt.run).toHaveText('Run 6 backtests');
  await opt.run.click();
  await expect(opt.results).toBeVisible({ timeout: 60_000 });
  await expect(opt.results).toContainText('Points searched');
  await expect(opt.rows).toHaveCount(6);

  // The best row is first (the table sorts by score); its values go into the blocks.
  const best = opt.rows.first();
  const [fast, slow] = [await best.locator('td').nth(0).textContent(), await best.locator('td').nth(1).textContent()];
  await opt.applyBest.click();
  await expect(opt.applied).toContainText(`Fast SMA · Period = ${fast}, Slow SMA · Period = ${slow}`);
  await expect(lab.parameter('fast', 'Period')).toHaveValue(fast!);
  await expect(lab.parameter('slow', 'Period')).toHaveValue(slow!);
  await expect(lab.unsaved).toHaveAttribute('data-dirty', 'true');
  expect(consoleErrors).toEqual([]);
});
