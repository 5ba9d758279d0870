import { ExtremeKernel } from './extremes';
import { EmaKernel } from './moving-averages';
import { AtrKernel } from './wilder';

/** Keltner channels: EMA(close) ± multiplier × ATR (Wilder). */
export class KeltnerKernel {
  upper = NaN;
  middle = NaN;
  lower = NaN;
  private readonly ema: EmaKernel;
  private readonly atr: AtrKernel;

  constructor(
    period: number,
    atrPeriod: number,
    private readonly multiplier: number,
  ) {
    this.ema = new EmaKernel(period);
    this.atr = new AtrKernel(atrPeriod);
  }

  next(high: number, low: number, close: number): void {
    const mid = this.ema.next(close);
    const width = this.multiplier * this.atr.next(high, low, close);
    this.middle = mid;
    this.upper = mid + width;
    this.lower = mid - width;
  }
}

export function keltnerSeries(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  params: { period: number; atrPeriod: number; multiplier: number },
  out: { upper: Float64Array; middle: Float64Array; lower: Float64Array },
  n: number,
): void {
  const k = new KeltnerKernel(params.period, params.atrPeriod, params.multiplier);
  const { upper, middle, lower } = out;
  for (let i = 0; i < n; i++) {
    k.next(high[i]!, low[i]!, close[i]!);
    upper[i] = k.upper;
    middle[i] = k.middle;
    lower[i] = k.lower;
  }
}

/** Donchian channels: highest high, lowest low of the last N candles, and their midpoint. */
export class DonchianKernel {
  upper = NaN;
  middle = NaN;
  lower = NaN;
  private readonly highs: ExtremeKernel;
  private readonly lows: ExtremeKernel;

  constructor(period: number) {
    this.highs = new ExtremeKernel(period, true);
    this.lows = new ExtremeKernel(period, false);
  }

  next(high: number, low: number): void {
    this.upper = this.highs.next(high);
    this.lower = this.lows.next(low);
    this.middle = (this.upper + this.lower) / 2;
  }
}

export function donchianSeries(
  high: Float64Array,
  low: Float64Array,
  period: number,
  out: { upper: Float64Array; middle: Float64Array; lower: Float64Array },
  n: number,
): void {
  const k = new DonchianKernel(period);
  const { upper, middle, lower } = out;
  for (let i = 0; i < n; i++) {
    k.next(high[i]!, low[i]!);
    upper[i] = k.upper;
    middle[i] = k.middle;
    lower[i] = k.lower;
  }
}

/** Williams %R: −100 × (highest high − close) / (highest high − lowest low); −50 on a flat range. */
export class WilliamsRKernel {
  private readonly highs: ExtremeKernel;
  private readonly lows: ExtremeKernel;

  constructor(period: number) {
    this.highs = new ExtremeKernel(period, true);
    this.lows = new ExtremeKernel(period, false);
  }

  next(high: number, low: number, close: number): number {
    const hh = this.highs.next(high);
    const ll = this.lows.next(low);
    const range = hh - ll;
    return range === 0 ? -50 : (-100 * (hh - close)) / range;
  }
}

export function williamsRSeries(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  out: Float64Array,
  n: number,
): void {
  const k = new WilliamsRKernel(period);
  for (let i = 0; i < n; i++) out[i] = k.next(high[i]!, low[i]!, close[i]!);
}
