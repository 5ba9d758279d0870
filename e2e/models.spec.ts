/**
 * The Models panel end to end (#15 item 10), in Chromium against the headless host and the real
 * core and worker pool: a strategy whose Model block is fed by two indicators (RSI and ROC) is
 * imported, its block's Train… opens the Models panel on it, a small walk-forward training runs
 * with its progress shown, the out-of-sample report is read (the baseline verdict and the scores),
 * and the strategy is backtested with the new version beside buy-and-hold.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { edge, graph, node } from '../shared/strategy/templates/graph-builder';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AppShell } from './pages';

let host: HeadlessHost;

test.use({ viewport: { width: 1600, height: 1000 } });

test.beforeEach(async () => {
  host = await startHeadlessHost();
});

test.afterEach(async () => {
  await host.stop();
});

/** Enter when the model is confident and RSI is below 50; exit when the model doubts. */
const STRATEGY = graph(
  'RSI + ROC model',
  'A Model block on two indicators',
  [
    node('candle', 'candle', {}, 0, 1),
    node('rsi', 'rsi', { period: 14 }, 1, 0, 'RSI'),
    node('roc', 'roc', { period: 5 }, 1, 2, 'ROC'),
    node('model', 'model', { model: '', version: 1 }, 2, 1, 'Up next bars'),
    node('confident', 'greaterThan', { b: 0.52 }, 3, 0),
    node('cheap', 'lessThan', { b: 50 }, 3, 1),
    node('both', 'and', {}, 4, 0),
    node('doubt', 'lessThan', { b: 0.48 }, 3, 2),
    node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 5, 0),
    node('exit', 'exitLong', {}, 5, 2),
  ],
  [
    edge('candle.close', 'rsi.source'),
    edge('candle.close', 'roc.source'),
    edge('rsi.value', 'model.f1'),
    edge('roc.value', 'model.f2'),
    edge('model.value', 'confident.a'),
    edge('rsi.value', 'cheap.a'),
    edge('confident.value', 'both.a'),
    edge('cheap.value', 'both.b'),
    edge('model.value', 'doubt.a'),
    edge('both.value', 'enter.when'),
    edge('doubt.value', 'exit.when'),
  ],
);

test('trains a Model block fed by two indicators with progress, reads its out-of-sample report and backtests it beside buy-and-hold', async ({
  page,
}) => {
  await page.goto(host.url);
  await new AppShell(page).tab('Strategies').click();
  await page.getByLabel('Strategy file to import').setInputFiles({
    name: 'rsi-roc-model.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(STRATEGY)),
  });
  const block = page.locator('[data-testid="strategy-node"][data-node-id="model"]');
  await expect(block.getByRole('combobox', { name: 'Model' })).toHaveValue('');
  await block.getByRole('button', { name: 'Train this Model block in the Models panel' }).click();

  // The dock's cell is a region named after its panel too; the panel's own section is the one with the content.
  const panel = page.locator('section.models-panel');
  await expect(panel.getByRole('combobox', { name: 'Strategy' })).toHaveValue(/.+/);
  await expect(panel.getByText('Features: rsi.value, roc.value')).toBeVisible();
  await panel.getByLabel('Data set').selectOption({ label: 'BTC/USDT 1h · Binance, 2020-12 to 2021-07 (bundled)' });
  // Small and quick: a logistic model retrained every 1000 bars on the last 1000.
  await panel.getByRole('combobox', { name: 'Kind', exact: true }).selectOption('logistic');
  await panel.getByRole('textbox', { name: 'Training window (bars)' }).fill('1000');
  await panel.getByRole('textbox', { name: 'Test window K (bars)' }).fill('1000');
  await panel.getByRole('textbox', { name: 'Lags', exact: true }).fill('0');
  await panel.getByRole('textbox', { name: 'Model name', exact: true }).fill('RSI ROC logistic');
  await panel.getByRole('button', { name: 'Train', exact: true }).click();

  const report = panel.getByRole('region', { name: 'RSI ROC logistic v1: out-of-sample report' });
  await expect(report).toBeVisible({ timeout: 60_000 });
  const progress = panel.getByRole('progressbar', { name: 'Training progress' });
  // The bar stays at its end once the job is done: it followed the job's progress events to 100 %.
  await expect(progress).toHaveAttribute('aria-valuetext', /^100 %/);
  await expect(report.getByText(/^(Does not beat a naive baseline\.|Beats both naive baselines out of sample)/)).toBeVisible();
  await expect(report.locator('dl[aria-label="Overall out-of-sample scores"]')).toContainText(
    /Accuracy\d+\.\d %.*ROC AUC\d\.\d{3}.*Always up/,
  );
  await expect(report.locator('table[aria-label="Walk-forward windows"] tbody tr')).not.toHaveCount(0);
  await expect(report.getByRole('img', { name: /^Calibration: predicted/ })).toBeVisible();
  await expect(report.getByRole('list', { name: 'Feature importance' }).getByRole('listitem')).toHaveCount(2);
  await expect(panel.locator('table[aria-label="Model versions"]')).toContainText('RSI ROC logistic v1');

  await panel.getByRole('button', { name: 'Backtest with RSI ROC logistic v1' }).click();
  const results = panel.getByTestId('model-backtest-results');
  await expect(results.getByRole('img', { name: /^Equity from .*buy and hold ends at [\d,.]+$/ })).toBeVisible({ timeout: 60_000 });
  await expect(results).toContainText(/equity [\d,.]+, buy and hold [\d,.]+/);

  const axe = await new AxeBuilder({ page }).include('.models-panel').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
