/**
 * History download through the real ccxt client against the fake Binance on 127.0.0.1 (public
 * klines: no key). The fake serves the bundled replay's real 5-minute bars, so the source's
 * own bars (and gaps) are known exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import { openDatabase, type Db } from '../db/connection';
import { resolveAssetsDir } from '../paths';
import { makeTempDir } from '../test-support/temp-dir';
import { CandleCache } from './candle-cache';
import { DownloadCancelledError, downloadHistory, rangesToFetch } from './history-download';
import { CcxtSource } from './live/ccxt-source';

const FIVE_MINUTES = 300_000;
/** Every open time of BTC/USDT 5m the source has (the fake serves exactly this file). */
const sourceTimes = fs
  .readFileSync(path.join(resolveAssetsDir(), 'data/replay/BTC_USDT-5m.csv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => Number(line.split(',')[0]));
const first = sourceTimes[0]!;
const last = sourceTimes.at(-1)!;

let fake: FakeBinance;
let source: CcxtSource;
let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let cache: CandleCache;

beforeAll(async () => {
  fake = await startFakeBinance();
  source = await CcxtSource.connect({
    exchangeId: 'binance',
    apiUrl: fake.url,
    connectTimeoutMs: 5_000,
    requestTimeoutMs: 5_000,
    pollMs: 60_000,
    sink: { ticker: () => {}, candle: () => {} },
    log: () => {},
  });
});

afterAll(async () => {
  await source.close();
  await fake.close();
});

beforeEach(() => {
  temp = makeTempDir();
  db = openDatabase(temp.dir);
  cache = new CandleCache(db);
  fake.clearFaults();
});

afterEach(() => {
  db.close();
  temp.cleanup();
});

function series() {
  return cache.ensureSeries({
    kind: 'download',
    exchangeId: 'binance',
    symbol: 'BTC/USDT',
    timeframe: '5m',
    intervalMs: FIVE_MINUTES,
    label: 'BTC/USDT 5m',
  });
}

const klineRequests = () => fake.requests.filter((r) => r.path === '/api/v3/klines').length;

describe('rangesToFetch', () => {
  it('fetches everything when empty, else before the first bar and from the last bar on', () => {
    expect(rangesToFetch(0, 100, null, null)).toEqual([[0, 100]]);
    expect(rangesToFetch(10, 100, 30, 60)).toEqual([
      [10, 30],
      [60, 100],
    ]);
    expect(rangesToFetch(40, 100, 30, 60)).toEqual([[60, 100]]);
    expect(rangesToFetch(40, 50, 30, 60)).toEqual([]);
  });
});

describe('downloadHistory (ccxt → fake Binance)', () => {
  it('pages forward from `since` into the cache with progress, bar for bar as the source has them', async () => {
    const id = series().id;
    const progress: Array<[number, number]> = [];
    const before = klineRequests();
    const outcome = await downloadHistory({
      source,
      cache,
      seriesId: id,
      symbol: 'BTC/USDT',
      timeframe: '5m',
      since: first,
      until: last + FIVE_MINUTES,
      pageLimit: 1000,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(cache.readBars(id).map((b) => b[0])).toEqual(sourceTimes);
    expect(outcome.stored).toBe(sourceTimes.length);
    expect(klineRequests() - before).toBe(Math.ceil(sourceTimes.length / 1000));
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
  });

  it('resumes after an interruption from the last cached bar: no duplicate, no gap the source does not have', async () => {
    const id = series().id;
    const controller = new AbortController();
    let reports = 0;
    const interrupted = downloadHistory({
      source,
      cache,
      seriesId: id,
      symbol: 'BTC/USDT',
      timeframe: '5m',
      since: first,
      pageLimit: 500,
      signal: controller.signal,
      // The first report opens the download; each later one follows a stored page. Stop after two pages.
      onProgress: () => {
        if (++reports === 3) controller.abort();
      },
    });
    await expect(interrupted).rejects.toBeInstanceOf(DownloadCancelledError);
    const partial = cache.readBars(id).map((b) => b[0]);
    expect(partial).toEqual(sourceTimes.slice(0, 1000));

    const requestsBefore = klineRequests();
    await downloadHistory({ source, cache, seriesId: id, symbol: 'BTC/USDT', timeframe: '5m', since: first, pageLimit: 500 });
    expect(cache.readBars(id).map((b) => b[0])).toEqual(sourceTimes);
    // The resumed run starts at the last cached bar, not at `since`.
    const resumedFrom = fake.requests.filter((r) => r.path === '/api/v3/klines').slice(requestsBefore)[0]!;
    expect(Number(resumedFrom.params.startTime)).toBe(partial.at(-1));
  });

  it('waits and retries when the exchange answers 429, then completes', async () => {
    const id = series().id;
    fake.injectFault({ kind: 'rate_limit', match: { path: '/api/v3/klines' }, times: 1 });
    const messages: string[] = [];
    await downloadHistory({
      source,
      cache,
      seriesId: id,
      symbol: 'BTC/USDT',
      timeframe: '5m',
      since: last - 99 * FIVE_MINUTES,
      retryDelayMs: 10,
      onProgress: (_done, _total, message) => messages.push(message),
    });
    expect(messages.some((m) => /Retrying/.test(m))).toBe(true);
    expect(cache.readBars(id)).toHaveLength(100);
  });

  it('keeps only closed bars: a bar still in progress is left for the next download', async () => {
    const id = series().id;
    // "Now" is inside the last source bar, so that bar is not closed yet.
    await downloadHistory({
      source,
      cache,
      seriesId: id,
      symbol: 'BTC/USDT',
      timeframe: '5m',
      since: last - 9 * FIVE_MINUTES,
      now: () => last + 1,
    });
    expect(cache.readBars(id).map((b) => b[0])).toEqual(sourceTimes.slice(-10, -1));
  });
});
