/**
 * Wilder's parabolic stop-and-reverse. Bar 1 starts the first trend (up when it closes at or
 * above bar 0) with the SAR at the two bars' extreme low (high for a down-trend). Then each bar:
 * SAR += af × (EP − SAR), kept below the last two lows (above the last two highs); if this bar
 * breaks it, the trend reverses, the SAR jumps to the old EP (not inside this bar's range) and af
 * restarts; otherwise a new extreme moves EP and raises af by `step` up to `max`.
 */
export class ParabolicSarKernel {
  private bars = 0;
  private high1 = NaN;
  private low1 = NaN;
  private close1 = NaN;
  private high2 = NaN;
  private low2 = NaN;
  private long = true;
  private sar = NaN;
  private ep = NaN;
  private af = 0;

  constructor(
    private readonly step: number,
    private readonly max: number,
  ) {}

  next(high: number, low: number, close: number): number {
    if (high !== high || low !== low || close !== close) return NaN;
    let sar: number;
    if (this.bars === 0) {
      sar = NaN;
    } else if (this.bars === 1) {
      this.long = close >= this.close1;
      this.ep = this.long ? Math.max(high, this.high1) : Math.min(low, this.low1);
      sar = this.long ? Math.min(low, this.low1) : Math.max(high, this.high1);
      this.af = this.step;
    } else {
      sar = this.sar + this.af * (this.ep - this.sar);
      if (this.long) {
        sar = Math.min(sar, this.low1, this.low2);
        if (low < sar) {
          this.long = false;
          sar = Math.max(this.ep, high);
          this.ep = low;
          this.af = this.step;
        } else if (high > this.ep) {
          this.ep = high;
          this.af = Math.min(this.af + this.step, this.max);
        }
      } else {
        sar = Math.max(sar, this.high1, this.high2);
        if (high > sar) {
          this.long = true;
          sar = Math.min(this.ep, low);
          this.ep = high;
          this.af = this.step;
        } else if (low < this.ep) {
          this.ep = low;
          this.af = Math.min(this.af + this.step, this.max);
        }
      }
    }
    this.sar = sar;
    this.high2 = this.high1;
    this.low2 = this.low1;
    this.high1 = high;
    this.low1 = low;
    this.close1 = close;
    this.bars++;
    return sar;
  }
}

export function parabolicSarSeries(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  step: number,
  max: number,
  out: Float64Array,
  n: number,
): void {
  const k = new ParabolicSarKernel(step, max);
  for (let i = 0; i < n; i++) out[i] = k.next(high[i]!, low[i]!, close[i]!);
}
