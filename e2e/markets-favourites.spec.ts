import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';

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
  const list = page.getByRole('listbox', { name: 'Markets' });
  await expect(list.getByRole('option', { name: 'BTC/USDT', exact: true })).toBeVisible();

  await page.getByRole('tab', { name: /^Favourites/ }).click();
  await expect(page.getByText('No favourites yet. In All, click a market’s ☆ or press F on the highlighted row to keep it here.')).toBeVisible();
  await page.getByRole('button', { name: 'Show all markets' }).click();
  await expect(page.getByRole('tab', { name: 'All', exact: true })).toHaveAttribute('aria-selected', 'true');

  // The pointer: the star on the row (it does not switch the chart).
  await page.locator('button[aria-label="Add BTC/USDT to favourites"]').click();
  await expect(page.locator('button[aria-label="Remove BTC/USDT from favourites"]')).toBeVisible();
  // The keyboard: F on the highlighted row.
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('f');
  await expect(page.locator('button[aria-label="Remove ETH/USDT from favourites"]')).toBeVisible();
  await expect(page.getByTestId('price-chart')).toHaveAttribute('data-symbol', 'BTC/USDT');

  await page.getByRole('tab', { name: /^Favourites/ }).click();
  await expect(page.getByRole('tab', { name: /^Favourites/ })).toHaveText('Favourites 2');
  await expect(list.getByRole('option')).toHaveCount(2);
  await page.locator('button[aria-label="Remove BTC/USDT from favourites"]').click();
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option', { name: 'ETH/USDT', exact: true })).toBeVisible();

  // Restart: core reads the favourites back from its database.
  await first.stop();
  hosts.splice(0);
  const second = await startHeadlessHost({ TRADEWIND_DATA_DIR: dataDir });
  hosts.push(second);
  await page.goto(second.url);
  await expect(list.getByRole('option', { name: 'BTC/USDT', exact: true })).toBeVisible();
  await expect(page.locator('button[aria-label="Remove ETH/USDT from favourites"]')).toBeVisible();
  await expect(page.locator('button[aria-label="Add BTC/USDT to favourites"]')).toBeVisible();
  await page.getByRole('tab', { name: /^Favourites/ }).click();
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option', { name: 'ETH/USDT', exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});
