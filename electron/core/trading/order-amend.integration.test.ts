import { afterEach, describe, expect, it } from 'vitest';
import { isMethodName, methods } from '../../../shared/ipc/contract';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../index';
import { callError, startLiveCore, type LiveCoreHarness } from '../test-support/live-core';
import { makeTempDir } from '../test-support/temp-dir';

let core: Core | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;
let live: LiveCoreHarness | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  temp?.cleanup();
  await live?.close();
  live = undefined;
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await (core as Core).invoke(method, input, { sessionId: 'amend-test' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  if (isMethodName(method)) methods[method].output.parse(result.value);
  return result.value as T;
}

describe('amending a working order (cancel-replace through the ledger)', () => {
  it('cancels the old order, places the new one linked to it, and refuses what a ticket would refuse', async () => {
    temp = makeTempDir();
    const wall = Date.now();
    core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, replayClock: () => wall, tradingTickMs: 50, log: () => {} });
    const preview = await call<{ referencePrice: number }>('orders.preview', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      size: { unit: 'base', amount: 0.001 },
    });
    const far = Math.floor(preview.referencePrice * 0.8);
    const placed = await call<OrderView>('orders.place', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.01 },
      price: far,
    });
    expect(placed.status).toBe('open');

    const amended = await call<OrderView>('orders.amend', {
      accountId: 'paper',
      clientOrderId: placed.clientOrderId,
      price: far - 100,
      amount: 0.02,
    });
    expect(amended).toMatchObject({
      status: 'open',
      price: far - 100,
      amount: 0.02,
      origin: 'manual',
      originRole: 'amends',
      originId: placed.clientOrderId,
    });
    const history = await call<OrderView[]>('orders.list', { accountId: 'paper', status: 'history' });
    expect(history.find((o) => o.clientOrderId === placed.clientOrderId)?.status).toBe('cancelled');
    const open = await call<OrderView[]>('orders.list', { accountId: 'paper', status: 'open' });
    expect(open.map((o) => o.clientOrderId)).toEqual([amended.clientOrderId]);

    // Checked like a new ticket before anything is cancelled: the order stays as it was.
    await expect(call('orders.amend', { accountId: 'paper', clientOrderId: amended.clientOrderId, amount: 1_000 })).rejects.toMatchObject({
      code: 'insufficient_funds',
    });
    expect((await call<OrderView[]>('orders.list', { accountId: 'paper', status: 'open' })).map((o) => o.clientOrderId)).toEqual([
      amended.clientOrderId,
    ]);
    await expect(call('orders.amend', { accountId: 'paper', clientOrderId: placed.clientOrderId, price: far })).rejects.toThrow(
      /only a working order can be amended/,
    );
  });

  it('refuses a second amend of the same order while the first is in flight: one replacement, never two', async () => {
    temp = makeTempDir();
    const wall = Date.now();
    core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, replayClock: () => wall, tradingTickMs: 50, log: () => {} });
    const preview = await call<{ referencePrice: number }>('orders.preview', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      size: { unit: 'base', amount: 0.001 },
    });
    const far = Math.floor(preview.referencePrice * 0.8);
    const placed = await call<OrderView>('orders.place', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.01 },
      price: far,
    });
    const results = await Promise.allSettled([
      call<OrderView>('orders.amend', { accountId: 'paper', clientOrderId: placed.clientOrderId, price: far - 100 }),
      call<OrderView>('orders.amend', { accountId: 'paper', clientOrderId: placed.clientOrderId, price: far - 200 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'amend_in_progress',
      message: 'This order is already being amended; wait for it to finish.',
    });
    const open = await call<OrderView[]>('orders.list', { accountId: 'paper', status: 'open' });
    expect(open.map((o) => o.price)).toEqual([far - 100]);
  });
});

const TRADER = { apiKey: 'amend-trader-key-AAAA', secret: 'amend-trader-secret', rights: { read: true, trade: true, withdraw: false } };

async function liveOrder(price: number, amount = 0.01): Promise<{ accountId: string; order: OrderView }> {
  const h = live as LiveCoreHarness;
  h.fake.setBalance(TRADER.apiKey, 'USDT', '50000');
  h.fake.setPrice('BTCUSDT', '30000');
  const account = await h.call<{ id: string }>('accounts.add', {
    exchangeId: 'binance',
    label: 'Live',
    sandbox: false,
    credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
  });
  const order = await h.call<OrderView>('orders.place', {
    accountId: account.id,
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    size: { unit: 'base', amount },
    price,
    confirmed: true,
  });
  return { accountId: account.id, order };
}

const openOrders = (accountId: string) => (live as LiveCoreHarness).call<OrderView[]>('orders.list', { accountId, status: 'open' });

describe('amending a live order (fake Binance)', () => {
  it('refuses two concurrent amends of one order: exactly one replacement on the exchange', async () => {
    live = await startLiveCore([TRADER]);
    const { accountId, order } = await liveOrder(29_000);
    const results = await Promise.allSettled([
      live.call<OrderView>('orders.amend', { accountId, clientOrderId: order.clientOrderId, price: 28_900, confirmed: true }),
      live.call<OrderView>('orders.amend', { accountId, clientOrderId: order.clientOrderId, price: 28_800, confirmed: true }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'amend_in_progress' });
    expect(live.fake.orders({ status: 'NEW' }).map((o) => Number(o.price))).toEqual([28_900]);
    expect((await openOrders(accountId)).map((o) => o.price)).toEqual([28_900]);
  });

  it('refuses an amend outside the price band before cancelling anything', async () => {
    live = await startLiveCore([TRADER]);
    const { accountId, order } = await liveOrder(29_000);
    const refused = await callError(live, 'orders.amend', {
      accountId,
      clientOrderId: order.clientOrderId,
      price: 31_600,
      confirmed: true,
    });
    expect(refused.code).toBe('limit_price_band');
    expect((await openOrders(accountId)).map((o) => o.clientOrderId)).toEqual([order.clientOrderId]);
    expect(live.fake.orders({ status: 'NEW' })).toHaveLength(1);
  });

  it('says so when the replacement fails after the cancel', async () => {
    live = await startLiveCore([TRADER]);
    const { accountId, order } = await liveOrder(29_000);
    live.fake.injectFault({ kind: 'bad_signature', times: 1, match: { apiKey: TRADER.apiKey, method: 'POST', path: '/api/v3/order' } });
    const failed = await callError(live, 'orders.amend', { accountId, clientOrderId: order.clientOrderId, price: 28_900, confirmed: true });
    expect(failed.code).toBe('auth');
    expect(failed.message).toMatch(
      new RegExp(
        `^Order ${order.clientOrderId} was cancelled; its replacement was not placed: .+ Nothing of it is open now; place a new order`,
      ),
    );
    expect(await openOrders(accountId)).toEqual([]);
  });

  it("counts a replacement against the day's limit only for what it adds", async () => {
    live = await startLiveCore([TRADER]);
    const { accountId, order } = await liveOrder(29_000, 0.03);
    await live.call('limits.set', { accountId, maxDailyNotional: 1_000 });
    let current = order.clientOrderId;
    for (const price of [28_900, 28_800, 28_700]) {
      const amended = await live.call<OrderView>('orders.amend', { accountId, clientOrderId: current, price, confirmed: true });
      current = amended.clientOrderId;
    }
    expect((await live.call<{ usedToday: number }>('limits.get', { accountId })).usedToday).toBeCloseTo(0.03 * 28_700, 6);
  });
});
