/**
 * Logs and diagnostics from the app (top bar → Data): the headless host names its logs folder, and
 * the exported bundle lands in the data folder without the session token or any credential.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AppShell } from './pages';

let host: HeadlessHost;

test.beforeEach(async () => {
  host = await startHeadlessHost();
});

test.afterEach(async () => {
  await host.stop();
});

test('exports a redacted diagnostics bundle and names the logs folder', async ({ page }) => {
  await page.goto(host.url);
  await expect(new AppShell(page).balancesTotal).toHaveText('10,000.00 USDT');
  await page.getByRole('button', { name: 'Data', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Data' });

  await dialog.getByRole('button', { name: 'Open logs folder' }).click();
  const logsDir = path.join(host.dataDir, 'logs');
  await expect(dialog.getByRole('status')).toHaveText(`The logs are in ${logsDir} on the machine running Tradewind.`);
  await expect.poll(() => host.stderr()).toContain(`logs are in ${logsDir}`);

  await dialog.getByRole('button', { name: 'Export diagnostics' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Diagnostics saved to ${path.join(host.dataDir, 'diagnostics')}`);
  const [name] = fs.readdirSync(path.join(host.dataDir, 'diagnostics'));
  const text = fs.readFileSync(path.join(host.dataDir, 'diagnostics', name!), 'utf8');
  const bundle = JSON.parse(text) as {
    host: string;
    database: { quickCheck: { ok: boolean } };
    accounts: Array<{ kind: string }>;
    logTail: string[];
  };
  expect(bundle).toMatchObject({ host: 'server', database: { quickCheck: { ok: true } }, accounts: [{ kind: 'paper' }] });
  expect(bundle.logTail.length).toBeGreaterThan(0);
  expect(text).not.toContain(host.token);
  // The host's log file exists and never holds the token either.
  expect(fs.readFileSync(path.join(logsDir, 'tradewind.log'), 'utf8')).not.toContain(host.token);
});
