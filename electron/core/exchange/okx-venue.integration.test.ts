/**
 * The real ccxt okx client, built the way core builds it (createExchangeClient with the OKX
 * passphrase as ccxt's `password`, URLs pointed at the fake), behind ExchangeClient and
 * LiveVenue, against the fake OKX: public data, orders through their OKX states, fees as OKX
 * reports them, OKX's refusals translated, and websockets public and private.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOkx, type FakeOkx } from '../../../e2e/fake-exchange';
import { TradewindError } from '../../../shared/ipc/errors';
import { createExchangeClient, type ExchangeClient } from './exchange-client';
import { LiveVenue } from './live-venue';
import { rejectionOf } from '../../../e2e/fake-exchange/test-support';

const KEY = { apiKey: 'okx-venue-key', secret: 'okx-venue-secret', password: 'Venue-Pass-7' };
const PRICE = 30_000;

let fake: FakeOkx;
let client: ExchangeClient;
let venue: LiveVenue;

beforeEach(async () => {
  fake = await startFakeOkx({
    keys: [{ apiKey: KEY.apiKey, secret: KEY.secret, passphrase: KEY.password, rights: { read: true, trade: true } }],
  });
  fake.setPrice('BTC-USDT', PRICE);
  fake.setBalance(KEY.apiKey, 'USDT', '10000');
  fake.setBalance(KEY.apiKey, 'BTC', '0.5');
  client = createExchangeClient({ exchangeId: 'okx', sandbox: false, credentials: KEY, urlOverrides: { okx: fake.url }, keyVersion: 1 });
  venue = new LiveVenue('okx-acct', 'okx', { client: async () => client, markUsed: () => undefined });
});

afterEach(async () => {
  await client.close();
  await fake.close();
});

describe('OKX through ExchangeClient and LiveVenue against the fake OKX', () => {
  it('loads spot markets with OKX precision and limits, tickers, candles, the book and trades', async () => {
    await client.loadMarkets();
    expect(fake.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/v5/public/instruments', '/api/v5/asset/currencies']));
    expect(fake.requests.filter((r) => r.path === '/api/v5/public/instruments').map((r) => r.params['instType'])).toEqual(['SPOT']);
    const rules = await venue.rules('BTC/USDT');
    expect(rules).toMatchObject({ base: 'BTC', quote: 'USDT', priceStep: 0.1, amountStep: 1e-8, minAmount: 0.00001 });
    expect((await venue.precision('BTC/USDT')).price(30_000.04)).toBeCloseTo(30_000, 6);

    const tickers = await client.fetchTickers(['BTC/USDT', 'ETH/USDT']);
    expect(tickers['BTC/USDT']).toMatchObject({ last: PRICE });
    expect(tickers['BTC/USDT']?.bid).toBeLessThan(PRICE);
    expect(tickers['BTC/USDT']?.ask).toBeGreaterThan(PRICE);

    const candles = await client.fetchOHLCV('BTC/USDT', '1h', undefined, 5);
    expect(candles).toHaveLength(5);
    const times = candles.map((c) => c[0] as number);
    expect(times).toEqual([...times].sort((a, b) => a - b)); // OKX sends newest first; ccxt hands them oldest first
    expect(times[1]! - times[0]!).toBe(3_600_000);

    const book = await client.fetchOrderBook('BTC/USDT', 5);
    expect(book.bids).toHaveLength(5);
    expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0] as number);
    expect((await client.fetchTrades('BTC/USDT')).at(-1)?.price).toBe(PRICE);
  });

  it('places a limit order that fills partly and is cancelled; the OKX client id carries ours back', async () => {
    const request = { clientOrderId: 'tw-abc123-1', symbol: 'BTC/USDT', side: 'buy' as const, type: 'limit' as const };
    const placed = await venue.submit({ ...request, amount: 0.01, price: 29_000, stopPrice: null });
    expect(placed).toMatchObject({ clientOrderId: 'tw-abc123-1', status: 'open', amount: 0.01, price: 29_000, filled: 0 });
    expect(fake.orders({ account: KEY.apiKey })[0]?.clientOrderId).toBe('twZabc123Z1'); // OKX takes letters and digits only

    fake.setPrice('BTC-USDT', 28_990, { fillQty: '0.004' });
    const ref = { clientOrderId: request.clientOrderId, exchangeOrderId: placed.exchangeOrderId, symbol: 'BTC/USDT' };
    const partial = await venue.refresh(ref, 0);
    expect(partial).toMatchObject({ status: 'partially_filled', filled: 0.004 });
    expect(partial?.fills?.[0]).toMatchObject({ price: 29_000, amount: 0.004, maker: true, feeAsset: 'BTC' });
    expect(partial?.fills?.[0]?.fee).toBeCloseTo(0.004 * 0.0008, 12); // OKX's negative fee, as a cost

    expect(await venue.lookup('tw-abc123-1', 'BTC/USDT')).toMatchObject({ clientOrderId: 'tw-abc123-1', filled: 0.004 });
    const cancelled = await venue.cancel(ref, 0.004);
    expect(cancelled).toMatchObject({ status: 'cancelled', filled: 0.004 });
    expect(await venue.openOrders('BTC/USDT')).toEqual([]);
  });

  it('fills a market order at the book with the taker fee and moves the balances', async () => {
    const sold = await venue.submit({
      clientOrderId: 'tw-abc123-2',
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      amount: 0.01,
      price: null,
      stopPrice: null,
    });
    expect(sold).toMatchObject({ status: 'filled', filled: 0.01, amount: 0.01 });
    const fills = await venue.refresh({ clientOrderId: 'tw-abc123-2', exchangeOrderId: sold.exchangeOrderId, symbol: 'BTC/USDT' }, 0);
    const fill = fills?.fills?.[0];
    expect(fill).toMatchObject({ maker: false, feeAsset: 'USDT' });
    expect(fill?.fee).toBeCloseTo((fill?.cost ?? 0) * 0.001, 8);
    const balances = await venue.balances();
    expect(balances.get('BTC')?.free).toBeCloseTo(0.49, 10);
    expect(balances.get('USDT')?.free).toBeGreaterThan(10_000 + 0.01 * PRICE * 0.99);
  });

  it('refuses an order under the minimum with OKX reason, translated; insufficient funds likewise', async () => {
    const tiny = await rejectionOf(
      venue.submit({
        clientOrderId: 'tw-abc123-3',
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        amount: 0.000001,
        price: 29_000,
        stopPrice: null,
      }),
    );
    expect(tiny).toBeInstanceOf(TradewindError);
    expect((tiny as TradewindError).code).toBe('invalid_order');
    expect((tiny as TradewindError).message).toMatch(/minimum order amount/);
    expect((tiny as TradewindError).exchangeCode).toBe('1'); // the batch reply's code; the order's own sCode is in the text
    expect((tiny as TradewindError).message).toContain('51020');

    const broke = await rejectionOf(
      venue.submit({
        clientOrderId: 'tw-abc123-4',
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        amount: 1,
        price: 29_000,
        stopPrice: null,
      }),
    );
    expect((broke as TradewindError).code).toBe('insufficient_funds');
  });

  it('turns a 50011 rate-limit answer into a typed retry-after', async () => {
    await client.loadMarkets();
    fake.injectFault({ kind: 'rate_limit', retryAfterSec: 3, times: 1, match: { path: '/api/v5/market/tickers' } });
    const error = client.translate(await rejectionOf(client.fetchTickers(['BTC/USDT'])));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 3_000, exchangeCode: '50011' });
  });

  it('streams tickers publicly and orders and balances after an OKX login (passphrase included)', async () => {
    await client.loadMarkets();
    expect((await client.watchTicker('BTC/USDT')).last).toBe(PRICE);
    const nextTicker = client.watchTicker('BTC/USDT'); // waits for the next push, which the price move causes
    fake.setPrice('BTC-USDT', 30_100);
    expect((await nextTicker).last).toBe(30_100);
    expect(fake.streams.subscriptions()).toContain('tickers:BTC-USDT');

    const firstBalance = await client.watchBalance();
    expect(firstBalance.free).toMatchObject({ USDT: 10_000 });
    expect(fake.streams.loggedIn()).toEqual([KEY.apiKey]);

    const orders = client.ccxt.watchOrders('BTC/USDT');
    const nextBalance = client.watchBalance();
    await venue.submit({
      clientOrderId: 'tw-abc123-5',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: 0.01,
      price: 29_000,
      stopPrice: null,
    });
    const pushed = await orders;
    expect(pushed.at(-1)).toMatchObject({ clientOrderId: 'twZabc123Z5', status: 'open', amount: 0.01 });
    const balance = await nextBalance; // the order locked 290 USDT
    expect(balance.free).toMatchObject({ USDT: 9_710 });
    expect(balance.used).toMatchObject({ USDT: 290 });
  });
});
