/**
 * Commodity channel index over a ring of typical prices. The mean deviation needs the whole
 * window each bar, so the mean is recomputed from the window too (O(N) per bar, exact).
 */
export class CciKernel {
  private readonly ring: Float64Array;
  private pos = 0;
  private filled = 0;

  constructor(private readonly period: number) {
    this.ring = new Float64Array(period);
  }

  next(high: number, low: number, close: number): number {
    const tp = (high + low + close) / 3;
    if (tp !== tp) {
      this.pos = 0;
      this.filled = 0;
      return NaN;
    }
    const n = this.period;
    this.ring[this.pos] = tp;
    this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
    if (this.filled < n) this.filled++;
    if (this.filled < n) return NaN;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += this.ring[j]!;
    const mean = sum / n;
    let dev = 0;
    for (let j = 0; j < n; j++) dev += Math.abs(this.ring[j]! - mean);
    dev /= n;
    return dev === 0 ? 0 : (tp - mean) / (0.015 * dev);
  }
}

export function cciSeries(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out: Float64Array, n: number): void {
  const k = new CciKernel(period);
  for (let i = 0; i < n; i++) out[i] = k.next(high[i]!, low[i]!, close[i]!);
}
