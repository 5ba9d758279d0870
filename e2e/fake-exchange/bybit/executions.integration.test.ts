/**
 * Bybit v5 `execution/list` as the venue documents it: newest first, `limit` 1–100 (50 by
 * default), a `nextPageCursor` to pass back as `cursor` for the next (older) page and "" after
 * the last, at most 7 days a read (startTime only → the 7 days from it; both → at most 7 days
 * apart, else 10001); and orders placed on the site, which carry an empty `orderLinkId`.
 */
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MARKETS } from '../markets';
import { rejectionOf } from '../test-support';
import { createCcxtBybit } from './ccxt-setup';
import { startFakeBybit, type FakeBybit } from './server';

const KEY = { apiKey: 'bybit-executions', secret: 'bybit-executions-secret' };
const DAY = 86_400_000;

interface Execution {
  execId: string;
  orderId: string;
  orderLinkId: string;
  execTime: string;
}
interface ExecutionPage {
  result: { list: Execution[]; nextPageCursor: string };
}

describe('fake Bybit execution/list: cursor pages, the 7-day window, site orders', () => {
  let fake: FakeBybit;
  let exchange: ReturnType<typeof createCcxtBybit>;
  const list = (params: Record<string, string | number>) =>
    exchange.privateGetV5ExecutionList({ category: 'spot', symbol: 'BTCUSDT', ...params }) as Promise<ExecutionPage>;

  beforeAll(async () => {
    const btc = DEFAULT_MARKETS.find((m) => m.symbol === 'BTCUSDT')!;
    // Thin book levels: one small market order takes dozens of fills.
    fake = await startFakeBybit({
      keys: [{ ...KEY, rights: { read: true, trade: true } }],
      markets: [{ ...btc, bookLevelQty: '0.00004' }],
    });
    fake.setPrice('BTCUSDT', '30000');
    fake.setBalance(KEY.apiKey, 'USDT', '10000');
    exchange = createCcxtBybit(fake.url, KEY);
    await exchange.loadMarkets();
  });
  afterAll(() => fake.close());

  it('gives a site order an empty orderLinkId, on the order and on its executions', async () => {
    const placed = fake.placeOnSite(KEY.apiKey, { symbol: 'BTCUSDT', side: 'buy', amount: '0.003' });
    expect(placed.fills.length).toBeGreaterThan(30);
    expect(fake.requests.filter((r) => r.path === '/v5/order/create')).toEqual([]);
    const order = await exchange.fetchOrder(String(placed.order.orderId), 'BTC/USDT', { acknowledged: true });
    expect(order).toMatchObject({ status: 'closed', filled: 0.003 });
    expect(order.clientOrderId ?? '').toBe('');
    const page = await list({ orderId: String(placed.order.orderId), limit: 100 });
    expect(page.result.list.map((e) => e.orderLinkId)).toEqual(placed.fills.map(() => ''));
    // A second site order, or an API order placed without one, is no duplicate although none has a client id.
    expect(fake.placeOnSite(KEY.apiKey, { symbol: 'BTCUSDT', side: 'buy', amount: '0.001' }).order.status).toBe('FILLED');
    const viaApi = await exchange.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { marketUnit: 'baseCoin' });
    const again = await exchange.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { marketUnit: 'baseCoin' });
    expect(
      fake
        .orders({ account: KEY.apiKey })
        .filter((o) => o.orderId === Number(viaApi.id) || o.orderId === Number(again.id))
        .map((o) => o.clientOrderId),
    ).toEqual(['', '']);
  });

  it('pages newest first by nextPageCursor until it is empty, every execution once', async () => {
    const all = fake.trades({ account: KEY.apiKey, symbol: 'BTCUSDT' });
    expect(all.length).toBeGreaterThan(50);
    const first = await list({});
    expect(first.result.list).toHaveLength(50); // Bybit's default page
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ limit: 20, ...(cursor ? { cursor } : {}) });
      seen.push(...page.result.list.map((e) => e.execId));
      cursor = page.result.nextPageCursor || undefined;
    } while (cursor);
    expect(seen).toEqual(all.map((t) => String(t.id)).reverse());
    expect(await rejectionOf(list({ limit: 101 }))).toBeInstanceOf(ccxt.BadRequest);
  });

  it('reads 7 days at most: from startTime, before endTime, and refuses a longer range', async () => {
    const now = Date.now();
    expect((await list({ startTime: now - 8 * DAY })).result.list).toEqual([]);
    expect((await list({ startTime: now - 6 * DAY })).result.list.length).toBeGreaterThan(0);
    expect((await list({ endTime: now - 8 * DAY })).result.list).toEqual([]);
    const tooLong = await rejectionOf(list({ startTime: now - 8 * DAY, endTime: now }));
    expect(String(tooLong)).toContain('cannot exceed 7 days');
  });

  it('ccxt fetchMyTrades with paginate walks the cursor pages to the same executions', async () => {
    const all = fake.trades({ account: KEY.apiKey, symbol: 'BTCUSDT' });
    const trades = await exchange.fetchMyTrades('BTC/USDT', Date.now() - DAY, undefined, { paginate: true, paginationCalls: 10 });
    expect(new Set(trades.map((t) => t.id))).toEqual(new Set(all.map((t) => String(t.id))));
  });
});
