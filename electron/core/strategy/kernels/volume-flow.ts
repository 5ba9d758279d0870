import { RESYNC_EVERY } from './conventions';

/** On-balance volume: ± the bar's volume by the direction of the close, from 0 on the first bar. */
export class ObvKernel {
  private prevClose = NaN;
  private total = 0;

  next(close: number, volume: number): number {
    if (close !== close || volume !== volume) return NaN;
    const pc = this.prevClose;
    this.prevClose = close;
    if (pc !== pc) return this.total;
    if (close > pc) this.total += volume;
    else if (close < pc) this.total -= volume;
    return this.total;
  }
}

export function obvSeries(close: Float64Array, volume: Float64Array, out: Float64Array, n: number): void {
  const k = new ObvKernel();
  for (let i = 0; i < n; i++) out[i] = k.next(close[i]!, volume[i]!);
}

/**
 * Sum of the last N values with a running total, resynchronised from the window now and then,
 * and exactly 0 when the window holds only zeros (so "no flow" never becomes a rounding residue).
 */
class RollingSum {
  private readonly ring: Float64Array;
  private pos = 0;
  private filled = 0;
  private sum = 0;
  private nonZero = 0;
  private sinceResync = 0;

  constructor(private readonly period: number) {
    this.ring = new Float64Array(period);
  }

  reset(): void {
    this.pos = 0;
    this.filled = 0;
    this.sum = 0;
    this.nonZero = 0;
  }

  next(x: number): number {
    const n = this.period;
    if (this.filled < n) this.filled++;
    else {
      const old = this.ring[this.pos]!;
      this.sum -= old;
      if (old !== 0) this.nonZero--;
    }
    this.sum += x;
    if (x !== 0) this.nonZero++;
    this.ring[this.pos] = x;
    this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
    if (this.filled < n) return NaN;
    if (++this.sinceResync >= RESYNC_EVERY) {
      this.sinceResync = 0;
      let s = 0;
      for (let j = 0, k = this.pos; j < n; j++, k = k + 1 === n ? 0 : k + 1) s += this.ring[k]!;
      this.sum = s;
    }
    return this.nonZero === 0 ? 0 : this.sum;
  }
}

/**
 * Money flow index: positive and negative raw money flow (typical price × volume, by the direction
 * of the typical price) summed over N bars; 50 when the window had no flow at all.
 */
export class MfiKernel {
  private prevTypical = NaN;
  private readonly positive: RollingSum;
  private readonly negative: RollingSum;

  constructor(period: number) {
    this.positive = new RollingSum(period);
    this.negative = new RollingSum(period);
  }

  next(high: number, low: number, close: number, volume: number): number {
    const tp = (high + low + close) / 3;
    const prev = this.prevTypical;
    this.prevTypical = tp;
    const flow = tp * volume;
    if (prev !== prev || flow !== flow) {
      // No previous typical price (first bar, or after a missing one): restart both windows.
      this.positive.reset();
      this.negative.reset();
      return NaN;
    }
    const pos = this.positive.next(tp > prev ? flow : 0);
    const neg = this.negative.next(tp < prev ? flow : 0);
    const total = pos + neg;
    return total === 0 ? 50 : (100 * pos) / total;
  }
}

export function mfiSeries(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  period: number,
  out: Float64Array,
  n: number,
): void {
  const k = new MfiKernel(period);
  for (let i = 0; i < n; i++) out[i] = k.next(high[i]!, low[i]!, close[i]!, volume[i]!);
}
