import { expect, test, type Page } from '@playwright/test';
import { startFakeBybit, startFakeOkx, type FakeBybit, type FakeOkx } from './fake-exchange';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AccountsWorkspace, AppShell, MarketsPanel, OrdersPanel, TicketPanel } from './pages';

/**
 * Bybit and OKX accounts added through the UI against their fakes (the real ccxt clients), seen
 * in one portfolio with the paper account, and a limit order placed and cancelled on each venue;
 * then one venue goes down and only its card says so.
 */
const rights = { read: true, trade: true, withdraw: false };
const BYBIT = { apiKey: 'e2e-bybit-key-PFB1', secret: 'e2e-bybit-secret-SHOULD-NOT-LEAK', rights };
const OKX = { apiKey: 'e2e-okx-key-PF01', secret: 'e2e-okx-secret-SHOULD-NOT-LEAK', passphrase: 'Okx-E2e-Pass-1', rights };

let bybit: FakeBybit;
let okx: FakeOkx;
let host: HeadlessHost;

/** Inside `npm test` keys go to a throwaway gnome-keyring; run alone, to the opt-in encrypted file store. */
function secretStoreEnv(): Record<string, string> {
  if (process.env.TRADEWIND_ISOLATED_KEYRING === '1') return {};
  return { TRADEWIND_SECRET_STORE: 'encrypted-file', TRADEWIND_SECRET_PASSPHRASE: 'e2e passphrase 1234' };
}

test.beforeEach(async () => {
  bybit = await startFakeBybit({ keys: [BYBIT] });
  okx = await startFakeOkx({ keys: [OKX] });
  bybit.setPrice('BTCUSDT', '30000');
  okx.setPrice('BTC-USDT', '30000');
  bybit.setBalance(BYBIT.apiKey, 'USDT', '1000');
  bybit.setBalance(BYBIT.apiKey, 'BTC', '0.2');
  okx.setBalance(OKX.apiKey, 'USDT', '500');
  okx.setBalance(OKX.apiKey, 'BTC', '0.1');
  okx.setBalance(OKX.apiKey, 'XYZ', '12.5');
  host = await startHeadlessHost({
    TRADEWIND_EXCHANGE_URLS: JSON.stringify({ bybit: bybit.url, okx: okx.url }),
    // Balances re-read every second, so a venue going down shows on its card within a tick or two.
    TRADEWIND_BALANCE_REFRESH_MS: '1000',
    ...secretStoreEnv(),
  });
});

test.afterEach(async () => {
  await host.stop();
  await Promise.all([bybit.close(), okx.close()]);
});

async function addAccount(page: Page, exchange: string, label: string, key: { apiKey: string; secret: string; passphrase?: string }) {
  const accounts = new AccountsWorkspace(page);
  await new AppShell(page).tab('Accounts').click();
  await accounts.addAccount.click();
  await accounts.addDialog.fill(exchange, label, key);
  await accounts.addDialog.submit.click();
  await expect(accounts.addDialog.dialog).toBeHidden({ timeout: 20_000 });
  await expect(accounts.account(label).state).toHaveAttribute('data-state', 'ok');
}

/** On the Trade workspace: picks the account and BTC/USDT, rests a limit buy far below the market, sees it open, cancels it. */
async function placeAndCancel(page: Page, accountOption: string): Promise<string> {
  const app = new AppShell(page);
  await app.workspace('Trade').click();
  await app.account.selectOption({ label: accountOption });
  await new MarketsPanel(page).market('BTC/USDT').click();
  const ticket = new TicketPanel(page);
  const orders = new OrdersPanel(page);
  await ticket.price.fill('20000');
  await ticket.amount.fill('0.001');
  const submit = ticket.submit('Buy BTC');
  await expect(submit).toBeEnabled();
  await submit.click();
  // A live order waits for the person's confirmation, which names the account.
  await expect(ticket.confirmDialog).toContainText(accountOption.split(' · ')[0]!);
  await ticket.confirmPlace.click();
  await expect(ticket.placed).toContainText('open', { timeout: 20_000 });
  await expect(orders.rows).toHaveCount(1);
  const id = (await orders.rows.getAttribute('data-client-order-id'))!;
  await orders.cancel(id).click();
  await expect(orders.rows).toHaveCount(0);
  await orders.historyTab.click();
  await expect(orders.row(id)).toHaveAttribute('data-status', 'cancelled');
  await orders.openTab.click();
  return id;
}

