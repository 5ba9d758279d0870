import { FALSE, TRUE, UNKNOWN } from './conditions';
import { AtrKernel } from './wilder';

/**
 * SuperTrend (as TradingView computes it): bands at (high + low) / 2 ± multiplier × ATR. The
 * upper band only moves down (the lower only up) unless the previous close broke through it; the
 * trend turns up when the close rises above the upper band and down when it falls below the
 * lower; the line is the lower band in an up-trend, the upper band in a down-trend.
 */
export class SuperTrendKernel {
  value = NaN;
  direction = NaN;
  up: number = UNKNOWN;
  private readonly atr: AtrKernel;
  private upper = NaN;
  private lower = NaN;
  private prevClose = NaN;
  private rising = false;

  constructor(
    period: number,
    private readonly multiplier: number,
  ) {
    this.atr = new AtrKernel(period);
  }

  next(high: number, low: number, close: number): void {
    const atr = this.atr.next(high, low, close);
    if (atr !== atr) {
      // Warm-up (or a missing bar, which the ATR skips): keep the bands for the next bar.
      this.value = this.direction = NaN;
      this.up = UNKNOWN;
      if (close === close) this.prevClose = close;
      return;
    }
    const mid = (high + low) / 2;
    const basicUpper = mid + this.multiplier * atr;
    const basicLower = mid - this.multiplier * atr;
    const pc = this.prevClose;
    if (this.upper !== this.upper) {
      this.upper = basicUpper;
      this.lower = basicLower;
      this.rising = false;
    } else {
      this.upper = basicUpper < this.upper || pc > this.upper ? basicUpper : this.upper;
      this.lower = basicLower > this.lower || pc < this.lower ? basicLower : this.lower;
      this.rising = this.rising ? close >= this.lower : close > this.upper;
    }
    this.prevClose = close;
    this.value = this.rising ? this.lower : this.upper;
    this.direction = this.rising ? 1 : -1;
    this.up = this.rising ? TRUE : FALSE;
  }
}

export function superTrendSeries(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  params: { period: number; multiplier: number },
  out: { value: Float64Array; direction: Float64Array; up: Uint8Array },
  n: number,
): void {
  const k = new SuperTrendKernel(params.period, params.multiplier);
  const { value, direction, up } = out;
  for (let i = 0; i < n; i++) {
    k.next(high[i]!, low[i]!, close[i]!);
    value[i] = k.value;
    direction[i] = k.direction;
    up[i] = k.up;
  }
}
