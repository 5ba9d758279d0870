import { afterEach, describe, expect, it } from 'vitest';
import { createCcxtBinance } from '../../../e2e/fake-exchange';
import type { AccountDetail, AuditEntry } from '../../../shared/ipc/schemas/accounts';
import type { OrderPreview, OrderView, ReconcileReport, TradeView } from '../../../shared/ipc/schemas/orders';
import { createCore } from '../index';
import { callError, startLiveCore, type LiveCoreHarness } from '../test-support/live-core';

const TRADER = { apiKey: 'orders-trader-key-AAAA', secret: 'orders-trader-secret', rights: { read: true, trade: true, withdraw: false } };
const READER = { apiKey: 'orders-reader-key-BBBB', secret: 'orders-reader-secret', rights: { read: true, trade: false, withdraw: false } };

let h: LiveCoreHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function liveAccount(harness: LiveCoreHarness, key: { apiKey: string; secret: string }, label = 'Binance'): Promise<AccountDetail> {
  return harness.call<AccountDetail>('accounts.add', {
    exchangeId: 'binance',
    label,
    sandbox: false,
    credentials: { apiKey: key.apiKey, secret: key.secret },
  });
}

const orderPosts = (harness: LiveCoreHarness) => harness.fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order');
const ticket = (accountId: string, price: number, amount = 0.01) => ({
  accountId,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  size: { unit: 'base', amount },
  price,
});
const limitBuy = (accountId: string, price: number, amount = 0.01) => ({ ...ticket(accountId, price, amount), confirmed: true });
const order = async (harness: LiveCoreHarness, accountId: string, clientOrderId: string, status: 'open' | 'history' = 'history') =>
  (await harness.call<OrderView[]>('orders.list', { accountId, status })).find((o) => o.clientOrderId === clientOrderId);

