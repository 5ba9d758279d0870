import { expect, test } from '@playwright/test';
import { startFakeBinance, type FakeBinance } from './fake-exchange';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AccountsWorkspace, AppShell } from './pages';

const FIRST = { apiKey: 'e2e-first-key-000000000000K1A1', secret: 'e2e-first-secret-SHOULD-NOT-LEAK' };
const SECOND = { apiKey: 'e2e-second-key-00000000000K2B2', secret: 'e2e-second-secret-SHOULD-NOT-LEAK' };

let fake: FakeBinance;
let host: HeadlessHost;

/**
 * Inside `npm test` (scripts/with-keyring.sh) the host stores keys in a throwaway gnome-keyring;
 * run alone, it uses the opt-in encrypted file store instead of touching a real keychain.
 */
function secretStoreEnv(): Record<string, string> {
  if (process.env.TRADEWIND_ISOLATED_KEYRING === '1') return {};
  return { TRADEWIND_SECRET_STORE: 'encrypted-file', TRADEWIND_SECRET_PASSPHRASE: 'e2e passphrase 1234' };
}

test.beforeEach(async () => {
  fake = await startFakeBinance({
    keys: [
      { ...FIRST, rights: { read: true, trade: true } },
      { ...SECOND, rights: { read: true, trade: true }, account: FIRST.apiKey },
    ],
  });
  fake.setBalance(FIRST.apiKey, 'USDT', '2500');
  fake.setBalance(FIRST.apiKey, 'BTC', '0.1');
  host = await startHeadlessHost({ TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: fake.url }), ...secretStoreEnv() });
});

test.afterEach(async () => {
  await host.stop();
  await fake.close();
});

test('add an exchange account, see it merged in the portfolio, rotate its key and read the audit log', async ({ page }) => {
  await page.goto(host.url);
  const app = new AppShell(page);
  const accounts = new AccountsWorkspace(page);
  await expect(app.balancesTotal).toHaveText('10,000.00 USDT');

  // Add the account through the UI: the secret goes to the keychain and is verified against the exchange.
  await app.tab('Accounts').click();
  await accounts.addAccount.click();
  const dialog = accounts.addDialog;
  await dialog.fill('Binance', 'Main', FIRST);
  await dialog.submit.click();
  await expect(dialog.dialog).toBeHidden({ timeout: 20_000 });

  const card = accounts.account('Main');
  await expect(card.activeKey).toContainText('v1');
  await expect(card.activeKey).toContainText('K1A1');
  await expect(card.state).toHaveAttribute('data-state', 'ok');
  await expect(card.right('withdraw')).toHaveAttribute('data-value', 'no');

  // One portfolio: the paper account's 10,000 USDT and the exchange's 2,500 USDT are merged.
  await app.tab('Portfolio').click();
  const usdt = accounts.assetRow('USDT');
  await expect(usdt).toContainText('12,500');
  await accounts.byAccount('USDT').click();
  await expect(accounts.assetSplits).toHaveCount(2);
  await expect(accounts.portfolioAccounts).toHaveCount(2);
  await expect(accounts.allocationChart).toHaveAttribute('aria-label', /BTC/);

  // Rotate to a new key with the default 24 h overlap.
  await app.tab('Accounts').click();
  await card.rotateKey.click();
  const rotate = accounts.rotateForm;
  await rotate.apiKey.fill(SECOND.apiKey);
  await rotate.secret.fill(SECOND.secret);
  await expect(rotate.overlapHours).toHaveValue('24');
  await rotate.submit.click();
  await expect(accounts.keyRow('Main', 2)).toHaveAttribute('data-status', 'active', { timeout: 20_000 });
  await expect(accounts.keyRow('Main', 1)).toHaveAttribute('data-status', 'retiring');
  await expect(card.activeKey).toContainText('K2B2');

  // The audit log tells the story, without a secret in it.
  await app.tab('Audit log').click();
  const kinds = accounts.auditRows;
  await expect(accounts.auditRowsOf('key.rotated')).toHaveCount(1);
  for (const kind of ['account.added', 'key.added', 'key.verified']) {
    await expect(accounts.auditRowsOf(kind).first()).toBeVisible();
  }
  await accounts.auditKind('Key rotated').check();
  await expect(kinds).toHaveCount(1);

  // Write-only secrets: nothing in the page or its storage holds them.
  const pageText = await page.evaluate(
    () => document.documentElement.outerHTML + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  for (const needle of [FIRST.secret, SECOND.secret, FIRST.apiKey.slice(0, -4), SECOND.apiKey.slice(0, -4)]) {
    expect(pageText).not.toContain(needle);
  }
  expect(host.stderr()).not.toContain(FIRST.secret);
});

test('a wrong secret is refused with the reason and leaves no account behind', async ({ page }) => {
  await page.goto(host.url);
  const accounts = new AccountsWorkspace(page);
  await new AppShell(page).tab('Accounts').click();
  await accounts.addAccount.click();
  const dialog = accounts.addDialog;
  await dialog.fill('Binance', 'Typo', { apiKey: FIRST.apiKey, secret: 'definitely-wrong' });
  await dialog.submit.click();
  const alert = dialog.alert;
  await expect(alert).toHaveAttribute('data-code', 'auth', { timeout: 20_000 });
  await expect(alert).toContainText(/signature/i);
  await dialog.cancel.click();
  await expect(accounts.account('Typo').card).toHaveCount(0);
});
