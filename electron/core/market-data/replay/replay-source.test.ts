import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CandleUpdate, Ticker } from '../../../../shared/ipc/contract';
import { resolveAssetsDir } from '../../paths';
import { loadReplayData, REPLAY_BAR_MS } from './replay-data';
import { ReplaySource } from './replay-source';

const data = loadReplayData(path.join(resolveAssetsDir(), 'data', 'replay'));
const btcBars = data.markets.find((m) => m.spec.symbol === 'BTC/USDT')!.bars;

function makeSource(opts: { speed?: number } = {}) {
  let wall = 1_000_000;
  const tickers: Ticker[] = [];
  const candles: CandleUpdate[] = [];
  const source = new ReplaySource(
    data.manifest,
    data.markets,
    { ticker: (t) => tickers.push(t), candle: (c) => candles.push(c) },
    { speed: opts.speed ?? 1, startFraction: 0.8, tickMs: 60_000, reason: 'Test replay.', now: () => wall },
  );
  return {
    source,
    tickers,
    candles,
    advance(ms: number) {
      wall += ms;
    },
  };
}

let open: ReplaySource | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe('ReplaySource', () => {
  it('serves the bundled Binance markets with their precision and limits', () => {
    const { source } = makeSource();
    open = source;
    expect(source.listMarkets().map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(source.listMarkets()[0]).toMatchObject({ base: 'BTC', quote: 'USDT', priceStep: 0.01, minCost: 5 });
    expect(source.status()).toMatchObject({ mode: 'replay', exchangeId: 'binance' });
  });

  it('reveals nothing past the replay clock, and the bar in progress is a prefix of the real one', async () => {
    const { source, advance } = makeSource();
    open = source;
    const start = source.replayTime();
    advance(REPLAY_BAR_MS * 0.5); // half-way through the current bar at 1x
    const candles = await source.fetchCandles('BTC/USDT', '5m', undefined, 5000);
    const last = candles.at(-1)!;
    expect(last[0]).toBeLessThanOrEqual(source.replayTime());
    expect(candles.every((c) => c[0] <= start + REPLAY_BAR_MS * 0.5)).toBe(true);
    const recorded = btcBars.find((b) => b[0] === last[0])!;
    expect(last[1]).toBe(recorded[1]);
    expect(last[2]).toBeLessThanOrEqual(recorded[2]);
    expect(last[3]).toBeGreaterThanOrEqual(recorded[3]);
    expect(last[5]).toBeLessThan(recorded[5]);
    // Completed bars are the recorded ones, untouched.
    expect(candles.slice(0, -1)).toEqual(btcBars.filter((b) => b[0] < last[0]).slice(-(candles.length - 1)));
  });

  it('moves the price as the clock advances, and the chart sees the same bar as the ticker', async () => {
    const { source, advance } = makeSource({ speed: 60 });
    open = source;
    const before = source.lastPrice('BTC/USDT');
    advance(30_000); // 30 minutes of replay
    const after = source.lastPrice('BTC/USDT');
    expect(after).not.toBe(before);
    const [ticker] = await source.tickers(['BTC/USDT']);
    const lastCandle = (await source.fetchCandles('BTC/USDT', '5m', undefined, 1))[0]!;
    expect(ticker!.last).toBe(lastCandle[4]);
    expect(ticker!.changePct24h).not.toBeNull();
  });

  it('aggregates larger timeframes from the same bars', async () => {
    const { source } = makeSource();
    open = source;
    const hourly = await source.fetchCandles('ETH/USDT', '1h', undefined, 24);
    expect(hourly).toHaveLength(24);
    for (const [t] of hourly) expect(t % 3_600_000).toBe(0);
    await expect(source.fetchCandles('ETH/USDT', '1m')).rejects.toThrow(/records 5-minute bars, so it has 5m, 15m, 1h, 4h, 1d, 1w candles, not 1m/);
    // Weekly bars open on Monday 00:00 UTC, as on exchanges, and hold the week's 5-minute bars.
    const weekly = await source.fetchCandles('ETH/USDT', '1w');
    expect(weekly.length).toBeGreaterThan(1);
    for (const [t] of weekly) expect(new Date(t).toISOString()).toMatch(/T00:00:00\.000Z$/);
    for (const [t] of weekly) expect(new Date(t).getUTCDay()).toBe(1);
    const fiveMinute = await source.fetchCandles('ETH/USDT', '5m', weekly[1]![0], 5000);
    const secondWeek = fiveMinute.filter((b) => b[0] < weekly[1]![0] + 7 * 86_400_000);
    expect(weekly[1]![2]).toBe(Math.max(...secondWeek.map((b) => b[2])));
    expect(weekly[1]![3]).toBe(Math.min(...secondWeek.map((b) => b[3])));
    await expect(source.fetchCandles('DOGE/USDT', '1h')).rejects.toThrow(/not in the offline replay/);
  });

  it('pushes watched tickers and candles, including the final state of a finished bucket', () => {
    const { source, tickers, candles, advance } = makeSource({ speed: 600 });
    open = source;
    source.setWatched(new Set(['ETH/USDT']), [{ symbol: 'BTC/USDT', timeframe: '5m' }]);
    expect(tickers.map((t) => t.symbol)).toEqual(['ETH/USDT']);
    const firstBucket = candles[0]!.candle[0];
    advance(REPLAY_BAR_MS / 600 + 1000); // jump well past the bucket's end
    source.setWatched(new Set(['ETH/USDT']), [{ symbol: 'BTC/USDT', timeframe: '5m' }]);
    const finished = candles.find((c) => c.candle[0] === firstBucket && candles.indexOf(c) > 0);
    expect(finished?.candle).toEqual(btcBars.find((b) => b[0] === firstBucket));
    expect(candles.at(-1)!.candle[0]).toBeGreaterThan(firstBucket);
  });

  it('stops at the end of the bundled history and says so', () => {
    const { source, advance } = makeSource({ speed: 1_000_000 });
    open = source;
    advance(10_000_000);
    expect(source.lastPrice('BTC/USDT')).toBe(btcBars.at(-1)![4]);
    expect(source.status().detail).toMatch(/end of the bundled history/);
  });
});
