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
    await expect(source.fetchCandles('ETH/USDT', '1m')).rejects.toThrow(
      /records 5-minute bars, so it has 5m, 15m, 1h, 4h, 1d, 1w candles, not 1m/,
    );
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

  it('plays the recording again past its end with times going on forward, never back', async () => {
    const { source, advance } = makeSource({ speed: 1_000_000 });
    open = source;
    const end = Math.max(...data.markets.map((m) => m.bars.at(-1)![0])) + REPLAY_BAR_MS;
    const before = source.replayTime();
    advance(10_000_000);
    const time = source.replayTime();
    expect(time).toBeGreaterThan(end);
    expect(time).toBe(before + 10_000_000 * 1_000_000);
    expect(source.status().detail).toMatch(/replayed again \(lap \d+\) with times going on forward/);
    const bars = await source.fetchCandles('BTC/USDT', '5m', undefined, 100_000);
    // One recording's length of history, in strictly increasing time, ending at the clock.
    for (let i = 1; i < bars.length; i++) expect(bars[i]![0]).toBeGreaterThan(bars[i - 1]![0]);
    expect(bars.at(-1)![0]).toBeLessThanOrEqual(time);
    expect(bars.at(-1)![0]).toBeGreaterThan(time - 2 * REPLAY_BAR_MS);
    // The prices are the recording's, moved by whole laps.
    const span = end - btcBars[0]![0];
    const last = bars.at(-2)!;
    const lap = Math.floor((last[0] - btcBars[0]![0]) / span);
    expect(btcBars.find((b) => b[0] === last[0] - lap * span)?.slice(1)).toEqual(last.slice(1));
  });
});

describe('ReplaySource with a recorded clock', () => {
  function store(initial: number | null) {
    const saved: number[] = [];
    let value = initial;
    return {
      saved,
      load: () => value,
      save(time: number) {
        saved.push(time);
        value = Math.max(value ?? -Infinity, time);
      },
      get value() {
        return value;
      },
    };
  }

  const startAt = (clock: ReturnType<typeof store>, wall: { now: number }) =>
    new ReplaySource(
      data.manifest,
      data.markets,
      { ticker: () => {}, candle: () => {} },
      { speed: 1000, startFraction: 0.8, tickMs: 500, reason: 'Test replay.', now: () => wall.now, clock },
    );

  it("resumes where the folder's clock stopped instead of replaying the same bars again", async () => {
    const clock = store(null);
    const wall = { now: 0 };
    const first = startAt(clock, wall);
    const began = first.replayTime();
    wall.now += 400; // one push's worth of wall time at 1000x
    first.setWatched(new Set(['BTC/USDT']), []);
    const stoppedAt = first.replayTime();
    expect(stoppedAt).toBe(began + 400_000);
    await first.close();
    const second = startAt(clock, wall);
    open = second;
    expect(second.replayTime()).toBeGreaterThanOrEqual(stoppedAt);
  });

  it('never runs past the time it recorded, so a kill -9 before the next record cannot make it go back', () => {
    const clock = store(null);
    const wall = { now: 0 };
    const source = startAt(clock, wall);
    open = source;
    const lease = clock.value!;
    expect(lease).toBe(source.replayTime() + 2 * 500 * 1000);
    wall.now += 60_000; // the timer did not run (a stalled process): the clock waits at what was recorded
    expect(source.replayTime()).toBe(lease);
    // A process killed now resumes at or after every time this one handed out.
    const next = startAt(clock, { now: 0 });
    expect(next.replayTime()).toBeGreaterThanOrEqual(source.replayTime());
    void next.close();
  });
});
