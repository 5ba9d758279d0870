import { expect, test } from '@playwright/test';
import { startFakeBinance, type FakeBinance } from './fake-exchange';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';

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
  await expect(page.getByTestId('balances-total')).toHaveText('10,000.00 USDT');

  // Add the account through the UI: the secret goes to the keychain and is verified against the exchange.
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByRole('searchbox', { name: 'Search exchanges' }).fill('binance');
  await dialog.getByRole('listbox', { name: 'Exchanges' }).getByRole('option', { name: 'Binance', exact: true }).click();
  await dialog.getByLabel('Label').fill('Main');
  await dialog.getByLabel('API key').fill(FIRST.apiKey);
  await dialog.getByLabel('Secret').fill(FIRST.secret);
  await dialog.getByRole('button', { name: 'Add and verify' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });

  const card = page.getByRole('article', { name: 'Main' });
  await expect(card.getByTestId('active-key')).toContainText('v1');
  await expect(card.getByTestId('active-key')).toContainText('K1A1');
  await expect(card.getByTestId('account-state')).toHaveAttribute('data-state', 'ok');
  await expect(card.getByRole('list', { name: 'Key rights' }).locator('[data-right="withdraw"]')).toHaveAttribute('data-value', 'no');

  // One portfolio: the paper account's 10,000 USDT and the exchange's 2,500 USDT are merged.
  await page.getByRole('tab', { name: 'Portfolio' }).click();
  const usdt = page.getByTestId('asset-row').and(page.locator('[data-asset="USDT"]'));
  await expect(usdt).toContainText('12,500');
  await page.getByRole('button', { name: 'USDT by account' }).click();
  await expect(page.getByTestId('asset-split')).toHaveCount(2);
  await expect(page.getByTestId('portfolio-account')).toHaveCount(2);
  await expect(page.getByTestId('allocation-chart')).toHaveAttribute('aria-label', /BTC/);

  // Rotate to a new key with the default 24 h overlap.
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await page.getByRole('article', { name: 'Main' }).getByRole('button', { name: 'Rotate key' }).click();
  const rotate = page.getByRole('form', { name: 'Rotate key' });
  await rotate.getByLabel('API key').fill(SECOND.apiKey);
  await rotate.getByLabel('Secret').fill(SECOND.secret);
  await expect(rotate.getByRole('spinbutton', { name: 'Overlap (hours)' })).toHaveValue('24');
  await rotate.getByRole('button', { name: 'Rotate and verify' }).click();
  const keys = page.getByRole('region', { name: 'Keys of Main' });
  await expect(keys.getByTestId('key-row').and(page.locator('[data-version="2"]'))).toHaveAttribute('data-status', 'active', { timeout: 20_000 });
  await expect(keys.getByTestId('key-row').and(page.locator('[data-version="1"]'))).toHaveAttribute('data-status', 'retiring');
  await expect(page.getByRole('article', { name: 'Main' }).getByTestId('active-key')).toContainText('K2B2');

  // The audit log tells the story, without a secret in it.
  await page.getByRole('tab', { name: 'Audit log' }).click();
  const kinds = page.getByTestId('audit-row');
  await expect(kinds.and(page.locator('[data-kind="key.rotated"]'))).toHaveCount(1);
  for (const kind of ['account.added', 'key.added', 'key.verified']) {
    await expect(kinds.and(page.locator(`[data-kind="${kind}"]`)).first()).toBeVisible();
  }
  await page.getByRole('group', { name: 'Event kinds' }).getByRole('checkbox', { name: 'Key rotated' }).check();
  await expect(kinds).toHaveCount(1);

  // Write-only secrets: nothing in the page or its storage holds them.
  const pageText = await page.evaluate(() => document.documentElement.outerHTML + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  for (const needle of [FIRST.secret, SECOND.secret, FIRST.apiKey.slice(0, -4), SECOND.apiKey.slice(0, -4)]) {
    expect(pageText).not.toContain(needle);
  }
  expect(host.stderr()).not.toContain(FIRST.secret);
});

test('a wrong secret is refused with the reason and leaves no account behind', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByRole('searchbox', { name: 'Search exchanges' }).fill('binance');
  await dialog.getByRole('listbox', { name: 'Exchanges' }).getByRole('option', { name: 'Binance', exact: true }).click();
  await dialog.getByLabel('Label').fill('Typo');
  await dialog.getByLabel('API key').fill(FIRST.apiKey);
  await dialog.getByLabel('Secret').fill('definitely-wrong');
  await dialog.getByRole('button', { name: 'Add and verify' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toHaveAttribute('data-code', 'auth', { timeout: 20_000 });
  await expect(alert).toContainText(/signature/i);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('article', { name: 'Typo' })).toHaveCount(0);
});
