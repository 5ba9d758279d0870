/**
 * Chart scroll-back: the most recent `limit` bars opening before a time. Served from the SQLite
 * candle cache when its contiguous run covers the whole page, else fetched through the source
 * (ccxt with its rate limiter, or the replay) and, for live sources, stored in the cache when the
 * page joins the cached run, so the cache never gets a hole that a later download would not fill
 * (downloads resume from the cached run's ends, see history-download.ts).
 */
import { timeframeMs, type Candle, type Timeframe } from '../../../shared/domain/types';
import type { CandleCache, SeriesKey } from './candle-cache';
import type { CandlePager } from './history-download';
import { DEFAULT_CANDLE_LIMIT, type MarketDataSource } from './source';

/** Exchanges that cap a page below `limit` need several requests to reach `before`; bounded. */
const MAX_REQUESTS = 20;

export interface OlderCandlesRequest {
  source: CandlePager;
  /** Where to read and keep bars; null for sources that hold their history in memory (replay). */
  cache: { store: CandleCache; key: SeriesKey } | null;
  symbol: string;
  timeframe: Timeframe;
  /** Exclusive: only bars opening strictly before this time. */
  before: number;
  limit: number;
  now?: () => number;
}

export interface OlderCandles {
  /** Oldest first, contiguous up to `before` as far as the source has bars. */
  candles: Candle[];
  /** The source has nothing older than `candles` (or nothing at all before `before`). */
  startReached: boolean;
  servedFrom: 'cache' | 'source';
}

export async function fetchOlderCandles(request: OlderCandlesRequest): Promise<OlderCandles> {
  const { source, cache, symbol, timeframe, before, limit } = request;
  const now = request.now ?? Date.now;
  const tf = timeframeMs(timeframe);
  const from = Math.max(0, before - limit * tf);

  const cached = cache && readCovered(cache.store, cache.key, from, before, limit, tf);
  if (cached && cached.length > 0) return { candles: cached, startReached: false, servedFrom: 'cache' };

  const bars: Candle[] = [];
  let cursor = from;
  for (let request = 0; request < MAX_REQUESTS && cursor < before; request++) {
    const page = await source.fetchCandles(symbol, timeframe, cursor, limit);
    for (const bar of page) if (bar[0] >= cursor && bar[0] < before) bars.push(bar);
    const lastOpen = page.at(-1)?.[0];
    // An empty page, or one that does not move forward, means the source has nothing more here.
    if (lastOpen === undefined || lastOpen + tf <= cursor) break;
    cursor = lastOpen + tf;
  }
  const candles = bars.slice(Math.max(0, bars.length - limit));
  if (cache) storeIfJoined(cache.store, cache.key, candles, tf, now());
  // Nothing before `before`: the history starts there. A short page is not proof (gaps exist),
  // so the caller asks once more from its first bar and gets an empty page at the very start.
  return { candles, startReached: candles.length === 0, servedFrom: 'source' };
}

/** The cached bars of [from, before), only when the cached run spans the whole page. */
function readCovered(store: CandleCache, key: SeriesKey, from: number, before: number, limit: number, tf: number): Candle[] | null {
  const series = store.findSeries(key);
  if (!series || series.firstTime === null || series.lastTime === null) return null;
  if (series.firstTime > from || series.lastTime < before - tf) return null;
  return store.readBefore(series.id, from, before, limit);
}

/** Closed bars only, and only when they overlap or touch the cached run (or start it). */
function storeIfJoined(store: CandleCache, key: SeriesKey, candles: readonly Candle[], tf: number, now: number): void {
  const closed = candles.filter((bar) => bar[0] + tf <= now);
  const first = closed[0];
  const last = closed.at(-1);
  if (!first || !last) return;
  const series = store.findSeries(key);
  if (series && series.firstTime !== null && series.lastTime !== null) {
    const joins = last[0] + tf >= series.firstTime && first[0] <= series.lastTime + tf;
    if (!joins) return;
  }
  const target = series ?? store.ensureSeries({ ...key, kind: 'download', intervalMs: tf, label: `${key.symbol} ${key.timeframe}` });
  store.upsertBars(target.id, closed);
}

/** Scroll-back for an account's chart: live sources go through the cache, the replay does not need it. */
export function olderCandlesFor(
  source: MarketDataSource,
  account: { sandbox: boolean },
  store: CandleCache,
  page: { symbol: string; timeframe: Timeframe; before: number; limit?: number },
): Promise<OlderCandles> {
  const live = source.status().mode === 'live';
  const exchangeId = account.sandbox ? `${source.exchangeId}:sandbox` : source.exchangeId;
  return fetchOlderCandles({
    source,
    cache: live ? { store, key: { exchangeId, symbol: page.symbol, timeframe: page.timeframe } } : null,
    symbol: page.symbol,
    timeframe: page.timeframe,
    before: page.before,
    limit: page.limit ?? DEFAULT_CANDLE_LIMIT,
  });
}
