/**
 * The cache rule of chart scroll-back: a fetched page is kept only when it joins the cached run,
 * so a later download (which resumes from the run's ends) never leaves a hole in a data set.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle, Timeframe } from '../../../shared/domain/types';
import { openDatabase } from '../db/connection';
import { realCandles } from '../strategy/test-support/real-candles';
import { makeTempDir } from '../test-support/temp-dir';
import { sliceCandles } from './aggregate';
import { CandleCache } from './candle-cache';
import { fetchOlderCandles } from './older-candles';

const HOUR = 3_600_000;
const key = { exchangeId: 'binance', symbol: 'BTC/USDT', timeframe: '1h' };

/** Real BTC/USDT 1h bars served the way exchanges page them (from `since`, at most `limit`). */
function realHistory(): Candle[] {
  const cols = realCandles('btc1h');
  return Array.from({ length: 2000 }, (_, i): Candle => [
    cols.time[i]!,
    cols.open[i]!,
    cols.high[i]!,
    cols.low[i]!,
    cols.close[i]!,
    cols.volume[i]!,
  ]);
}

let temp: ReturnType<typeof makeTempDir>;
let cache: CandleCache;
let bars: Candle[];
let requests: number;
const source = {
  exchangeName: 'Binance',
  fetchCandles: async (_symbol: string, _tf: Timeframe, since?: number, limit = 500) => {
    requests++;
    return sliceCandles(bars, since, limit);
  },
};
const older = (before: number, limit: number) =>
  fetchOlderCandles({ source, cache: { store: cache, key }, symbol: 'BTC/USDT', timeframe: '1h', before, limit, now: () => Date.now() });

beforeEach(() => {
  temp = makeTempDir();
  cache = new CandleCache(openDatabase(temp.dir));
  bars = realHistory();
  requests = 0;
});
afterEach(() => temp.cleanup());

describe('fetchOlderCandles and the candle cache', () => {
  it('keeps a page that extends the cached run and serves it from SQLite afterwards', async () => {
    const series = cache.ensureSeries({ ...key, kind: 'download', intervalMs: HOUR, label: 'BTC/USDT 1h' });
    cache.upsertBars(series.id, bars.slice(1500, 1800));
    const first = await older(bars[1500]![0], 200);
    expect(first.servedFrom).toBe('source');
    expect(first.candles.at(-1)![0]).toBeLessThan(bars[1500]![0]);
    expect(cache.getSeries(series.id)).toMatchObject({ firstTime: first.candles[0]![0], lastTime: bars[1799]![0] });

    const before = requests;
    const again = await older(bars[1500]![0], 200);
    expect(requests).toBe(before);
    expect(again).toEqual({ ...first, servedFrom: 'cache' });
  });

  it('does not store a page that would leave a hole between it and the cached run', async () => {
    const series = cache.ensureSeries({ ...key, kind: 'download', intervalMs: HOUR, label: 'BTC/USDT 1h' });
    cache.upsertBars(series.id, bars.slice(0, 300));
    const far = await older(bars[1900]![0], 100);
    expect(far.candles).toHaveLength(100);
    expect(far.servedFrom).toBe('source');
    expect(cache.getSeries(series.id)).toMatchObject({ bars: 300, firstTime: bars[0]![0], lastTime: bars[299]![0] });
  });

  it('says the start is reached only when nothing older exists', async () => {
    const page = await older(bars[50]![0], 200);
    expect(page).toMatchObject({ startReached: false, candles: bars.slice(0, 50) });
    expect(await older(bars[0]![0], 200)).toMatchObject({ startReached: true, candles: [] });
  });
});
