/**
 * History download into the candle cache: pages forward from `since` through the account's
 * market-data source (ccxt with its rate limiter on, or the offline replay). Each page is
 * committed as it arrives, so an interrupted download keeps what it fetched, and the next
 * download of the same series resumes from the last cached bar instead of starting over.
 * Transient failures (429, network, 5xx) are retried with backoff: these are reads.
 */
import { timeframeMs, type Candle, type Timeframe } from '../../../shared/domain/types';
import { TradewindError } from '../../../shared/ipc/errors';
import type { CandleCache } from './candle-cache';

/** What a download needs from a market-data source. */
export interface CandlePager {
  readonly exchangeName: string;
  fetchCandles(symbol: string, timeframe: Timeframe, since?: number, limit?: number): Promise<Candle[]>;
}

export interface DownloadRequest {
  source: CandlePager;
  cache: CandleCache;
  seriesId: number;
  symbol: string;
  timeframe: Timeframe;
  since: number;
  /** Exclusive end; default: now. */
  until?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, message: string) => void;
  /** Bars asked for per request; exchanges that cap lower simply return fewer. */
  pageLimit?: number;
  /** First backoff delay; doubles per retry. */
  retryDelayMs?: number;
  maxRetries?: number;
  now?: () => number;
}

export interface DownloadOutcome {
  /** Bars written (new or refreshed). */
  stored: number;
  requests: number;
}

const RETRYABLE = new Set(['rate_limited', 'network', 'exchange_down']);

export class DownloadCancelledError extends Error {
  override name = 'DownloadCancelledError';
  constructor() {
    super('The download was cancelled; what was fetched is kept, and downloading again continues from there.');
  }
}

/** Ranges still to fetch: before the first cached bar, and from the last cached bar on. */
export function rangesToFetch(since: number, until: number, first: number | null, last: number | null): Array<[number, number]> {
  if (until <= since) return [];
  if (first === null || last === null) return [[since, until]];
  const ranges: Array<[number, number]> = [];
  if (since < first) ranges.push([since, Math.min(first, until)]);
  // The last cached bar is fetched again: it may have been the bar in progress when stored.
  const resumeAt = Math.max(since, last);
  if (resumeAt < until) ranges.push([resumeAt, until]);
  return ranges;
}

export async function downloadHistory(request: DownloadRequest): Promise<DownloadOutcome> {
  const { source, cache, seriesId, symbol, timeframe, signal } = request;
  const now = request.now ?? Date.now;
  const tf = timeframeMs(timeframe);
  const until = Math.min(request.until ?? now(), now());
  const ranges = rangesToFetch(request.since, until, cache.firstTime(seriesId), cache.lastTime(seriesId));
  const total = Math.max(1, Math.ceil(ranges.reduce((sum, [from, to]) => sum + (to - from), 0) / tf));
  const limit = request.pageLimit ?? 1000;
  let done = 0;
  let stored = 0;
  let requests = 0;
  const report = (message: string) => request.onProgress?.(Math.min(done, total), total, message);
  report(ranges.length === 0 ? 'Already up to date.' : `Downloading ${symbol} ${timeframe} from ${source.exchangeName}…`);

  for (const [from, to] of ranges) {
    let cursor = from;
    while (cursor < to) {
      if (signal?.aborted) throw new DownloadCancelledError();
      const page = await withRetry(
        () => source.fetchCandles(symbol, timeframe, cursor, limit),
        request,
        (why) => report(`${why} Retrying…`),
      );
      requests++;
      // Only closed bars inside the range: a bar still in progress is fetched again next time.
      const keep = page.filter((bar) => bar[0] >= cursor && bar[0] < to && bar[0] + tf <= now());
      cache.upsertBars(seriesId, keep);
      stored += keep.length;
      const lastOpen = page.at(-1)?.[0];
      // An empty page, or one that does not move forward, means the source has nothing more.
      if (lastOpen === undefined || lastOpen + tf <= cursor) break;
      const next = Math.min(lastOpen + tf, to);
      done += Math.round((next - cursor) / tf);
      cursor = next;
      report(
        `${stored.toLocaleString('en-US')} bars, up to ${new Date(Math.min(lastOpen, to - tf)).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      );
    }
    done = Math.max(done, Math.round((to - from) / tf));
  }
  done = total;
  report(`Done: ${stored.toLocaleString('en-US')} bars stored.`);
  return { stored, requests };
}

async function withRetry<T>(read: () => Promise<T>, request: DownloadRequest, onRetry: (why: string) => void): Promise<T> {
  const maxRetries = request.maxRetries ?? 5;
  const base = request.retryDelayMs ?? 1_000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await untilAborted(read(), request.signal);
    } catch (error) {
      const retryable = error instanceof TradewindError && RETRYABLE.has(error.code);
      if (!retryable || attempt >= maxRetries) throw error;
      onRetry(error.message);
      await sleep(Math.min(30_000, base * 2 ** attempt), request.signal);
    }
  }
}

/** A cancel must not wait for a slow exchange: the request is left to finish on its own, unread. */
function untilAborted<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return pending;
  if (signal.aborted) return Promise.reject(new DownloadCancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DownloadCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DownloadCancelledError());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DownloadCancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
