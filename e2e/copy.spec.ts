import { expect, test, type Page } from '@playwright/test';
import { startFakeBinance, type FakeBinance } from './fake-exchange';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AccountsWorkspace, AppShell, MarketsPanel, TicketPanel } from './pages';

/**
 * Issue #14 item 8: a follower on paper set up through the Copy panel, a market buy on the leader
 * (a Binance account on the fake exchange, placed through the ticket so the ledger sees its fill),
 * and the copy in the copy log with the leader's and the follower's price, its delay and slippage;
 * the Performance section then counts it.
 */
const KEY = { apiKey: 'e2e-copy-key-00000000000000C0PY1', secret: 'e2e-copy-secret-SHOULD-NOT-LEAK' };

let fake: FakeBinance;
let host: HeadlessHost;

function secretStoreEnv(): Record<string, string> {
  if (process.env.TRADEWIND_ISOLATED_KEYRING === '1') return {};
  return { TRADEWIND_SECRET_STORE: 'encrypted-file', TRADEWIND_SECRET_PASSPHRASE: 'e2e passphrase 1234' };
}

test.beforeEach(async () => {
  fake = await startFakeBinance({ keys: [{ ...KEY, rights: { read: true, trade: true } }] });
  fake.setPrice('BTCUSDT', '30000');
  fake.setBalance(KEY.apiKey, 'USDT', '2500');
  host = await startHeadlessHost({ TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: fake.url }), ...secretStoreEnv() });
});

test.afterEach(async () => {
  await host.stop();
  await fake.close();
});

async function openCopyTrading(page: Page) {
  await new AppShell(page).tab('Bots').click();
  await page.getByRole('button', { name: 'Copy trading…' }).click();
  return page.getByRole('dialog', { name: 'Copy trading' });
}

test('a paper follower set up in the Copy panel copies a Binance leader buy, shown with its prices, delay and slippage', async ({
  page,
}) => {
  await page.goto(host.url);
  const app = new AppShell(page);
  const accounts = new AccountsWorkspace(page);
  await app.tab('Accounts').click();
  await accounts.addAccount.click();
  await accounts.addDialog.fill('Binance', 'Main', KEY);
  await accounts.addDialog.submit.click();
  await expect(accounts.addDialog.dialog).toBeHidden({ timeout: 20_000 });

  // The follower: the paper account copies Main at half its size, with no slippage limit (the
  // offline replay's price is not the fake exchange's, and the log is to show the difference).
  let copy = await openCopyTrading(page);
  await expect(copy).toContainText('Nothing is copied yet.');
  await copy.getByRole('button', { name: 'New follow link…' }).click();
  const form = copy.getByRole('form', { name: 'New follow link' });
  await form.getByRole('textbox', { name: 'Link name' }).fill('Main → paper');
  await form.getByRole('combobox', { name: 'Leader', exact: true }).selectOption({ label: 'Main (live)' });
  await form.getByRole('combobox', { name: 'Follower account' }).selectOption({ label: 'Paper (paper)' });
  await form.getByRole('textbox', { name: 'Ratio' }).fill('0.5');
  await form.getByRole('textbox', { name: 'Max slippage %' }).fill('');
  await form.getByRole('button', { name: 'Start following' }).click();
  const links = copy.getByRole('table', { name: 'Follow links' });
  await expect(links).toContainText('Main → paper');
  await expect(links).toContainText('active');
  await copy.getByRole('button', { name: 'Close', exact: true }).click();

  // The leader trades: a market buy on Main through the ticket (a live order waits for the person's confirmation).
  await app.workspace('Trade').click();
  await app.account.selectOption({ label: 'Main · binance' });
  await new MarketsPanel(page).market('BTC/USDT').click();
  const ticket = new TicketPanel(page);
  await ticket.orderType.selectOption('market');
  await ticket.amount.fill('0.002');
  await ticket.submit('Buy BTC').click();
  await ticket.confirmPlace.click();
  await expect(ticket.placed).toContainText('filled', { timeout: 20_000 });

  copy = await openCopyTrading(page);
  const log = copy.getByRole('table', { name: 'Copy log' });
  const row = log.locator('tbody tr').first();
  await expect(row).toHaveClass(/copy-row--copied/, { timeout: 20_000 });
  const cells = row.locator('td');
  await expect(cells.nth(1)).toHaveText('Main → paper');
  await expect(cells.nth(3)).toHaveText('BTC/USDT');
  await expect(cells.nth(4)).toHaveText('buy');
  await expect(cells.nth(5)).toHaveText('0.002');
  // The leader's fill price (the fake's ask), the follower's fill price, the delay from the leader's
  // fill to the copy sent, and the slippage between the two prices.
  await expect(cells.nth(6)).toHaveText(/^300\d\d(\.\d+)? USDT$/);
  await expect(cells.nth(7)).toHaveText('0.001');
  await expect(cells.nth(8)).toHaveText(/^\d+(\.\d+)? USDT$/);
  await expect(cells.nth(9)).toHaveText(/^\d+ ms$/);
  const leaderPrice = Number((await cells.nth(6).textContent())!.split(' ')[0]);
  const followerPrice = Number((await cells.nth(8).textContent())!.split(' ')[0]);
  await expect(cells.nth(10)).toHaveText(`${(((followerPrice - leaderPrice) / leaderPrice) * 100).toFixed(2)} %`);

  // The Performance section counts the copy for the link.
  const tracking = copy.getByRole('table', { name: 'Tracking over 30 days' });
  await expect(tracking.getByRole('row', { name: /^Copied/ })).toContainText('1');
  await expect(copy.getByRole('table', { name: 'Performance over 30 days' }).getByRole('row', { name: /^Fills/ })).toContainText(
    /Fills\s*1\s*1/,
  );
});
