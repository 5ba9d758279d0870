/**
 * Higher-timeframe bars for a strategy, closed bars only. `resampleClosed` builds them from the
 * strategy's own bars (the backtest's data source); `ClosedBarAligner` answers "which
 * higher-timeframe bar had closed by this time" for the batch pass and the streaming evaluator
 * alike, so both read the same bar at every base bar. A higher-timeframe bar opening at O closes
 * at O + its length; at a base bar closing at T the aligner gives the last one with close <= T.
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

/** The latest closed higher-timeframe bar at a time; bars are handed in in time order. */
export class ClosedBarAligner {
  readonly lengthMs: number;
  private readonly queue: StreamBar[] = [];
  private head = 0;
  private lastTime = -Infinity;
  /** The bar the last `at` answered with (null before the first has closed). */
  current: StreamBar | null = null;

  constructor(tf: Timeframe) {
    this.lengthMs = timeframeMs(tf);
  }

  /** Adds a higher-timeframe bar; bars already known (same or older open time) are ignored. */
  add(bar: StreamBar): void {
    if (!(bar.time > this.lastTime)) return;
    this.lastTime = bar.time;
    this.queue.push(bar);
  }

  /** The last bar whose close (open + length) is at or before `time`; never goes back. */
  at(time: number): StreamBar | null {
    while (this.head < this.queue.length && this.queue[this.head]!.time + this.lengthMs <= time) {
      this.current = this.queue[this.head++]!;
    }
    // Drop what was consumed now and then, so a bot running for months does not keep every bar.
    if (this.head > 1024) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return this.current;
  }
}

/**
 * Batch form: for each of the first `n` base bars (opening at `times`, `baseMs` long), the fields
 * of the last `tf` bar closed by its close, into `out` (open, high, low, close, volume columns;
 * NaN before the first). The same aligner as the streaming evaluator's.
 */
export function alignHigherTimeframe(
  times: Float64Array,
  n: number,
  baseMs: number,
  higher: CandleColumns,
  tf: Timeframe,
  out: readonly Float64Array[],
): void {
  const aligner = new ClosedBarAligner(tf);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const close = times[i]! + baseMs;
    // Hand over only the bars that can have closed by now, as a live feed would.
    while (k < higher.length && higher.time[k]! + aligner.lengthMs <= close) {
      aligner.add({
        time: higher.time[k]!,
        open: higher.open[k]!,
        high: higher.high[k]!,
        low: higher.low[k]!,
        close: higher.close[k]!,
        volume: higher.volume[k]!,
      });
      k++;
    }
    writeBar(aligner.at(close), out, i);
  }
}

/** Writes a bar's fields (or NaN for none) at index `i` of the open/high/low/close/volume outputs. */
function writeBar(bar: StreamBar | null, out: readonly Float64Array[], i: number): void {
  out[0]![i] = bar ? bar.open : NaN;
  out[1]![i] = bar ? bar.high : NaN;
  out[2]![i] = bar ? bar.low : NaN;
  out[3]![i] = bar ? bar.close : NaN;
  out[4]![i] = bar ? bar.volume : NaN;
}
