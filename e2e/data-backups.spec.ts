import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { DataDialog, MarketsPanel } from './pages';

const codesPrinted = (stderr: string) =>
  [...stderr.matchAll(/CONFIRMATION CODE (\d{3}-\d{3}) — ([^\n]*)/g)].map((m) => ({ code: m[1]!, what: m[2]! }));

const hosts: HeadlessHost[] = [];
let dataDir: string;

test.beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-e2e-backups-'));
});

test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('Data dialog: back up now, restore that backup after a confirmation naming the file, and find the data as it was after a restart', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const first = await startHeadlessHost({ TRADEWIND_DATA_DIR: dataDir });
  hosts.push(first);
  await page.goto(first.url);
  const markets = new MarketsPanel(page);
  await expect(markets.market('BTC/USDT')).toBeVisible();
  await markets.addFavourite('BTC/USDT').click();
  await expect(markets.removeFavourite('BTC/USDT')).toBeVisible();

  const data = new DataDialog(page);
  await data.open.click();
  await expect(data.noBackups).toBeVisible();
  await data.backUpNow.click();
  await expect(data.status).toHaveText(/^Backup written: tradewind-.*-manual\.sqlite/);
  const restore = data.restoreButtons;
  await expect(restore).toHaveCount(1);
  await expect(data.rows.nth(1)).toContainText('By hand');
  await data.close.click();

  // Changed after the backup: the restore must take this away.
  await markets.addFavourite('ETH/USDT').click();
  await expect(markets.removeFavourite('ETH/USDT')).toBeVisible();

  await data.open.click();
  await restore.click();
  await expect(data.restoreConfirm).toContainText(`The database ${path.join(dataDir, 'tradewind.sqlite')}`);
  await data.restoreAtNextStart.click();
  // The host confirms a restore (it can bring back looser limits): the code is printed on its stderr, not in the page.
  const prompt = data.restoreConfirm.getByRole('group', { name: 'Confirm on the host' });
  await expect(prompt).toContainText('Restore a backup');
  await expect.poll(() => codesPrinted(first.stderr()).length).toBe(1);
  const [{ code, what }] = codesPrinted(first.stderr()) as [{ code: string; what: string }];
  expect(what).toContain('live bots in it come back paused');
  await prompt.getByLabel('Enter the code printed by the host').fill(code);
  await prompt.getByRole('button', { name: 'Confirm code' }).click();
  await expect(data.status.first()).toContainText('will be restored when Tradewind next starts');

  await first.stop();
  hosts.splice(0);
  const second = await startHeadlessHost({ TRADEWIND_DATA_DIR: dataDir });
  hosts.push(second);
  await page.goto(second.url);
  await markets.favouritesTab.click();
  await expect(markets.favouritesTab).toHaveText('Favourites 1');
  await expect(markets.removeFavourite('BTC/USDT')).toBeVisible();
  expect(fs.readdirSync(dataDir).some((name) => name.startsWith('tradewind.sqlite.before-restore-'))).toBe(true);
  expect(errors).toEqual([]);
});
