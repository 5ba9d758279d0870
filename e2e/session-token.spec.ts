/**
 * The access token in a real browser: it arrives in the URL fragment, leaves the address bar at
 * once, is never part of a request line, lives on only as an HttpOnly cookie, and a reload keeps working.
 */
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

test('swaps the fragment token for an HttpOnly cookie and never sends it in a URL', async ({ page, context }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('websocket', (socket) => requested.push(socket.url()));
  expect(host.url).toContain(`#token=${host.token}`);

  await page.goto(host.url);
  const app = new AppShell(page);
  await expect(app.balancesTotal).toHaveText('10,000.00 USDT');
  expect(page.url()).toBe(`${host.origin}/`);
  expect(requested.length).toBeGreaterThan(2);
  for (const url of requested) expect(url).not.toContain(host.token);
  expect(await page.evaluate(() => document.cookie)).not.toContain(host.token);
  const cookies = await context.cookies(host.origin);
  expect(cookies).toEqual([expect.objectContaining({ value: host.token, httpOnly: true, sameSite: 'Strict', path: '/' })]);

  await page.reload();
  await expect(app.balancesTotal).toHaveText('10,000.00 USDT');
});

test('a page without the token or its cookie says how to open it', async ({ page }) => {
  await page.goto(`${host.origin}/`);
  await expect(page.getByText(/opened without its access token/)).toBeVisible();
});