test('adds Bybit and OKX accounts, shows one merged portfolio, places and cancels an order on each, and survives one venue failing', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  const app = new AppShell(page);
  const accounts = new AccountsWorkspace(page);
  await expect(app.balancesTotal).toHaveText('10,000.00 USDT');

  await addAccount(page, 'Bybit', 'Bybit main', BYBIT);
  await addAccount(page, 'OKX', 'OKX main', OKX);

  // One portfolio: paper + Bybit + OKX, each account with its own state.
  await app.tab('Portfolio').click();
  await expect(accounts.portfolioAccounts).toHaveCount(3);
  for (const label of ['Paper', 'Bybit main', 'OKX main']) {
    await expect(accounts.portfolioAccount(label).getByTestId('account-state')).toHaveAttribute('data-state', 'ok');
  }
  await expect(accounts.assetRow('USDT')).toContainText('11,500');
  const btc = accounts.assetRow('BTC');
  await expect(btc).toContainText('0.30');
  await expect(btc).toContainText('9,000.00');
  await expect(btc).toContainText('Bybit');
  await expect(btc).toContainText('OKX');
  await accounts.byAccount('BTC').click();
  await expect(accounts.assetSplits).toHaveCount(2);
  // What no venue prices is named, not counted as 0.
  await expect(accounts.unpriced).toContainText('Not priced: XYZ 12.50 on OKX main — no market to USDT on any connected venue');
  await expect(page.getByTestId('portfolio-valuation-note')).toContainText('The total excludes XYZ');
  await expect(page.getByTestId('portfolio-total')).toHaveText('20,500.00 USDT');

  // Grouped by account; the choice and the valuation currency survive a reload.
  await accounts.groupBy('By account').click();
  await expect(page.getByTestId('account-group')).toHaveCount(3);
  await expect(accounts.accountHolding('XYZ')).toContainText('—');
  await page.getByRole('combobox', { name: 'Valuation currency' }).selectOption('BTC');
  await expect(page.getByTestId('portfolio-total')).toContainText('BTC');
  await page.reload();
  await app.tab('Portfolio').click();
  await expect(page.getByRole('combobox', { name: 'Valuation currency' })).toHaveValue('BTC');
  await expect(accounts.groupBy('By account')).toHaveAttribute('aria-pressed', 'true');

  // A resting limit order placed and cancelled on each venue, through the ticket.
  // Each venue's own book saw the order arrive and be cancelled: one order, resting price, CANCELED.
  await placeAndCancel(page, 'Bybit main · bybit');
  expect(bybit.orders({ account: BYBIT.apiKey }).map((o) => [o.side, Number(o.price), o.status])).toEqual([['BUY', 20_000, 'CANCELED']]);
  await placeAndCancel(page, 'OKX main · okx');
  expect(okx.orders({ account: OKX.apiKey }).map((o) => [o.side, Number(o.price), o.status])).toEqual([['BUY', 20_000, 'CANCELED']]);

  // OKX goes down: its card says so and keeps its last balances; Bybit and paper stay live.
  okx.injectFault({ kind: 'server_error', status: 503 });
  await app.tab('Portfolio').click();
  const okxCard = accounts.portfolioAccount('OKX main');
  await expect(okxCard.getByTestId('account-state')).toHaveAttribute('data-state', 'exchange_down');
  await expect(okxCard.getByTestId('account-state')).toContainText('stale since');
  await expect(accounts.portfolioAccount('Bybit main').getByTestId('account-state')).toHaveAttribute('data-state', 'ok');
  await expect(accounts.portfolioAccount('Paper').getByTestId('account-state')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('account-group')).toHaveCount(3);
  await expect(accounts.accountHolding('XYZ')).toBeVisible();
});
