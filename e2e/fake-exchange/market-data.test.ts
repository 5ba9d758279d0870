import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCcxtBinance } from './ccxt-setup';
import { startFakeBinance, type FakeBinance } from './server';
import { csvRows, rejectionOf } from './test-support';

describe('fake Binance: public market data through the real ccxt client', () => {
  let fake: FakeBinance;
  let exchange: ReturnType<typeof createCcxtBinance>;

  beforeAll(async () => {
    fake = await startFakeBinance();
    exchange = createCcxtBinance(fake.url);
  });
  afterAll(() => fake.close());

  it('loads the six spot markets with a single exchangeInfo call', async () => {
    fake.clearRequests();
    await exchange.loadMarkets();
    expect(Object.keys(exchange.markets ?? {}).sort()).toEqual(['ADA/BTC', 'BTC/USDT', 'ETH/BTC', 'ETH/USDT', 'LTC/BTC', 'XRP/ETH']);
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /api/v3/exchangeInfo 200']);
  });

  it('exposes Binance filters as ccxt precision and limits', () => {
    const btc = exchange.market('BTC/USDT');
    expect(btc.precision).toMatchObject({ amount: 0.00001, price: 0.01 });
    expect(btc.limits.amount).toEqual({ min: 0.00001, max: 9000 });
    expect(btc.limits.price).toEqual({ min: 0.01, max: 1000000 });
    expect(btc.limits.cost).toEqual({ min: 5, max: 9000000 });
    expect(btc.spot && btc.active).toBe(true);
    const ada = exchange.market('ADA/BTC');
    expect(ada.precision).toMatchObject({ amount: 0.1, price: 0.00000001 });
    expect(ada.limits.cost?.min).toBe(0.0001);
    expect(exchange.amountToPrecision('ETH/BTC', 1.23456789)).toBe('1.2345');
    expect(exchange.priceToPrecision('LTC/BTC', 0.0161234567)).toBe('0.016123');
  });

  it('fetchTicker starts at the last replay close, with a one-tick-each-side book', async () => {
    const rows = csvRows('BTC_USDT-5m.csv');
    const lastClose = Number(rows[rows.length - 1]?.[4]);
    const ticker = await exchange.fetchTicker('BTC/USDT');
    expect(ticker.last).toBe(lastClose);
    expect(ticker.bid).toBeCloseTo(lastClose - 0.01, 8);
    expect(ticker.ask).toBeCloseTo(lastClose + 0.01, 8);
    expect(ticker.high).toBeGreaterThanOrEqual(ticker.low ?? Infinity);
    expect(ticker.baseVolume).toBeGreaterThan(0);
  });

  it('fetchOHLCV on 5m returns the CSV rows verbatim (latest bars when no since)', async () => {
    const rows = csvRows('ETH_BTC-5m.csv');
    const expected = rows.slice(-3).map((r) => r.map(Number));
    expect(await exchange.fetchOHLCV('ETH/BTC', '5m', undefined, 3)).toEqual(expected);
    const since = Number(rows[10]?.[0]);
    expect(await exchange.fetchOHLCV('ETH/BTC', '5m', since, 2)).toEqual(rows.slice(10, 12).map((r) => r.map(Number)));
  });

  it('fetchOHLCV aggregates complete buckets for larger intervals and has no 1m data', async () => {
    const rows = csvRows('BTC_USDT-5m.csv').map((r) => r.map(Number));
    const hourStart = rows.findIndex((r) => (r[0] as number) % 3_600_000 === 0);
    const hour = rows.slice(hourStart, hourStart + 12);
    const [bar] = await exchange.fetchOHLCV('BTC/USDT', '1h', hour[0]?.[0], 1);
    expect(bar).toEqual([
      hour[0]?.[0],
      hour[0]?.[1],
      Math.max(...hour.map((r) => r[2] as number)),
      Math.min(...hour.map((r) => r[3] as number)),
      hour[11]?.[4],
      expect.closeTo(
        hour.reduce((sum, r) => sum + (r[5] as number), 0),
        6,
      ),
    ]);
    expect(await exchange.fetchOHLCV('BTC/USDT', '1m', undefined, 10)).toEqual([]);
    const weeks = await exchange.fetchOHLCV('BTC/USDT', '1w');
    for (const [t] of weeks) expect(new Date(t as number).getUTCDay()).toBe(1);
  });

  it('appendCandle closes a new 5m bar after the data, served as the newest and from since', async () => {
    const rows = csvRows('LTC_BTC-5m.csv').map((r) => r.map(Number));
    const newest = rows[rows.length - 1]?.[0] as number;
    const next = newest + 5 * 60_000;
    fake.appendCandle('LTCBTC', { openTime: next, open: '0.0161', high: '0.0163', low: '0.016', close: '0.0162', volume: '12.5' });
    expect(await exchange.fetchOHLCV('LTC/BTC', '5m', newest + 1)).toEqual([[next, 0.0161, 0.0163, 0.016, 0.0162, 12.5]]);
    expect((await exchange.fetchOHLCV('LTC/BTC', '5m', undefined, 1))[0]?.[0]).toBe(next);
    expect(() => fake.appendCandle('LTCBTC', { openTime: next, open: 1, high: 1, low: 1, close: 1, volume: 1 })).toThrow(
      /does not come after/,
    );
  });

  it('rejects an unknown interval the way Binance does (-1120)', async () => {
    const error = await rejectionOf(exchange.publicGetKlines({ symbol: 'BTCUSDT', interval: '7m' }));
    expect(error).toBeInstanceOf(ccxt.BadRequest);
    expect(String(error)).toContain('-1120');
  });

  it('fetchOrderBook returns sorted levels around the last price and moves with setPrice', async () => {
    const book = await exchange.fetchOrderBook('LTC/BTC', 20);
    expect(book.bids).toHaveLength(20);
    expect(book.asks).toHaveLength(20);
    const bestBid = book.bids[0]?.[0] as number;
    const bestAsk = book.asks[0]?.[0] as number;
    expect(bestBid).toBeLessThan(bestAsk);
    expect(book.bids.map((l) => l[0])).toEqual([...book.bids.map((l) => l[0])].sort((a, b) => (b as number) - (a as number)));
    fake.setPrice('LTCBTC', '0.02');
    const moved = await exchange.fetchOrderBook('LTC/BTC', 5);
    expect(moved.bids[0]?.[0]).toBe(0.019999);
    expect(moved.asks[0]?.[0]).toBe(0.020001);
    expect(moved.nonce).toBeGreaterThan(book.nonce as number);
  });

  it('fetchTrades shows the public tape, including prints from setPrice', async () => {
    fake.setPrice('ETHUSDT', 1900.5, { fillQty: 2 });
    const trades = await exchange.fetchTrades('ETH/USDT');
    expect(trades.at(-1)).toMatchObject({ price: 1900.5, amount: 2 });
  });

  it('serves ticker/price, bookTicker and all 24h tickers', async () => {
    const prices = (await exchange.publicGetTickerPrice({ symbols: JSON.stringify(['BTCUSDT', 'ETHBTC']) })) as Array<{ symbol: string }>;
    expect(prices.map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHBTC']);
    const books = (await exchange.publicGetTickerBookTicker()) as unknown[];
    expect(books).toHaveLength(6);
    const tickers = await exchange.fetchTickers();
    expect(Object.keys(tickers)).toHaveLength(6);
    expect(await exchange.fetchTime()).toBeGreaterThan(0);
  });

  it('answers an unknown symbol with -1121', async () => {
    const error = await rejectionOf(exchange.publicGetTicker24hr({ symbol: 'DOGEUSDT' }));
    expect(error).toBeInstanceOf(ccxt.BadSymbol);
  });
});
