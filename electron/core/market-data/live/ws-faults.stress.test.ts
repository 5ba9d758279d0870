/**
 * Stress: the fake Binance drops, refuses and restarts its websockets over and over while a
 * CcxtSource (tickers, candles, book, trades) and a live account's balance stream watch it, and
 * the account's client is replaced mid-stream (a key rotation). Whatever phase a socket is in
 * when it goes (dialing, subscribing, authenticating, streaming, reconnect pending), nothing
 * may escape as an unhandled rejection or uncaught exception, the streams must come back, and
 * closing must leave no socket behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../../e2e/fake-exchange';
import { createExchangeClient, type ExchangeClient } from '../../exchange/exchange-client';
import { BalanceStreams } from '../../portfolio/balance-streams';
import { CcxtSource } from './ccxt-source';

const TRADER = {
  apiKey: 'stress-trader-key-ABCD',
  secret: 'stress-trader-secret-1a2b3c',
  rights: { read: true, trade: true, withdraw: false },
};
const BACKOFF = { initialMs: 30, maxMs: 120 };
const ROUNDS = 36;
const POLL = { timeout: 8_000, interval: 25 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Escaped {
  kind: 'unhandledRejection' | 'uncaughtException';
  error: string;
}

function recordEscapes(): { escaped: Escaped[]; dispose: () => void } {
  const escaped: Escaped[] = [];
  const describeError = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : JSON.stringify(e));
  const onRejection = (reason: unknown) => escaped.push({ kind: 'unhandledRejection', error: describeError(reason) });
  const onException = (error: unknown) => escaped.push({ kind: 'uncaughtException', error: describeError(error) });
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    escaped,
    dispose: () => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function accountClient(fake: FakeBinance): ExchangeClient {
  return createExchangeClient({
    exchangeId: 'binance',
    sandbox: false,
    credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
    urlOverrides: { binance: fake.url },
    timeoutMs: 3_000,
  });
}

describe('ccxt.pro websockets under repeated drops, refusals and exchange restarts', () => {
  it('never lets an error escape, recovers every stream, and closes every socket', async () => {
    const recorder = recordEscapes();
    cleanups.push(recorder.dispose);
    let fake = await startFakeBinance({ keys: [TRADER] });
    cleanups.push(() => fake.close());
    fake.setBalance(TRADER.apiKey, 'USDT', '1000');

    const tickers: number[] = [];
    const source = await CcxtSource.connect({
      exchangeId: 'binance',
      apiUrl: fake.url,
      connectTimeoutMs: 3_000,
      requestTimeoutMs: 3_000,
      pollMs: 200,
      wsBackoff: BACKOFF,
      sink: { ticker: (t) => tickers.push(t.last), candle: () => {} },
      log: () => {},
    });
    cleanups.push(() => source.close());

    let client = accountClient(fake);
    const retired: ExchangeClient[] = [];
    const balances: Array<Record<string, number>> = [];
    const streams = new BalanceStreams({
      // Like AccountService.client, which may read the keychain first: the stream can be stopped meanwhile.
      client: async () => {
        await sleep(5);
        return client;
      },
      onBalances: (_id, rows) => balances.push(Object.fromEntries(rows.map((b) => [b.asset, b.free]))),
      onRefreshNeeded: () => {},
      log: () => {},
      backoff: BACKOFF,
    });
    cleanups.push(async () => {
      streams.close();
      await client.close();
    });
    await client.loadMarkets();
    streams.ensure('acct', client);
    source.setWatched(new Set(['BTC/USDT', 'ETH/USDT']), [{ symbol: 'BTC/USDT', timeframe: '1m' }]);
    await source.orderBook('BTC/USDT', 10);
    await source.recentTrades('BTC/USDT', 10);
    await expect.poll(() => fake.streams.userStreams(), POLL).toEqual([TRADER.apiKey]);

    const faults: Array<(round: number) => Promise<void>> = [
      async () => fake.streams.dropAll(),
      async (round) => {
        fake.streams.refuse(true);
        fake.streams.dropAll();
        await sleep(20 + (round % 4) * 30);
        fake.streams.refuse(false);
      },
      async (round) => {
        const { state, port } = fake;
        await fake.close();
        await sleep((round % 3) * 40);
        fake = await startFakeBinance({ state, port });
      },
      async (round) => {
        // A drop just as sockets come back: subscribes and the user data authentication are then in flight.
        fake.streams.refuse(true);
        fake.streams.dropAll();
        await sleep(20);
        const before = fake.streams.connectionCount;
        fake.streams.refuse(false);
        const deadline = Date.now() + 1_500;
        while (fake.streams.connectionCount <= before && Date.now() < deadline) await sleep(2);
        await sleep(round % 3);
        fake.streams.dropAll();
      },
      async (round) => {
        // A watch change (unWatch* for the old set, a new subscribe) cut short by a drop.
        const narrow = Math.floor(round / 6) % 2 === 0;
        source.setWatched(
          new Set(narrow ? ['BTC/USDT'] : ['BTC/USDT', 'ETH/USDT']),
          narrow ? [] : [{ symbol: 'BTC/USDT', timeframe: '1m' }],
        );
        await sleep(round % 5);
        fake.streams.dropAll();
      },
      async () => {
        // A key rotation: the old client is closed (not awaited, as AccountService does) while
        // its balance watch may be dialing, authenticating or streaming; the loop picks the new one up.
        retired.push(client);
        const old = client;
        client = accountClient(fake);
        void old.close();
      },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      // Vary the moment of the fault: some land on a fresh dial or an auth in flight, some on a streaming socket.
      await sleep((round * 37) % 160);
      await faults[round % faults.length]!(round);
    }

    await sleep(300);
    expect(recorder.escaped).toEqual([]);

    // Everything recovers: every market stream and the account's user data stream are subscribed again.
    const RECOVER = { timeout: 15_000, interval: 50 };
    source.setWatched(new Set(['BTC/USDT', 'ETH/USDT']), [{ symbol: 'BTC/USDT', timeframe: '1m' }]);
    await expect
      .poll(() => fake.streams.subscriptions(), RECOVER)
      .toEqual(['btcusdt@depth@100ms', 'btcusdt@kline_1m', 'btcusdt@ticker', 'btcusdt@trade', 'ethusdt@ticker']);
    await expect.poll(() => fake.streams.userStreams(), RECOVER).toEqual([TRADER.apiKey]);
    // Streaming again means data over every socket, not just subscriptions: move both markets.
    fake.setPrice('BTCUSDT', '31234.5');
    fake.setPrice('ETHUSDT', '2345.5');
    await expect.poll(() => source.status().detail, RECOVER).toBe('Live prices from Binance · websocket.');
    await expect.poll(() => tickers.includes(31234.5), POLL).toBe(true);
    // Only the stream can report this: nothing in this test reads balances over REST.
    fake.setBalance(TRADER.apiKey, 'USDT', '1234');
    await expect.poll(() => balances.some((b) => b['USDT'] === 1234), POLL).toBe(true);

    // Closing while a reconnect is pending: drop, then close everything while the streams redial.
    fake.streams.dropAll();
    await sleep(BACKOFF.initialMs + 2);
    streams.close();
    await Promise.all([source.close(), client.close(), ...retired.map((c) => c.close())]);
    await sleep(500);
    expect(fake.streams.connectionCount).toBe(0);
    expect(recorder.escaped).toEqual([]);
  }, 45_000);
});
