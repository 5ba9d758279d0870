/**
 * The spread monitor and the two-leg ticket in Chromium against the headless host, with two fake
 * venues (OKX and Bybit, through the real ccxt clients) set to different prices: the spread shows,
 * a two-leg trade fills on both, and when Bybit refuses its leg the screen says what filled where
 * and the unwind closes the filled leg.
 */
import { expect, test, type Page } from '@playwright/test';
import { startFakeBybit, startFakeOkx, type FakeBybit, type FakeOkx } from './fake-exchange';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AccountsWorkspace, AppShell, SpreadPanel } from './pages';

const OKX_KEY = { apiKey: 'e2e-okx-spread-key-0000000001', secret: 'e2e-okx-spread-secret', passphrase: 'E2e-Spread-Pass-1' };
const BYBIT_KEY = { apiKey: 'e2e-bybit-spread-key-00000002', secret: 'e2e-bybit-spread-secret' };

let okx: FakeOkx;
let bybit: FakeBybit;
let host: HeadlessHost;

/** Inside `npm test` the host uses the throwaway keyring; run alone, the opt-in encrypted file store. */
function secretStoreEnv(): Record<string, string> {
  if (process.env.TRADEWIND_ISOLATED_KEYRING === '1') return {};
  return { TRADEWIND_SECRET_STORE: 'encrypted-file', TRADEWIND_SECRET_PASSPHRASE: 'e2e passphrase 1234' };
}

test.beforeEach(async () => {
  okx = await startFakeOkx({ keys: [{ ...OKX_KEY, rights: { read: true, trade: true } }] });
  bybit = await startFakeBybit({ keys: [{ ...BYBIT_KEY, rights: { read: true, trade: true } }] });
  okx.setPrice('BTC-USDT', 30_000);
  bybit.setPrice('BTCUSDT', 30_600);
  okx.setBalance(OKX_KEY.apiKey, 'USDT', '10000');
  bybit.setBalance(BYBIT_KEY.apiKey, 'BTC', '1');
  host = await startHeadlessHost({ TRADEWIND_EXCHANGE_URLS: JSON.stringify({ okx: okx.url, bybit: bybit.url }), ...secretStoreEnv() });
});

test.afterEach(async () => {
  await host.stop();
  await okx.close();
  await bybit.close();
});

/** Adds the OKX and Bybit accounts through the Add account dialog, then opens the Spread workspace. */
async function connectBothAndOpenSpread(page: Page): Promise<SpreadPanel> {
  await page.goto(host.url);
  const app = new AppShell(page);
  const accounts = new AccountsWorkspace(page);
  await app.tab('Accounts').click();
  for (const [exchange, label, key] of [
    ['OKX', 'OKX main', OKX_KEY],
    ['Bybit', 'Bybit main', BYBIT_KEY],
  ] as const) {
    await accounts.addAccount.click();
    await accounts.addDialog.fill(exchange, label, key);
    if ('passphrase' in key) await accounts.addDialog.dialog.getByLabel('Passphrase').fill(key.passphrase);
    await accounts.addDialog.submit.click();
    await expect(accounts.addDialog.dialog).toBeHidden({ timeout: 20_000 });
  }
  await app.tab('Spread').click();
  return new SpreadPanel(page);
}

test('two venues at different prices: the spread shows, and a two-leg trade fills on both', async ({ page }) => {
  const spread = await connectBothAndOpenSpread(page);
  // OKX asks about 30,000 and Bybit bids about 30,600: about 2 % gross, less two 0.1 % taker fees.
  await expect(spread.net('BTC/USDT')).toHaveText(/^\+1\.\d+%/, { timeout: 20_000 });
  await expect(spread.row('BTC/USDT')).toHaveAttribute('data-above', 'true');
  await expect(spread.row('BTC/USDT')).toContainText('OKX main');
  await expect(spread.row('BTC/USDT')).toContainText('Bybit main');

  await spread.trade('BTC/USDT').click();
  await spread.amount.fill('0.01');
  await spread.review.click();
  await expect(spread.preview).toContainText('Buy 0.01 BTC on OKX main');
  await expect(spread.preview).toContainText('Sell 0.01 BTC on Bybit main');
  await spread.sendBothLegs().click();

  const trade = spread.trades.first();
  await expect(trade).toContainText('Both legs filled', { timeout: 20_000 });
  await expect(trade).toContainText('OKX main (OKX), buy 0.01 BTC/USDT: filled');
  await expect(trade).toContainText('Bybit main (Bybit), sell 0.01 BTC/USDT: filled');
  await expect(trade.getByTestId('spread-realised')).toHaveText(/^\d+\.\d+ USDT \(/);
  expect(okx.orders({ account: OKX_KEY.apiKey })).toHaveLength(1);
  expect(bybit.orders({ account: BYBIT_KEY.apiKey })).toHaveLength(1);
});

test('Bybit refuses its leg: the screen says what filled where, and the unwind sells the filled leg', async ({ page }) => {
  const spread = await connectBothAndOpenSpread(page);
  await expect(spread.net('BTC/USDT')).toHaveText(/^\+1\.\d+%/, { timeout: 20_000 });
  // Bybit answers the placement with its own refusal (after the balances were checked).
  bybit.injectFault({
    kind: 'server_error',
    status: 200,
    body: JSON.stringify({ retCode: 170131, retMsg: 'Insufficient balance.', result: {}, retExtInfo: {}, time: Date.now() }),
    match: { method: 'POST', path: '/v5/order/create' },
    times: 1,
  });
  await spread.trade('BTC/USDT').click();
  await spread.amount.fill('0.01');
  await spread.review.click();
  await spread.sendBothLegs().click();

  const trade = spread.trades.first();
  await expect(trade).toContainText('Unbalanced', { timeout: 20_000 });
  await expect(trade).toContainText('OKX main (OKX), buy 0.01 BTC/USDT: filled');
  await expect(trade).toContainText(/Bybit main \(Bybit\), sell 0\.01 BTC\/USDT: refused .* nothing filled\./);
  await expect(spread.unwind()).toContainText('Sell');
  await expect(spread.unwind()).toContainText('at market on OKX main');
  await spread.unwind().click();
  await spread.confirmUnwind().click();
  await expect(trade).toContainText('Unwound', { timeout: 20_000 });
  await expect(spread.unwind()).toHaveCount(0);
  expect(okx.orders({ account: OKX_KEY.apiKey }).map((o) => [o.side, o.type])).toEqual([
    ['BUY', 'LIMIT'],
    ['SELL', 'MARKET'],
  ]);
});
