import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../../e2e/fake-exchange';
import type { CandleUpdate, Ticker } from '../../../../shared/ipc/contract';
import { CcxtSource } from './ccxt-source';

let fake: FakeBinance | undefined;
let source: CcxtSource | undefined;

afterEach(async () => {
  await source?.close();
  await fake?.close();
  source = undefined;
  fake = undefined;
});

interface Received {
  tickers: Ticker[];
  candles: CandleUpdate[];
  log: string[];
  statuses: string[];
}

async function start(pollMs = 500): Promise<{ fake: FakeBinance; source: CcxtSource; got: Received }> {
  fake = await startFakeBinance();
  const got: Received = { tickers: [], candles: [], log: [], statuses: [] };
  source = await CcxtSource.connect({
    exchangeId: 'binance',
    apiUrl: fake.url,
    connectTimeoutMs: 5_000,
    requestTimeoutMs: 5_000,
    pollMs,
    wsBackoff: { initialMs: 200, maxMs: 400 },
    sink: { ticker: (t) => got.tickers.push(t), candle: (c) => got.candles.push(c) },
    log: (line) => got.log.push(line),
    onStatus: (status) => got.statuses.push(status.detail),
  });
  return { fake, source, got };
}

const restCalls = (f: FakeBinance, path: string) => f.requests.filter((r) => r.path === path).length;
const POLL = { timeout: 8_000, interval: 50 };

/** The fake's own book through its REST endpoint, as [price, amount] numbers. */
async function restBook(f: FakeBinance, symbol: string): Promise<{ bids: number[][]; asks: number[][] }> {
  const response = await fetch(`${f.url}/api/v3/depth?symbol=${symbol}&limit=20`);
  const body = (await response.json()) as { bids: string[][]; asks: string[][] };
  const num = (rows: string[][]) => rows.map((r) => r.map(Number));
  return { bids: num(body.bids), asks: num(body.asks) };
}

