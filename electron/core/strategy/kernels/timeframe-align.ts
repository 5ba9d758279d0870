/**
 * Higher-timeframe bars for a strategy, closed bars only. `resampleClosed` builds them from the
 * strategy's own bars (the backtest's data source); `ClosedBarAligner` (streaming)
 * and `closedBarIndex` (batch) answer "which higher-timeframe bars had closed by this time" with
 * one rule, so both evaluators read the same bar at every base bar. A higher-timeframe bar opening
 * at O closes at O + its length; a base bar closing at T sees the last one with close <= T.
 */
import { barStart, timeframeMs, type Timeframe } from '../../../../shared/domain/types';
import { allocateColumns, type CandleColumns, type StreamBar } from '../candle-columns';

/**
 * Aggregates base bars (of `baseMs` each) into `tf` bars. A period the data starts inside of is
 * left out (its open and range would be wrong); a period with gaps is built from the bars present.
 */
export function resampleClosed(base: CandleColumns, tf: Timeframe): CandleColumns {
  const n = base.length;
  const starts: number[] = [];
  const rows: number[][] = [];
  let current: number[] | null = null;
  let period = NaN;
  for (let i = 0; i < n; i++) {
    const t = base.time[i]!;
    const start = barStart(t, tf);
    if (start !== period) {
      period = start;
      // The first period counts only when the data starts at its first bar.
      if (i === 0 && t !== start) {
        current = null;
        continue;
      }
      current = [base.open[i]!, base.high[i]!, base.low[i]!, base.close[i]!, base.volume[i]!];
      starts.push(start);
      rows.push(current);
      continue;
    }
    if (current === null) continue;
    if (base.high[i]! > current[1]!) current[1] = base.high[i]!;
    if (base.low[i]! < current[2]!) current[2] = base.low[i]!;
    current[3] = base.close[i]!;
    current[4]! += base.volume[i]!;
  }
  const out = allocateColumns(rows.length);
  rows.forEach((r, k) => {
    out.time[k] = starts[k]!;
    out.open[k] = r[0]!;
    out.high[k] = r[1]!;
    out.low[k] = r[2]!;
    out.close[k] = r[3]!;
    out.volume[k] = r[4]!;
  });
  return out;
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
 * Batch form of the aligner: for each of the first `n` base bars (opening at `times`, `baseMs`
 * long), the index of the last higher-timeframe bar (opening at `higherTimes`, ascending, `lengthMs`
 * long) closed by the base bar's close, or −1 before the first. The rule is the aligner's.
 */
export function closedBarIndex(
  times: Float64Array,
  n: number,
  baseMs: number,
  higherTimes: Float64Array,
  m: number,
  lengthMs: number,
): Int32Array {
  const index = new Int32Array(n);
  let k = -1;
  for (let i = 0; i < n; i++) {
    const close = times[i]! + baseMs;
    while (k + 1 < m && higherTimes[k + 1]! + lengthMs <= close) k++;
    index[i] = k;
  }
  return index;
}

/** `out[i]` = `column[index[i]]`, NaN where no higher-timeframe bar has closed yet. */
export function alignNumbers(column: Float64Array, index: Int32Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const k = index[i]!;
    out[i] = k < 0 ? NaN : column[k]!;
  }
}

/** `out[i]` = `column[index[i]]`, unknown (2) where no higher-timeframe bar has closed yet. */
export function alignConditions(column: Uint8Array, index: Int32Array, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const k = index[i]!;
    out[i] = k < 0 ? 2 : column[k]!;
  }
}
