/**
 * Another market's bars aligned onto the strategy's own, closed bars only. Both markets run on
 * the same timeframe, so at a base bar opening at O (closing at O + length) the other market's
 * bar with the same open time has just closed and is the one read; a bar the other market lacks
 * (no trade, a gap in the stored data) carries its last closed bar on and is counted as missing.
 * The same `ClosedBarAligner` as the higher-timeframe source answers for batch and streaming.
 */
import type { Timeframe } from '../../../../shared/domain/types';
import type { CandleColumns, StreamBar } from '../candle-columns';
import { ClosedBarAligner } from './timeframe-align';

/** Streaming form: the other market's closed bars go in as they come, base bars read it in order. */
export class OtherMarketAligner {
  private readonly aligner: ClosedBarAligner;
  /** The bar the last `at` answered with (null before the first has closed). */
  private current: StreamBar | null = null;
  private readonly keep = (bar: StreamBar): void => {
    this.current = bar;
  };

  constructor(timeframe: Timeframe) {
    this.aligner = new ClosedBarAligner(timeframe);
  }

  /** A closed bar of the other market (time order; repeats ignored). */
  add(bar: StreamBar): void {
    this.aligner.add(bar);
  }

  /** The other market's bar to read at the close of the base bar opening at `time` (null before its first). */
  at(time: number): StreamBar | null {
    this.aligner.advance(time + this.aligner.lengthMs, this.keep);
    return this.current;
  }

  /** Bar length in ms (the strategy's timeframe). */
  get lengthMs(): number {
    return this.aligner.lengthMs;
  }
}

/**
 * Batch form: for each of the first `n` base bars (opening at `times`), the fields of the other
 * market's last bar closed by its close, into `out` (open, high, low, close, volume; NaN before
 * the first). Returns how many base bars from `countFrom` on had no bar of their own in `other`
 * (they carry the last closed value, or are empty before the first).
 */
export function alignOtherMarket(
  times: Float64Array,
  n: number,
  timeframe: Timeframe,
  other: CandleColumns,
  out: readonly Float64Array[],
  countFrom = 0,
): number {
  const aligner = new OtherMarketAligner(timeframe);
  const length = aligner.lengthMs;
  const [o, h, l, c, v] = out as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  let k = 0;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const close = times[i]! + length;
    // Hand over only the bars that can have closed by now, as the live subscription would.
    while (k < other.length && other.time[k]! + length <= close) {
      aligner.add({
        time: other.time[k]!,
        open: other.open[k]!,
        high: other.high[k]!,
        low: other.low[k]!,
        close: other.close[k]!,
        volume: other.volume[k]!,
      });
      k++;
    }
    const bar = aligner.at(times[i]!);
    if (i >= countFrom && bar?.time !== times[i]) missing++;
    o[i] = bar ? bar.open : NaN;
    h[i] = bar ? bar.high : NaN;
    l[i] = bar ? bar.low : NaN;
    c[i] = bar ? bar.close : NaN;
    v[i] = bar ? bar.volume : NaN;
  }
  return missing;
}
