import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { MarketsPanel, OrdersPanel } from './pages';

const ORDERS = 1_617;
let host: HeadlessHost | null = null;

/** A non-browser client of the host (the token as a bearer header), answering calls in order. */
async function openRpc(target: HeadlessHost) {
  const ws = new WebSocket(`${target.origin.replace('http', 'ws')}/ws`, {
    headers: { Origin: target.origin, Authorization: `Bearer ${target.token}` },
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const waiting = new Map<number, (frame: { ok: boolean; value?: unknown; error?: { code: string; message: string } }) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as {
      t: string;
      id: number;
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string };
    };
    if (frame.t === 'result') waiting.get(frame.id)?.(frame);
  });
  let nextId = 1;
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      const id = nextId++;
      const frame = await new Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ t: 'call', id, method, input }));
      });
      waiting.delete(id);
      if (!frame.ok) throw new Error(`${method}: ${frame.error?.code}: ${frame.error?.message}`);
      return frame.value as T;
    },
    close: () => ws.close(),
  };
}

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('the open orders table reaches the last of 1,617 orders, a page at a time, mounting only the rows in view', async ({ page }) => {
  test.setTimeout(180_000);
  host = await startHeadlessHost();
  const rpc = await openRpc(host);
  const ids: string[] = [];
  try {
    const preview = await rpc.call<{ referencePrice: number }>('orders.preview', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'quote', amount: 6 },
      price: 1_000,
    });
    // Far below the market, so none fills; 6 USDT each stays within the 10,000 USDT paper balance.
    const price = Math.floor(preview.referencePrice * 0.5);
    for (let i = 0; i < ORDERS; i++) {
      const order = await rpc.call<{ clientOrderId: string; status: string }>('orders.place', {
        accountId: 'paper',
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        size: { unit: 'quote', amount: 6 },
        price,
      });
      expect(order.status).toBe('open');
      ids.push(order.clientOrderId);
    }
  } finally {
    rpc.close();
  }

  await page.goto(host.url);
  await new MarketsPanel(page).market('BTC/USDT').click();
  const orders = new OrdersPanel(page);
  await expect(orders.openTab).toHaveAttribute('aria-selected', 'true');
  // Newest first: the last order placed tops the list.
  await expect(orders.rows.first()).toHaveAttribute('data-client-order-id', ids.at(-1)!);

  const scroller = page.locator('.orders-scroll');
  const oldest = orders.row(ids[0]!);
  // Each scroll to the bottom brings the next page; the oldest order arrives with the last one.
  await expect
    .poll(
      async () => {
        await scroller.evaluate((element) => {
          element.scrollTop = element.scrollHeight;
        });
        return oldest.count();
      },
      { timeout: 60_000 },
    )
    .toBe(1);
  await expect(oldest).toBeVisible();
  await expect(page.locator('.orders-table')).toHaveAttribute('aria-rowcount', String(ORDERS + 1));
  await expect(oldest).toHaveAttribute('aria-rowindex', String(ORDERS + 1));
  expect(await orders.rows.count()).toBeLessThan(100);
});