describe('live orders through ccxt against the fake exchange', () => {
  it('asks for confirmation, places a limit order under its client id, and records the fill with its fee when the price crosses', async () => {
    h = await startLiveCore([TRADER], { tradingTickMs: 50, livePollMs: 100 });
    h.fake.setBalance(TRADER.apiKey, 'USDT', '10000');
    h.fake.setPrice('BTCUSDT', '31000');
    const account = await liveAccount(h, TRADER);

    const preview = await h.call<OrderPreview>('orders.preview', ticket(account.id, 30_500));
    expect(preview).toMatchObject({
      valid: true,
      accountKind: 'live',
      requiresConfirmation: true,
      amount: 0.01,
      cost: 305,
      fee: { asset: 'BTC', rate: 0.001 },
    });
    const unconfirmed = await callError(h, 'orders.place', ticket(account.id, 30_500));
    expect(unconfirmed).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('confirmed') });
    expect(orderPosts(h)).toHaveLength(0);

    const placed = await h.call<OrderView>('orders.place', limitBuy(account.id, 30_500));
    expect(placed).toMatchObject({ status: 'open', amount: 0.01, price: 30_500, origin: 'manual', exchangeOrderId: expect.any(String) });
    const [onExchange] = h.fake.orders({ clientOrderId: placed.clientOrderId });
    expect(onExchange).toMatchObject({ status: 'NEW', type: 'LIMIT', side: 'BUY' });
    expect([Number(onExchange?.price), Number(onExchange?.origQty)]).toEqual([30_500, 0.01]);

    h.fake.setPrice('BTCUSDT', '30490');
    await expect.poll(async () => (await order(h!, account.id, placed.clientOrderId))?.status, { timeout: 8_000 }).toBe('filled');
    const trades = await h.call<TradeView[]>('trades.list', { accountId: account.id });
    expect(trades).toEqual([
      expect.objectContaining({
        clientOrderId: placed.clientOrderId,
        price: 30_500,
        amount: 0.01,
        fee: 0.00001,
        feeAsset: 'BTC',
        side: 'buy',
      }),
    ]);
    expect(await order(h, account.id, placed.clientOrderId)).toMatchObject({
      filled: 0.01,
      averagePrice: 30_500,
      fees: [{ asset: 'BTC', amount: 0.00001 }],
    });
    const audit = await h.call<AuditEntry[]>('audit.list', { accountId: account.id, kinds: ['order.placed'] });
    expect(audit).toEqual([expect.objectContaining({ summary: expect.stringContaining(placed.clientOrderId), keyVersion: 1 })]);
  });

  it('cancels one order and all of a market, freeing the funds on the exchange', async () => {
    h = await startLiveCore([TRADER]);
    h.fake.setBalance(TRADER.apiKey, 'USDT', '10000');
    const account = await liveAccount(h, TRADER);
    await h.call('orders.updateSettings', { accountId: account.id, confirmOrders: false });
    const first = await h.call<OrderView>('orders.place', ticket(account.id, 30_000));
    const cancelled = await h.call<OrderView>('orders.cancel', { accountId: account.id, clientOrderId: first.clientOrderId });
    expect(cancelled.status).toBe('cancelled');
    expect(h.fake.orders({ clientOrderId: first.clientOrderId })[0]?.status).toBe('CANCELED');
    expect((await callError(h, 'orders.cancel', { accountId: account.id, clientOrderId: first.clientOrderId })).message).toMatch(
      /already cancelled/,
    );

    await h.call('orders.place', limitBuy(account.id, 29_000));
    await h.call('orders.place', limitBuy(account.id, 28_000));
    const all = await h.call<{ cancelled: OrderView[]; failed: unknown[] }>('orders.cancelAll', {
      accountId: account.id,
      symbol: 'BTC/USDT',
    });
    expect(all.cancelled.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    expect(all.failed).toEqual([]);
    expect(h.fake.orders({ status: 'NEW' })).toEqual([]);
    const usdt = h.fake.balances(TRADER.apiKey).USDT;
    expect([Number(usdt?.free), Number(usdt?.locked)]).toEqual([10_000, 0]);
    expect(await h.call<AuditEntry[]>('audit.list', { accountId: account.id, kinds: ['order.cancelled'] })).toHaveLength(3);
  });

  it('resolves a create whose reply was dropped after the exchange accepted it: exactly one order exists', async () => {
    h = await startLiveCore([TRADER]);
    h.fake.setBalance(TRADER.apiKey, 'USDT', '10000');
    const account = await liveAccount(h, TRADER);
    const fault = h.fake.injectFault({ kind: 'drop_after_accept', match: { method: 'POST', path: '/api/v3/order' }, times: 1 });
    const placed = await h.call<OrderView>('orders.place', limitBuy(account.id, 30_000));
    expect(fault.hits).toBe(1);
    expect(placed).toMatchObject({ status: 'open', lookups: 0, error: null, exchangeOrderId: expect.any(String) });
    expect(h.fake.orders()).toEqual([expect.objectContaining({ clientOrderId: placed.clientOrderId, status: 'NEW' })]);
    expect(orderPosts(h)).toHaveLength(1);
    expect(
      h.fake.requests.some((r) => r.method === 'GET' && r.path === '/api/v3/order' && r.params.origClientOrderId === placed.clientOrderId),
    ).toBe(true);
  });

  it('never re-sends an order the exchange may not have taken: not found N times becomes failed', async () => {
    h = await startLiveCore([TRADER], { livePollMs: 60_000 });
    h.fake.setBalance(TRADER.apiKey, 'USDT', '10000');
    const account = await liveAccount(h, TRADER);
    h.fake.injectFault({ kind: 'server_error', status: 503, match: { method: 'POST', path: '/api/v3/order' }, times: 1 });
    const placed = await h.call<OrderView>('orders.place', limitBuy(account.id, 30_000));
    expect(placed).toMatchObject({ status: 'unknown', lookups: 1, error: expect.stringMatching(/has not found this order yet/) });
    for (let i = 0; i < 4; i++) await h.call<ReconcileReport[]>('orders.reconcile', { accountId: account.id });
    const failed = await order(h, account.id, placed.clientOrderId);
    expect(failed).toMatchObject({ status: 'failed', lookups: 5, error: expect.stringMatching(/never placed.*not re-sent/) });
    expect(orderPosts(h)).toHaveLength(1);
    expect(h.fake.orders()).toEqual([]);
  });

  it('honours the exchange’s Retry-After: the order poll waits as long as told, and the refusal says how long', async () => {
    h = await startLiveCore([TRADER], { tradingTickMs: 50, livePollMs: 100 });
    h.fake.setBalance(TRADER.apiKey, 'USDT', '10000');
    h.fake.setPrice('BTCUSDT', '31000');
    const account = await liveAccount(h, TRADER);

    // A placement refused with 429: the error says when to try again.
    h.fake.injectFault({ kind: 'rate_limit', retryAfterSec: 2, times: 1, match: { method: 'POST', path: '/api/v3/order' } });
    const refused = await callError(h, 'orders.place', limitBuy(account.id, 30_000));
    expect(refused).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Retry-After: 2 s\.$/) });

    const placed = await h.call<OrderView>('orders.place', limitBuy(account.id, 30_000));
    // The poll re-reads the one open order (the refused one never reached the book).
    expect(placed.status).toBe('open');
    const polls = () => h!.fake.requests.filter((r) => r.method === 'GET' && r.path === '/api/v3/order');
    await expect.poll(() => polls().length, { timeout: 5_000 }).toBeGreaterThan(2);
    h.fake.injectFault({ kind: 'rate_limit', retryAfterSec: 3, times: 1, match: { method: 'GET', path: '/api/v3/order' } });
    await expect.poll(() => polls().filter((r) => r.fault === 'rate_limit').length, { timeout: 5_000 }).toBe(1);
    const limited = polls().find((r) => r.fault === 'rate_limit')!;
    await expect.poll(() => polls().filter((r) => r.time > limited.time).length, { timeout: 8_000 }).toBeGreaterThan(0);
    const next = polls().find((r) => r.time > limited.time)!;
    // The poll schedules exactly the wait it was told (not the 1 s the back-off would start with, nor
    // its 30 s ceiling), and really waits it; how much later the next tick runs depends on the machine.
    expect(h.logs.filter((line) => line.includes('(Retry-After)'))).toEqual([
      expect.stringMatching(/^order poll for \S+ failed, waiting 3000 ms \(Retry-After\): /),
    ]);
    expect(next.time - limited.time).toBeGreaterThanOrEqual(2_900);
  });

  it('refuses a read-only key before anything is sent, with the reason', async () => {
    h = await startLiveCore([READER]);
    h.fake.setBalance(READER.apiKey, 'USDT', '10000');
    const account = await liveAccount(h, READER, 'Watch only');
    h.fake.clearRequests();
    const refused = await callError(h, 'orders.place', limitBuy(account.id, 30_000));
    expect(refused).toEqual({ code: 'permission', message: expect.stringContaining('read-only') });
    expect(h.fake.requests).toEqual([]);
    const preview = await h.call<OrderPreview>('orders.preview', ticket(account.id, 30_000));
    expect(preview.valid).toBe(false);
    expect(preview.issues).toEqual([
      expect.objectContaining({ field: 'account', rule: 'cannot_trade', message: expect.stringContaining('read-only') }),
    ]);
    expect(orderPosts(h)).toHaveLength(0);
    const bracket = await callError(h, 'brackets.place', {
      accountId: account.id,
      symbol: 'BTC/USDT',
      side: 'buy',
      size: { unit: 'base', amount: 0.01 },
      entry: { type: 'market' },
      targets: [],
      stopLoss: { percent: 2 },
    });
    expect(bracket.code).toBe('permission');
    expect(orderPosts(h)).toHaveLength(0);
  });

  it('reconciles at start-up: fills that happened while closed are recorded, orders placed elsewhere are adopted', async () => {
    h = await startLiveCore([TRADER]);
    h.fake.setBalance(TRADER.apiKey, 'USDT', '10000');
    h.fake.setPrice('BTCUSDT', '31000');
    const account = await liveAccount(h, TRADER);
    const placed = await h.call<OrderView>('orders.place', limitBuy(account.id, 30_800, 0.02));
    await h.core.close();

    // While Tradewind is closed: the order fills, and the person places another order on the website.
    h.fake.setPrice('BTCUSDT', '30700');
    const web = createCcxtBinance(h.fake.url, TRADER);
    await web.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 29_000, { clientOrderId: 'web-order-1' });
    await web.close();

    const restarted = await createCore({
      host: 'test',
      dataDir: h.dataDir,
      offline: true,
      exchangeUrls: { binance: h.fake.url },
      openSecretStore: h.secrets,
      livePollMs: 60_000,
      log: () => {},
    });
    try {
      const call = async <T>(method: string, input: unknown) => {
        const result = await restarted.invoke(method, input, { sessionId: 't' });
        if (!result.ok) throw new Error(result.error.message);
        return result.value as T;
      };
      await expect
        .poll(
          async () =>
            (await call<OrderView[]>('orders.list', { accountId: account.id, status: 'history' })).find(
              (o) => o.clientOrderId === placed.clientOrderId,
            )?.status,
          { timeout: 8_000 },
        )
        .toBe('filled');
      await expect
        .poll(async () => (await call<OrderView[]>('orders.list', { accountId: account.id, status: 'open' })).length, { timeout: 8_000 })
        .toBe(1);
      const open = await call<OrderView[]>('orders.list', { accountId: account.id, status: 'open' });
      expect(open).toEqual([
        expect.objectContaining({ clientOrderId: 'web-order-1', origin: 'external', status: 'open', amount: 0.01, price: 29_000 }),
      ]);
      expect(await call<TradeView[]>('trades.list', { accountId: account.id })).toEqual([
        expect.objectContaining({ clientOrderId: placed.clientOrderId, amount: 0.02, price: 30_800 }),
      ]);
      const [report] = await call<ReconcileReport[]>('orders.reconcile', { accountId: account.id });
      expect(report).toMatchObject({ checked: 1, updated: 0, adopted: 0, failed: 0, error: null });
      const cancelled = await call<OrderView>('orders.cancel', { accountId: account.id, clientOrderId: 'web-order-1' });
      expect(cancelled.status).toBe('cancelled');
    } finally {
      await restarted.close();
    }
  });
});
