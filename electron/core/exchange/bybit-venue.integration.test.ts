/**
 * The real ccxt bybit client, built the way core builds it (createExchangeClient, URLs pointed at
 * the fake), behind ExchangeClient and LiveVenue, against the fake Bybit v5 (spot, unified
 * account): public data, an order through Bybit's states (New → PartiallyFilled →
 * PartiallyFilledCanceled), fees as Bybit charges them, Bybit's refusals translated, a 10006
 * rate limit as a typed retry-after, and websockets public and private.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBybit, type FakeBybit } from '../../../e2e/fake-exchange';
import { TradewindError } from '../../../shared/ipc/errors';
import { createExchangeClient, type ExchangeClient } from './exchange-client';
import { classifyKeyFailure } from './key-errors';
import { LiveVenue } from './live-venue';
import { rejectionOf } from '../../../e2e/fake-exchange/test-support';

const KEY = { apiKey: 'bybit-venue-key', secret: 'bybit-venue-secret' };
const PRICE = 30_000;

let fake: FakeBybit;
let client: ExchangeClient;
let venue: LiveVenue;

beforeEach(async () => {
  fake = await startFakeBybit({ keys: [{ ...KEY, rights: { read: true, trade: true } }] });
  fake.setPrice('BTCUSDT', PRICE);
  fake.setBalance(KEY.apiKey, 'USDT', '10000');
  fake.setBalance(KEY.apiKey, 'BTC', '0.5');
  client = createExchangeClient({
    exchangeId: 'bybit',
    sandbox: false,
    credentials: KEY,
    urlOverrides: { bybit: fake.url },
    keyVersion: 1,
  });
  venue = new LiveVenue('bybit-acct', 'bybit', { client: async () => client, markUsed: () => undefined });
});

afterEach(async () => {
  await client.close();
  await fake.close();
});

/** Resolves once the fake reports `ready()` (a readiness signal, re-checked every event-loop turn). */
function until(ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (ready() ? resolve() : setImmediate(check));
    check();
  });
}

const limitBuy = (clientOrderId: string, amount: number, price: number) => ({
  clientOrderId,
  symbol: 'BTC/USDT',
  side: 'buy' as const,
  type: 'limit' as const,
  amount,
  price,
  stopPrice: null,
});

