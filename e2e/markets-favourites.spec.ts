import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { ChartPanel, MarketsPanel } from './pages';

const hosts: HeadlessHost[] = [];
let dataDir: string;

test.beforeEach(() => {
  // One data folder for both hosts of the test: the second run is the app after a restart.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-e2e-favourites-'));
});

test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('stars markets with the pointer and with F, lists them under Favourites, and keeps them after a restart', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const first = await startHeadlessHost({ TRADEWIND_DATA_DIR: dataDir });
  hosts.push(first);
  await page.goto(first.url);
  const markets = new MarketsPanel(page);
  const list = markets.list;
  await expect(markets.market('BTC/USDT')).toBeVisible();

  await markets.favouritesTab.click();
  await expect(markets.noFavourites).toBeVisible();
  await markets.showAllMarkets.click();
  await expect(markets.allTab).toHaveAttribute('aria-selected', 'true');

  // The pointer: the star on the row (it does not switch the chart).
  await markets.addFavourite('BTC/USDT').click();
  await expect(markets.removeFavourite('BTC/USDT')).toBeVisible();
  // The keyboard: F on the highlighted row.
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('f');
  await expect(markets.removeFavourite('ETH/USDT')).toBeVisible();
  await expect(new ChartPanel(page).chart).toHaveAttribute('data-symbol', 'BTC/USDT');

  await markets.favouritesTab.click();
  await expect(markets.favouritesTab).toHaveText('Favourites 2');
  await expect(markets.options).toHaveCount(2);
  await markets.removeFavourite('BTC/USDT').click();
  await expect(markets.options).toHaveCount(1);
  await expect(markets.market('ETH/USDT')).toBeVisible();

  // Restart: core reads the favourites back from its database.
  await first.stop();
  hosts.splice(0);
  const second = await startHeadlessHost({ TRADEWIND_DATA_DIR: dataDir });
  hosts.push(second);
  await page.goto(second.url);
  await expect(markets.market('BTC/USDT')).toBeVisible();
  await expect(markets.removeFavourite('ETH/USDT')).toBeVisible();
  await expect(markets.addFavourite('BTC/USDT')).toBeVisible();
  await markets.favouritesTab.click();
  await expect(markets.options).toHaveCount(1);
  await expect(markets.market('ETH/USDT')).toBeVisible();
  expect(errors).toEqual([]);
});
