/**
 * OKX v5 account fills as the venue documents them: `trade/fills` reaches back 3 days,
 * `trade/fills-history` 3 months and needs `instType`; both list newest first, 100 at most a page,
 * `begin`/`end` bound the time, `after` = a bill id reads the older page below it, `before` the
 * newer one above; and orders placed on the site, which carry an empty `clOrdId`.
 */
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../test-support';
import { createCcxtOkx } from './ccxt-setup';
import { OKX_INSTRUMENTS } from './instruments';
import { startFakeOkx, type FakeOkx } from './server';

const KEY = { apiKey: 'okx-fills', secret: 'okx-fills-secret', password: 'Fills-Pass-1' };
const DAY = 86_400_000;

interface Fill {
  billId: string;
  ordId: string;
  clOrdId: string;
  ts: string;
}
type FillsAnswer = { data: Fill[] };

describe('fake OKX fills and fills-history: pages by bill id, time windows, site orders', () => {
  let fake: FakeOkx;
  let exchange: ReturnType<typeof createCcxtOkx>;
  const history = (params: Record<string, string | number>) =>
    exchange.privateGetTradeFillsHistory({ instType: 'SPOT', instId: 'BTC-USDT', ...params }) as Promise<FillsAnswer>;
  const recent = (params: Record<string, string | number>) =>
    exchange.privateGetTradeFills({ instId: 'BTC-USDT', ...params }) as Promise<FillsAnswer>;

  beforeAll(async () => {
    const btc = OKX_INSTRUMENTS.find((i) => i.instId === 'BTC-USDT')!;
    fake = await startFakeOkx({
      keys: [{ apiKey: KEY.apiKey, secret: KEY.secret, passphrase: KEY.password, rights: { read: true, trade: true } }],
      instruments: [{ ...btc, bookLevelQty: '0.00004' }],
    });
    fake.setPrice('BTC-USDT', '30000');
    fake.setBalance(KEY.apiKey, 'USDT', '10000');
    exchange = createCcxtOkx(fake.url, KEY);
    await exchange.loadMarkets();
  });
  afterAll(() => fake.close());

  it('gives a site order an empty clOrdId, on the order and on its fills', async () => {
    const placed = fake.placeOnSite(KEY.apiKey, { symbol: 'BTC-USDT', side: 'buy', amount: '0.003' });
    expect(placed.fills.length).toBeGreaterThan(30);
    const order = await exchange.fetchOrder(String(placed.order.orderId), 'BTC/USDT');
    expect(order).toMatchObject({ status: 'closed', filled: 0.003 });
    expect(order.clientOrderId ?? '').toBe('');
    const fills = await history({ ordId: String(placed.order.orderId) });
    expect(fills.data.map((f) => f.clOrdId)).toEqual(placed.fills.map(() => ''));
    // Placed twice more: more fills than one page holds.
    fake.placeOnSite(KEY.apiKey, { symbol: 'BTC-USDT', side: 'buy', amount: '0.003' });
    fake.placeOnSite(KEY.apiKey, { symbol: 'BTC-USDT', side: 'buy', amount: '0.003' });
    expect(fake.trades({ account: KEY.apiKey }).length).toBeGreaterThan(100);
  });

  it('pages newest first, 100 a page, down by `after` and up by `before`, every fill once', async () => {
    const all = fake.trades({ account: KEY.apiKey }).map((t) => String(t.id));
    const first = await history({});
    expect(first.data).toHaveLength(100);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await history({ limit: 40, ...(after ? { after } : {}) });
      if (page.data.length === 0) break;
      seen.push(...page.data.map((f) => f.billId));
      after = page.data[page.data.length - 1]!.billId;
    }
    expect(seen.map((b) => String((Number(b) - 7) / 10))).toEqual([...all].reverse());
    const oldest = seen[seen.length - 1]!;
    const above = await history({ before: oldest, limit: 3 });
    expect(above.data.map((f) => f.billId)).toEqual(seen.slice(-4, -1));
    expect(await rejectionOf(history({ limit: 101 }))).toBeInstanceOf(ccxt.BadRequest);
  });

  it('bounds by begin/end; fills reaches 3 days back, fills-history 3 months and wants instType', async () => {
    const now = Date.now();
    expect((await history({ begin: now + DAY })).data).toEqual([]);
    expect((await history({ end: now - DAY })).data).toEqual([]);
    // A fill from four days ago: in the history, no longer in the recent list.
    const old = fake.state.trades.find((t) => t.account === KEY.apiKey)!;
    old.time = now - 4 * DAY;
    const billOf = (f: Fill[]) => f.map((x) => x.billId);
    const oldBill = String(old.id * 10 + 7);
    expect(billOf((await history({ after: String(old.id * 10 + 8) })).data)).toContain(oldBill);
    expect(billOf((await recent({ after: String(old.id * 10 + 8) })).data)).not.toContain(oldBill);
    const noType = await rejectionOf(exchange.privateGetTradeFillsHistory({ instId: 'BTC-USDT' }));
    expect(String(noType)).toContain('Parameter instType can not be empty');
  });
});
