/**
 * Issue #20 item 6, in Chromium against the headless host and the real core: "RSI < 30 on 1h AND
 * close > EMA(200) on 4h, two targets, ATR stop" built by drag and drop, the RSI level typed on the
 * comparison (no Number block), its plain-language summary read, then backtested on the bundled
 * BTC/USDT 1h history. Two targets are two partial take-profits (50 % at +2 %, the rest at +4 %);
 * the stop is "Stop at price" wired from close − 2 × ATR(14), fixed at entry.
 */
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AppShell, StrategyLab } from './pages';

let host: HeadlessHost;

// The largest window of the layout sweep: the editor beside the backtest is about 1,100 px wide.
test.use({ viewport: { width: 2560, height: 1440 } });

test.beforeEach(async () => {
  host = await startHeadlessHost();
});

test.afterEach(async () => {
  await host.stop();
});

test('builds the multi-timeframe RSI strategy with two targets and an ATR stop, reads its summary, backtests it', async ({ page }) => {
  await page.goto(host.url);
  await new AppShell(page).tab('Strategies').click();
  const lab = new StrategyLab(page);
  await lab.newStrategy.click();
  await lab.newDialog.name.fill('RSI dip in a 4h trend');
  await lab.newDialog.create.click();
  await expect(lab.newDialog.dialog).toBeHidden();

  // The blank strategy's Candle goes to the top-left corner, out of the way of the drops.
  const box = (await lab.canvas.boundingBox())!;
  const header = (await lab.blockHeader('candle').boundingBox())!;
  await page.mouse.move(header.x + 20, header.y + header.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 40, box.y + 20, { steps: 8 });
  await page.mouse.up();

  // Five columns of three rows, data on the left, orders on the right; none under the zoom buttons.
  const x = (k: number) => Math.round(20 + (k * (box.width - 40)) / 5);
  const y = (row: number) => Math.round(20 + (row * (box.height - 40)) / 3);
  await lab.dropBlock('higherTimeframe', x(0), y(1));
  await lab.dropBlock('atr', x(0), y(2));
  await lab.dropBlock('rsi', x(1), y(0));
  await lab.dropBlock('ema', x(1), y(1));
  await lab.dropBlock('constant', x(1), y(2));
  await lab.dropBlock('lessThan', x(2), y(0));
  await lab.dropBlock('greaterThan', x(2), y(1));
  await lab.dropBlock('multiply', x(2), y(2));
  await lab.dropBlock('and', x(3), y(0));
  await lab.dropBlock('enterLong', x(3), y(1));
  await lab.dropBlock('subtract', x(3), y(2));
  await lab.dropBlock('partialTakeProfit', x(4), y(0));
  await lab.dropBlock('partialTakeProfit', x(4), y(1));
  await lab.dropBlock('stopAtPrice', x(4), y(2));
  await expect(lab.nodes).toHaveCount(15);

  await lab.wire('Candle output close', 'RSI 1 input source');
  await lab.wire('Candle (higher timeframe) 1 output close', 'EMA 1 input source');
  await lab.wire('RSI 1 output value', 'Less than 1 input a');
  await lab.wire('Candle (higher timeframe) 1 output close', 'Greater than 1 input a');
  await lab.wire('EMA 1 output value', 'Greater than 1 input b');
  await lab.wire('Less than 1 output value', 'And 1 input a');
  await lab.wire('Greater than 1 output value', 'And 1 input b');
  await lab.wire('And 1 output value', 'Enter long 1 input when');
  await lab.wire('ATR 1 output value', 'Multiply 1 input a');
  await lab.wire('Number 1 output value', 'Multiply 1 input b');
  await lab.wire('Candle output close', 'Subtract 1 input a');
  await lab.wire('Multiply 1 output value', 'Subtract 1 input b');
  await lab.wire('Enter long 1 output position', 'Partial take-profit 1 input entry');
  await lab.wire('Enter long 1 output position', 'Partial take-profit 2 input entry');
  await lab.wire('Enter long 1 output position', 'Stop at price 1 input entry');
  await lab.wire('Subtract 1 output value', 'Stop at price 1 input price');
  await expect(lab.edges).toHaveCount(16);

  // Typed constants: RSI < 30 on the comparison itself; the rest on their blocks.
  // (By role: a port handle's name, e.g. "Less than 1 input b", would match the label too.)
  const number = (id: string, name: string) => lab.node(id).getByRole('spinbutton', { name: new RegExp(`^${name}`) });
  await number('lessThan1', 'B').fill('30');
  await lab.node('higherTimeframe1').getByRole('combobox', { name: 'Timeframe' }).selectOption('4h');
  await number('ema1', 'Period').fill('200');
  await number('constant1', 'Value').fill('2');
  await number('partialTakeProfit1', 'Share of position').fill('50');
  await number('partialTakeProfit1', 'Target distance').fill('2');
  await number('partialTakeProfit2', 'Share of position').fill('50');
  await number('partialTakeProfit2', 'Target distance').fill('4');
  await expect(lab.validation).toHaveAttribute('data-error-count', '0');

  await expect(page.getByTestId('strategy-summary')).toContainText(
    'Buy when RSI(14) of the close is below 30 and the 4h close is above EMA(200) of the 4h close; sell at a stop of the close − (ATR(14) × 2) (fixed at entry). Take 50 % of the position at 2 % above the entry price. Take 50 % of the position at 4 % above the entry price.',
  );

  await page.keyboard.press('Control+s');
  await expect(lab.editorStatus).toHaveText('Saved.');
  await expect(lab.listItems.filter({ hasText: 'RSI dip in a 4h trend' })).toContainText('Buy when RSI(14) of the close is below 30');

  await expect(lab.dataSet).toHaveValue('bundled:history/BTC_USDT-1h');
  await expect(lab.run).toBeEnabled();
  await lab.run.click();
  await expect(lab.results).toBeVisible({ timeout: 60_000 });
  await expect(lab.results).toContainText('RSI dip in a 4h trend on BTC/USDT 1h');
  await expect(lab.metric('trades')).toHaveText(/^\d+$/);
  await expect(lab.metric('finalEquity')).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2}$/);
});
