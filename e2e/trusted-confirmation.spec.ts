import { expect, test } from '@playwright/test';
import { startFakeBinance, type FakeBinance } from './fake-exchange';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AccountsWorkspace, AppShell } from './pages';

/**
 * A weakening change (here: raising a live account's order limits) asked for in the browser is
 * done only once the person types the one-time code the headless host printed on its own stderr.
 */
const KEY = { apiKey: 'e2e-trust-key-0000000000000T1T1', secret: 'e2e-trust-secret-SHOULD-NOT-LEAK' };

let fake: FakeBinance;
let host: HeadlessHost;

function secretStoreEnv(): Record<string, string> {
  if (process.env.TRADEWIND_ISOLATED_KEYRING === '1') return {};
  return { TRADEWIND_SECRET_STORE: 'encrypted-file', TRADEWIND_SECRET_PASSPHRASE: 'e2e passphrase 1234' };
}

test.beforeEach(async () => {
  fake = await startFakeBinance({ keys: [{ ...KEY, rights: { read: true, trade: true } }] });
  fake.setBalance(KEY.apiKey, 'USDT', '2500');
  host = await startHeadlessHost({ TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: fake.url }), ...secretStoreEnv() });
});

test.afterEach(async () => {
  await host.stop();
  await fake.close();
});

const codesPrinted = (stderr: string) =>
  [...stderr.matchAll(/CONFIRMATION CODE (\d{3}-\d{3}) — ([^\n]*)/g)].map((m) => ({ code: m[1]!, what: m[2]! }));

test("raising a live account's limits waits for the code the host printed on its terminal", async ({ page }) => {
  await page.goto(host.url);
  const app = new AppShell(page);
  const accounts = new AccountsWorkspace(page);
  await app.tab('Accounts').click();
  await accounts.addAccount.click();
  await accounts.addDialog.fill('Binance', 'Main', KEY);
  await accounts.addDialog.submit.click();
  await expect(accounts.addDialog.dialog).toBeHidden({ timeout: 20_000 });

  await accounts.account('Main').card.getByRole('button', { name: 'Keys' }).click();
  const form = page.getByRole('form', { name: 'Live order limits' });
  await expect(form).toContainText('These are the defaults.');
  await form.getByLabel('Max per order (USD)').fill('2500');
  await form.getByRole('button', { name: 'Save limits' }).click();

  const prompt = form.getByRole('group', { name: 'Confirm on the host' });
  await expect(prompt).toContainText('Change the live-order limits of "Main": per order 1,000 USD → 2,500 USD');
  // The code is on the host's terminal, not in the page.
  await expect.poll(() => codesPrinted(host.stderr()).length).toBe(1);
  const [{ code, what }] = codesPrinted(host.stderr()) as [{ code: string; what: string }];
  expect(what).toContain('per order 1,000 USD → 2,500 USD');
  expect(await page.content()).not.toContain(code);

  await prompt.getByLabel('Enter the code printed by the host').fill(code);
  await prompt.getByRole('button', { name: 'Confirm code' }).click();
  await expect(form.getByRole('status')).toHaveText('Limits saved.');
  await expect(form).not.toContainText('These are the defaults.');
  await expect(form.getByLabel('Max per order (USD)')).toHaveValue('2500');

  await app.tab('Audit log').click();
  await expect(accounts.auditRowsOf('trust.approved')).toHaveCount(1);
  await expect(accounts.auditRowsOf('limits.changed')).toHaveCount(1);
});
