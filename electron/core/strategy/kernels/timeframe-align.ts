/**
 * Higher-timeframe bars for a strategy, closed bars only. `resampleClosed` builds them from the
 * strategy's own bars (the backtest's data source); `ClosedBarAligner` (streaming)
 * and `closedBarStarts` (batch) answer "which higher-timeframe bars had closed by this time" with
 * one rule, so both evaluators read the same bar at every base bar. A higher-timeframe bar opening
 * at O closes at O + its length; a base bar closing at T sees the last one with close <= T.
 */
import { barStart, timeframeMs, type Timeframe } from '../../../../shared/domain/types';
import type { CandleColumns, StreamBar } from '../candle-columns';

/**
 * Aggregates base bars into `tf` bars. A period the data starts inside of is left out (its open
 * and range would be wrong); a period with gaps is built from the bars present.
 */
export function resampleClosed(base: CandleColumns, tf: Timeframe): CandleColumns {
  return new ResampledBars(base, tf);
}

/**
 * The resampled bars, each field built on first read: one pass over the base times finds every
 * period's first and last base bar, then open and close are one read per period and only the
 * fields a strategy reads (high, low, volume: a scan of the period's bars) are built — over a
 * million base bars, reading every base column would cost more than the indicators.
 */
class ResampledBars implements CandleColumns {
  readonly length: number;
  readonly time: Float64Array;
  /** Per period: its first base bar, and one past its last. */
  private readonly first: Int32Array;
  private readonly end: Int32Array;
  private fields: Partial<Record<'open' | 'high' | 'low' | 'close' | 'volume', Float64Array>> = {};

  constructor(
    private readonly base: CandleColumns,
    tf: Timeframe,
  ) {
    const n = base.length;
    const times = base.time;
    const lengthMs = timeframeMs(tf);
    // At most one period per base bar and per period length the data spans; trimmed at the end.
    const cap = n === 0 ? 0 : Math.min(n, Math.floor((times[n - 1]! - times[0]!) / lengthMs) + 2);
    const time = new Float64Array(cap);
    const first = new Int32Array(cap);
    const end = new Int32Array(cap);
    let m = 0;
    let periodEnd = NaN;
    for (let i = 0; i < n; i++) {
      const t = times[i]!;
      // Times ascend: a new period starts once a bar opens at or after the current one's end.
      if (t < periodEnd) continue;
      const start = barStart(t, tf);
      periodEnd = start + lengthMs;
      if (m > 0 && end[m - 1] === 0) end[m - 1] = i;
      // The first period counts only when the data starts at its first bar.
      if (i === 0 && t !== start) continue;
      time[m] = start;
      first[m] = i;
      m++;
    }
    if (m > 0 && end[m - 1] === 0) end[m - 1] = n;
    this.length = m;
    this.time = time.subarray(0, m);
    this.first = first.subarray(0, m);
    this.end = end.subarray(0, m);
  }

  get open(): Float64Array {
    return (this.fields.open ??= this.pick(this.base.open, this.first, 0));
  }

  get close(): Float64Array {
    return (this.fields.close ??= this.pick(this.base.close, this.end, -1));
  }

  get high(): Float64Array {
    if (this.fields.high) return this.fields.high;
    const src = this.base.high;
    const out = new Float64Array(this.length);
    for (let k = 0; k < this.length; k++) {
      let h = src[this.first[k]!]!;
      for (let i = this.first[k]! + 1; i < this.end[k]!; i++) if (src[i]! > h) h = src[i]!;
      out[k] = h;
    }
    return (this.fields.high = out);
  }

  get low(): Float64Array {
    if (this.fields.low) return this.fields.low;
    const src = this.base.low;
    const out = new Float64Array(this.length);
    for (let k = 0; k < this.length; k++) {
      let l = src[this.first[k]!]!;
      for (let i = this.first[k]! + 1; i < this.end[k]!; i++) if (src[i]! < l) l = src[i]!;
      out[k] = l;
    }
    return (this.fields.low = out);
  }