describe('Bybit through ExchangeClient and LiveVenue against the fake Bybit', () => {
  it('loads spot markets only, with Bybit precision and limits; tickers, candles, the book and trades', async () => {
    await client.loadMarkets();
    const instrumentCalls = fake.requests.filter((r) => r.path === '/v5/market/instruments-info');
    expect(instrumentCalls.map((r) => r.params['category'])).toEqual(['spot']);
    expect(fake.requests.map((r) => r.path)).toContain('/v5/asset/coin/query-info');
    expect(client.tradableMarkets().find((m) => m.symbol === 'BTC/USDT')).toMatchObject({
      amountStep: 0.00001,
      priceStep: 0.01,
      minAmount: 0.00001,
      minCost: 5,
    });
    const rules = await venue.rules('BTC/USDT');
    expect(rules).toMatchObject({ base: 'BTC', quote: 'USDT', priceStep: 0.01, amountStep: 0.00001 });
    expect((await venue.precision('BTC/USDT')).amount(0.0123456)).toBeCloseTo(0.01234, 10);

    const tickers = await client.fetchTickers(); // symbol-less: must ask for the spot category, not ccxt's default swaps
    expect(tickers['BTC/USDT']).toMatchObject({ last: PRICE, bid: PRICE - 0.01, ask: PRICE + 0.01 });
    const candles = await client.fetchOHLCV('BTC/USDT', '1h', undefined, 5);
    expect(candles).toHaveLength(5);
    expect(candles[1]![0]! - candles[0]![0]!).toBe(3_600_000);
    const book = await client.fetchOrderBook('BTC/USDT', 5);
    expect(book.bids).toHaveLength(5);
    expect((await client.fetchTrades('BTC/USDT')).at(-1)?.price).toBe(PRICE);
  });

  it('places a limit order that fills partly and is cancelled; the client id finds it; fills carry the maker fee', async () => {
    const placed = await venue.submit(limitBuy('tw-bybit-1', 0.01, 29_000));
    expect(placed).toMatchObject({ clientOrderId: 'tw-bybit-1', exchangeOrderId: expect.any(String) });
    expect(fake.orders({ account: KEY.apiKey })[0]).toMatchObject({ clientOrderId: 'tw-bybit-1', status: 'NEW' });

    fake.setPrice('BTCUSDT', 28_990, { fillQty: '0.004' });
    const ref = { clientOrderId: 'tw-bybit-1', exchangeOrderId: placed.exchangeOrderId, symbol: 'BTC/USDT' };
    const partial = await venue.refresh(ref, 0);
    expect(partial).toMatchObject({ status: 'partially_filled', filled: 0.004, amount: 0.01 });
    expect(partial?.fills?.[0]).toMatchObject({ price: 29_000, amount: 0.004, maker: true, feeAsset: 'BTC' });
    expect(partial?.fills?.[0]?.fee).toBeCloseTo(0.004 * 0.001, 12);

    expect(await venue.lookup('tw-bybit-1', 'BTC/USDT')).toMatchObject({ clientOrderId: 'tw-bybit-1', filled: 0.004 });
    const cancelled = await venue.cancel(ref, 0.004);
    expect(cancelled).toMatchObject({ status: 'cancelled', filled: 0.004 }); // Bybit: PartiallyFilledCanceled
    expect(await venue.openOrders('BTC/USDT')).toEqual([]);
    expect(await venue.lookup('tw-bybit-1', 'BTC/USDT')).toMatchObject({ status: 'cancelled', filled: 0.004 });
  });

  it('finds the right order by client id even when another one is open', async () => {
    await venue.submit(limitBuy('tw-bybit-a', 0.01, 28_000));
    await venue.submit(limitBuy('tw-bybit-b', 0.02, 27_000));
    expect(await venue.lookup('tw-bybit-a', 'BTC/USDT')).toMatchObject({ clientOrderId: 'tw-bybit-a', amount: 0.01 });
    expect(await venue.lookup('tw-bybit-missing', 'BTC/USDT')).toBeNull();
  });

  it('fills a market sell at the book with the taker fee in USDT and moves the balances', async () => {
    const sold = await venue.submit({
      clientOrderId: 'tw-bybit-2',
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      amount: 0.01,
      price: null,
      stopPrice: null,
    });
    const done = await venue.refresh({ clientOrderId: 'tw-bybit-2', exchangeOrderId: sold.exchangeOrderId, symbol: 'BTC/USDT' }, 0);
    expect(done).toMatchObject({ status: 'filled', filled: 0.01 });
    const fill = done?.fills?.[0];
    expect(fill).toMatchObject({ maker: false, feeAsset: 'USDT' });
    expect(fill?.fee).toBeCloseTo((fill?.cost ?? 0) * 0.001, 8);
    const balances = await venue.balances();
    expect(balances.get('BTC')?.free).toBeCloseTo(0.49, 10);
    expect(balances.get('USDT')?.free).toBeCloseTo(10_000 + (fill?.cost ?? 0) - (fill?.fee ?? 0), 6);
  });

  it('polling the trades reads a finished order once: its trades read again (the poll overlap) need no fetchOrder', async () => {
    await venue.submit({
      clientOrderId: 'tw-bybit-6',
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      amount: 0.01,
      price: null,
      stopPrice: null,
    });
    const orderReads = () => fake.requests.filter((r) => r.path.startsWith('/v5/order/') && r.path !== '/v5/order/create').length;
    // An hour back: one read window (Bybit's span is 7 days a read).
    const since = Date.now() - 3_600_000;
    const first = await venue.ordersTradedSince('BTC/USDT', since);
    const readsAfterFirst = orderReads();
    const second = await venue.ordersTradedSince('BTC/USDT', since);
    expect(first.orders).toHaveLength(1);
    expect(second.orders).toEqual(first.orders);
    expect(second.orders[0]).toMatchObject({ status: 'filled', filled: 0.01 });
    expect(readsAfterFirst).toBeGreaterThan(0);
    expect(orderReads()).toBe(readsAfterFirst);
  });

  it('refuses an order under the minimum value with Bybit reason, translated; insufficient funds likewise', async () => {
    const tiny = await rejectionOf(venue.submit(limitBuy('tw-bybit-3', 0.0001, 29_000)));
    expect(tiny).toBeInstanceOf(TradewindError);
    expect(tiny).toMatchObject({ code: 'invalid_order', exchangeCode: '170140' });
    expect((tiny as TradewindError).message).toMatch(/^Bybit: the order was rejected .*Order value exceeded lower limit/);
    const broke = await rejectionOf(venue.submit(limitBuy('tw-bybit-4', 1, 29_000)));
    expect(broke).toMatchObject({ code: 'insufficient_funds', exchangeCode: '170131' });
  });

  it('turns a 10006 rate-limit answer into a typed retry-after from X-Bapi-Limit-Reset-Timestamp', async () => {
    await client.loadMarkets();
    fake.injectFault({ kind: 'rate_limit', retryAfterSec: 3, times: 1, match: { path: '/v5/account/wallet-balance' } });
    const raw = await rejectionOf(client.fetchBalance());
    const error = client.translate(raw);
    expect(error).toMatchObject({ code: 'rate_limited', exchangeCode: '10006' });
    expect(error.retryAfterMs).toBeGreaterThan(1_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(3_000);
  });

  it('classifies Bybit key refusals: wrong secret, unknown key, IP binding, clock outside recv_window', async () => {
    const refusal = async (creds: { apiKey: string; secret: string }) => {
      const other = createExchangeClient({ exchangeId: 'bybit', sandbox: false, credentials: creds, urlOverrides: { bybit: fake.url } });
      try {
        return classifyKeyFailure(await rejectionOf(other.fetchBalance()), other.name);
      } finally {
        await other.close();
      }
    };
    expect(await refusal({ apiKey: KEY.apiKey, secret: 'not-the-secret' })).toMatchObject({
      code: 'auth',
      exchangeCode: '10004',
      message: expect.stringMatching(/^Bybit rejected the signature/),
    });
    expect(await refusal({ apiKey: 'no-such-key', secret: 'x' })).toMatchObject({
      code: 'auth',
      exchangeCode: '10003',
      message: expect.stringMatching(/^Bybit does not know this API key/),
    });
    fake.addKey({ apiKey: 'bound-key', secret: 'bound-secret', ipRestrict: ['10.9.8.7'] });
    expect(await refusal({ apiKey: 'bound-key', secret: 'bound-secret' })).toMatchObject({ code: 'ip_not_allowed', exchangeCode: '10010' });
    fake.injectFault({ kind: 'clock_skew', skewMs: -60_000 });
    expect(await refusal(KEY)).toMatchObject({
      code: 'clock_skew',
      exchangeCode: '10002',
      message: expect.stringContaining('recv_window'),
    });
  });

  it('streams tickers publicly and orders and balances after the auth op on the private stream', async () => {
    await client.loadMarkets();
    expect((await client.watchTicker('BTC/USDT')).last).toBe(PRICE);
    const nextTicker = client.watchTicker('BTC/USDT');
    fake.setPrice('BTCUSDT', 30_100);
    expect((await nextTicker).last).toBe(30_100);

    const orders = client.ccxt.watchOrders('BTC/USDT');
    const balance = client.watchBalance();
    await until(() => ['order', 'wallet'].every((t) => fake.streams.privateSubscriptions().includes(`${KEY.apiKey}:${t}`)));
    await venue.submit(limitBuy('tw-bybit-5', 0.01, 29_000));
    expect((await orders).at(-1)).toMatchObject({ clientOrderId: 'tw-bybit-5', status: 'open', amount: 0.01 });
    const pushed = await balance; // the order locked 290 USDT
    expect(pushed.free).toMatchObject({ USDT: 9_710 });
    expect(pushed.used).toMatchObject({ USDT: 290 });
  });
});
