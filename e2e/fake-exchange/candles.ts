/**
 * Klines served from the bundled replay CSVs (real 5-minute bars), aggregated for larger
 * intervals the way Binance buckets them.
 *
 * Honesty rules: intervals finer than the data (1s, 1m, 3m) return no bars, which is what
 * Binance returns for a range it has no data for, instead of inventing sub-bars; a larger bar is
 * only produced when every 5m bar inside its bucket exists, so no partial bucket at the edges of
 * the data set pretends to be a full one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dec, fmt, mul, ZERO, type Dec } from './decimal';
import { errors } from './errors';

export interface Candle {
  openTime: number;
  open: Dec;
  high: Dec;
  low: Dec;
  close: Dec;
  volume: Dec;
}

const BASE_MS = 5 * 60_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Binance spot intervals; `null` marks intervals finer than the 5m source data. */
const INTERVAL_MS: Record<string, number | 'month' | null> = {
  '1s': null,
  '1m': null,
  '3m': null,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '4h': 4 * HOUR,
  '6h': 6 * HOUR,
  '8h': 8 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '3d': 3 * DAY,
  '1w': 7 * DAY,
  '1M': 'month',
};

/** Binance's weekly bars open on Monday 00:00 UTC; the Unix epoch was a Thursday. */
const WEEK_OFFSET = 4 * DAY;

export const DEFAULT_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/data/replay');

const fileCache = new Map<string, readonly Candle[]>();

/** Parses a `timestamp_ms,open,high,low,close,volume` file; cached per path for the process. */
export function loadCsv(file: string): readonly Candle[] {
  const cached = fileCache.get(file);
  if (cached) return cached;
  const rows: Candle[] = [];
  if (fs.existsSync(file)) {
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    for (const line of lines.slice(1)) {
      if (line.trim() === '') continue;
      const [t, o, h, l, c, v] = line.split(',');
      if (t === undefined || o === undefined || h === undefined || l === undefined || c === undefined || v === undefined) {
        throw new Error(`${file}: malformed row ${JSON.stringify(line)}`);
      }
      rows.push({ openTime: Number(t), open: dec(o), high: dec(h), low: dec(l), close: dec(c), volume: dec(v) });
    }
  }
  fileCache.set(file, rows);
  return rows;
}

export function isKnownInterval(interval: string): boolean {
  return Object.prototype.hasOwnProperty.call(INTERVAL_MS, interval);
}

function bucketStart(time: number, interval: string): number {
  const length = INTERVAL_MS[interval];
  if (length === 'month') {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  if (typeof length !== 'number') throw new Error(`no bucket for ${interval}`);
  const offset = interval === '1w' ? WEEK_OFFSET : 0;
  return Math.floor((time - offset) / length) * length + offset;
}

function bucketEnd(start: number, interval: string): number {
  const length = INTERVAL_MS[interval];
  if (length === 'month') {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  if (typeof length !== 'number') throw new Error(`no bucket for ${interval}`);
  return start + length;
}

/** All complete bars of `interval` derivable from the 5m source, oldest first. */
export function aggregate(source: readonly Candle[], interval: string): Candle[] {
  if (!isKnownInterval(interval)) throw errors.invalidInterval();
  if (INTERVAL_MS[interval] === null) return [];
  if (interval === '5m') return [...source];
  const out: Candle[] = [];
  let current: Candle | null = null;
  let count = 0;
  const flush = () => {
    if (current && count === (bucketEnd(current.openTime, interval) - current.openTime) / BASE_MS) out.push(current);
  };
  for (const bar of source) {
    const start = bucketStart(bar.openTime, interval);
    if (!current || current.openTime !== start) {
      flush();
      current = { openTime: start, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume };
      count = 1;
    } else {
      if (bar.high > current.high) current.high = bar.high;
      if (bar.low < current.low) current.low = bar.low;
      current.close = bar.close;
      current.volume += bar.volume;
      count += 1;
    }
  }
  flush();
  return out;
}

export interface KlineQuery {
  interval: string;
  startTime?: number;
  endTime?: number;
  limit: number;
}

/** Binance's selection rules: from startTime forward, else the newest bars up to endTime. */
export function selectKlines(bars: readonly Candle[], q: KlineQuery): Candle[] {
  const inRange = bars.filter(
    (b) => (q.startTime === undefined || b.openTime >= q.startTime) && (q.endTime === undefined || b.openTime <= q.endTime),
  );
  return q.startTime !== undefined ? inRange.slice(0, q.limit) : inRange.slice(Math.max(0, inRange.length - q.limit));
}

/**
 * One kline row in Binance's array form. The CSVs carry no quote volume, trade count or taker
 * split: quote volume is estimated as volume × the bar's mean of OHLC, the others are zero.
 */
export function klineRow(bar: Candle, interval: string): unknown[] {
  const closeTime = bucketEnd(bar.openTime, interval) - 1;
  const typical = (bar.open + bar.high + bar.low + bar.close) / 4n;
  return [
    bar.openTime,
    fmt(bar.open),
    fmt(bar.high),
    fmt(bar.low),
    fmt(bar.close),
    fmt(bar.volume),
    closeTime,
    fmt(mul(bar.volume, typical)),
    0,
    fmt(ZERO),
    fmt(ZERO),
    '0',
  ];
}
