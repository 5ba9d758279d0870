import type { Candle } from '../../../shared/domain/types';

/** Bars as columns: what the kernels and the backtest loop read. `time` is the bar open (ms). */
export interface CandleColumns {
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export interface StreamBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export function allocateColumns(length: number, shared = false): CandleColumns {
  const make = () => (shared ? new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT)) : new Float64Array(length));
  return { length, time: make(), open: make(), high: make(), low: make(), close: make(), volume: make() };
}

export function columnsFromCandles(candles: readonly Candle[]): CandleColumns {
  const cols = allocateColumns(candles.length);
  candles.forEach((c, i) => {
    cols.time[i] = c[0];
    cols.open[i] = c[1];
    cols.high[i] = c[2];
    cols.low[i] = c[3];
    cols.close[i] = c[4];
    cols.volume[i] = c[5];
  });
  return cols;
}

export function barAt(cols: CandleColumns, i: number): StreamBar {
  return {
    time: cols.time[i]!,
    open: cols.open[i]!,
    high: cols.high[i]!,
    low: cols.low[i]!,
    close: cols.close[i]!,
    volume: cols.volume[i]!,
  };
}

/** Bars [start, end) as views on the same memory (no copy). */
export function sliceColumns(cols: CandleColumns, start: number, end: number): CandleColumns {
  const s = Math.max(0, start);
  const e = Math.min(cols.length, end);
  return {
    length: Math.max(0, e - s),
    time: cols.time.subarray(s, e),
    open: cols.open.subarray(s, e),
    high: cols.high.subarray(s, e),
    low: cols.low.subarray(s, e),
    close: cols.close.subarray(s, e),
    volume: cols.volume.subarray(s, e),
  };
}

/** A copy in SharedArrayBuffers, so a pool of workers reads one copy of the data. */
export function shareColumns(cols: CandleColumns): CandleColumns {
  if (cols.time.buffer instanceof SharedArrayBuffer) return cols;
  const out = allocateColumns(cols.length, true);
  for (const f of FIELDS) out[f].set(cols[f]);
  return out;
}

/** First index whose time is >= t (binary search; times ascend). */
export function lowerBound(times: Float64Array, t: number, length = times.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