describe('CcxtSource over ccxt.pro websockets against the fake Binance', () => {
  it('streams tickers and klines after a price move, without polling REST', async () => {
    const { fake, source, got } = await start();
    source.setWatched(new Set(['BTC/USDT']), [{ symbol: 'BTC/USDT', timeframe: '1m' }]);
    await expect.poll(() => fake.streams.subscriptions(), POLL).toEqual(['btcusdt@kline_1m', 'btcusdt@ticker']);
    // The REST snapshot sent at watch time has arrived; from here on only the socket may explain data.
    await expect.poll(() => got.tickers.length, POLL).toBeGreaterThan(0);
    fake.clearRequests();

    fake.setPrice('BTCUSDT', '30123.45');
    await expect
      .poll(() => got.tickers.find((t) => t.symbol === 'BTC/USDT' && t.last === 30123.45), POLL)
      .toMatchObject({ bid: 30123.44, ask: 30123.46 });
    await expect
      .poll(() => got.candles.find((c) => c.symbol === 'BTC/USDT' && c.timeframe === '1m' && c.candle[4] === 30123.45), POLL)
      .toBeTruthy();
    const bar = got.candles.find((c) => c.candle[4] === 30123.45)!.candle;
    expect(bar[0] % 60_000).toBe(0);

    expect(restCalls(fake, '/api/v3/ticker/24hr') + restCalls(fake, '/api/v3/klines')).toBe(0);
    expect(source.status().detail).toBe('Live prices from Binance · websocket.');
    expect(source.lastPrice('BTC/USDT')).toBe(30123.45);

    // Unwatching ends the subscriptions on the exchange side too.
    source.setWatched(new Set(), []);
    await expect.poll(() => fake.streams.subscriptions(), POLL).toEqual([]);
  });

  it('serves the order book and trades from the streams, consistent with the exchange after updates', async () => {
    const { fake, source } = await start();
    await source.orderBook('BTC/USDT', 20); // first ask: REST, and the stream starts
    await source.recentTrades('BTC/USDT', 20);
    await expect.poll(() => fake.streams.subscriptions(), POLL).toEqual(['btcusdt@depth@100ms', 'btcusdt@trade']);

    for (const price of ['30500', '30499.5', '30777.77']) {
      fake.clearRequests();
      fake.setPrice('BTCUSDT', price);
      const expected = await restBook(fake, 'BTCUSDT');
      await expect.poll(async () => (await source.orderBook('BTC/USDT', 20)).bids, POLL).toEqual(expected.bids);
      expect((await source.orderBook('BTC/USDT', 20)).asks).toEqual(expected.asks);
      await expect.poll(async () => (await source.recentTrades('BTC/USDT', 5)).trades[0]?.price, POLL).toBe(Number(price));
      // Only the test's own snapshot request went over REST: the source read the socket.
      expect(restCalls(fake, '/api/v3/depth')).toBe(1);
      expect(restCalls(fake, '/api/v3/aggTrades') + restCalls(fake, '/api/v3/trades')).toBe(0);
    }
  });

  it('falls back to polling when the socket drops and is refused, and streams again when it recovers', async () => {
    const { fake, source, got } = await start(300);
    source.setWatched(new Set(['ETH/USDT']), []);
    await expect.poll(() => fake.streams.subscriptions(), POLL).toEqual(['ethusdt@ticker']);

    fake.streams.refuse(true);
    fake.streams.dropAll();
    await expect
      .poll(() => source.status().detail, POLL)
      .toMatch(/^Live prices from Binance · polling every 0\.3 s \(websocket failed: .+; retrying in \d+ s\)\.$/);
    expect(got.log.filter((l) => l.startsWith('market data websocket failed'))).toHaveLength(1);

    fake.setPrice('ETHUSDT', '2001.5');
    await expect.poll(() => got.tickers.some((t) => t.symbol === 'ETH/USDT' && t.last === 2001.5), POLL).toBe(true);
    expect(restCalls(fake, '/api/v3/ticker/24hr')).toBeGreaterThan(0);

    fake.streams.refuse(false);
    await expect.poll(() => fake.streams.subscriptions(), POLL).toEqual(['ethusdt@ticker']);
    // Subscribed again is not streaming yet: the source keeps polling until the socket delivers.
    expect(source.status().detail).toMatch(/· polling every 0\.3 s \(websocket failed: /);
    fake.setPrice('ETHUSDT', '2002');
    await expect.poll(() => source.status().detail, POLL).toBe('Live prices from Binance · websocket.');
    expect(got.log).toContain('market data websocket recovered; streaming from Binance again');

    fake.clearRequests();
    fake.setPrice('ETHUSDT', '2002.25');
    await expect.poll(() => got.tickers.some((t) => t.last === 2002.25), POLL).toBe(true);
    expect(restCalls(fake, '/api/v3/ticker/24hr')).toBe(0);
    // The host was told both times the transport changed.
    expect(got.statuses).toEqual([
      expect.stringMatching(/· polling every 0\.3 s \(websocket failed: /),
      'Live prices from Binance · websocket.',
    ]);
  });

  it('close() stops every stream and closes its sockets', async () => {
    const { fake, source } = await start();
    source.setWatched(new Set(['BTC/USDT', 'ETH/USDT']), [{ symbol: 'ETH/USDT', timeframe: '5m' }]);
    await source.orderBook('ETH/USDT', 10);
    await expect.poll(() => fake.streams.subscriptions().length, POLL).toBe(4);
    expect(fake.streams.connectionCount).toBeGreaterThan(0);
    await source.close();
    await expect.poll(() => fake.streams.connectionCount, POLL).toBe(0);
  });

  it('answers a book or trades asked for after close() over REST, opening no socket', async () => {
    const { fake, source } = await start();
    await source.close();
    expect((await source.orderBook('BTC/USDT', 5)).bids.length).toBeGreaterThan(0);
    expect((await source.recentTrades('BTC/USDT', 5)).available).toBe(true);
    expect(restCalls(fake, '/api/v3/depth')).toBe(1);
    // A dial would have shown up by now: the fake counts sockets as soon as they are accepted.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.streams.connectionCount).toBe(0);
    expect(fake.streams.subscriptions()).toEqual([]);
  });

  it('polls only, and says so, when websockets are switched off', async () => {
    const { fake } = await start();
    await source!.close();
    source = await CcxtSource.connect({
      exchangeId: 'binance',
      apiUrl: fake.url,
      connectTimeoutMs: 5_000,
      requestTimeoutMs: 5_000,
      pollMs: 300,
      websocket: false,
      sink: { ticker: () => {}, candle: () => {} },
      log: () => {},
    });
    source.setWatched(new Set(['BTC/USDT']), []);
    await expect.poll(() => restCalls(fake, '/api/v3/ticker/24hr'), POLL).toBeGreaterThan(0);
    expect(fake.streams.connectionCount).toBe(0);
    expect(source.status().detail).toBe('Live prices from Binance · polling every 0.3 s.');
  });
});