  get volume(): Float64Array {
    if (this.fields.volume) return this.fields.volume;
    const src = this.base.volume;
    const out = new Float64Array(this.length);
    for (let k = 0; k < this.length; k++) {
      // Summed in bar order from the first, as a running total over the period would be.
      let v = src[this.first[k]!]!;
      for (let i = this.first[k]! + 1; i < this.end[k]!; i++) v += src[i]!;
      out[k] = v;
    }
    return (this.fields.volume = out);
  }

  /** `src` at each period's `at` index plus `offset` (the first bar, or one before the end). */
  private pick(src: Float64Array, at: Int32Array, offset: number): Float64Array {
    const out = new Float64Array(this.length);
    for (let k = 0; k < this.length; k++) out[k] = src[at[k]! + offset]!;
    return out;
  }
}

/**
 * The higher-timeframe bars that have closed by a time, each handed on exactly once and in order;
 * bars are added in time order (a live feed's closed bars), repeats ignored.
 */
export class ClosedBarAligner {
  readonly lengthMs: number;
  private readonly queue: StreamBar[] = [];
  private head = 0;
  private lastTime = -Infinity;

  constructor(tf: Timeframe) {
    this.lengthMs = timeframeMs(tf);
  }

  /** Adds a higher-timeframe bar; bars already known (same or older open time) are ignored. */
  add(bar: StreamBar): void {
    if (!(bar.time > this.lastTime)) return;
    this.lastTime = bar.time;
    this.queue.push(bar);
  }

  /**
   * Calls `visit` with every added bar whose close (open + length) is at or before `time` and that
   * was not visited before, oldest first; returns how many. Never goes back.
   */
  advance(time: number, visit: (bar: StreamBar) => void): number {
    let visited = 0;
    while (this.head < this.queue.length && this.queue[this.head]!.time + this.lengthMs <= time) {
      visit(this.queue[this.head++]!);
      visited++;
    }
    // Drop what was consumed now and then, so a bot running for months does not keep every bar.
    if (this.head > 1024) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return visited;
  }
}

/**
 * Batch form of the aligner: for each higher-timeframe bar k (opening at `higherTimes`, ascending,
 * `lengthMs` long), the first of the `n` base bars (opening at `times`, ascending, `baseMs` long)
 * whose close is at or after bar k's close — from there on, until bar k + 1's entry, base bars
 * see bar k (n: never within these bars). The rule is the aligner's. Binary searches, so the
 * base times are not scanned: m log n for m higher bars.
 */
export function closedBarStarts(
  times: Float64Array,
  n: number,
  baseMs: number,
  higherTimes: Float64Array,
  m: number,
  lengthMs: number,
): Int32Array {
  const starts = new Int32Array(m);
  let lo = 0;
  for (let k = 0; k < m; k++) {
    const closeAt = higherTimes[k]! + lengthMs - baseMs;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < closeAt) lo = mid + 1;
      else hi = mid;
    }
    starts[k] = lo;
  }
  return starts;
}

/** `out` over the n base bars: each higher bar's value over the base bars that see it, NaN before the first. */
export function alignNumbers(column: Float64Array, starts: Int32Array, out: Float64Array, n: number): void {
  const m = starts.length;
  out.fill(NaN, 0, m > 0 ? starts[0]! : n);
  for (let k = 0; k < m; k++) {
    const from = starts[k]!;
    const to = k + 1 < m ? starts[k + 1]! : n;
    if (from < to) out.fill(column[k]!, from, to);
  }
}

/** `out` over the n base bars: each higher bar's condition over the base bars that see it, unknown (2) before the first. */
export function alignConditions(column: Uint8Array, starts: Int32Array, out: Uint8Array, n: number): void {
  const m = starts.length;
  out.fill(2, 0, m > 0 ? starts[0]! : n);
  for (let k = 0; k < m; k++) {
    const from = starts[k]!;
    const to = k + 1 < m ? starts[k + 1]! : n;
    if (from < to) out.fill(column[k]!, from, to);
  }
}
