import { ExtremeKernel } from './extremes';
import { SmaKernel } from './moving-averages';

/**
 * Slow stochastic: raw %K = 100 × (close − lowest low) / (highest high − lowest low) over N
 * candles (50 when the range is flat), %K = SMA(smoothing) of raw %K, %D = SMA(signal) of %K.
 */
export class StochasticKernel {
  k = NaN;
  d = NaN;
  private readonly highs: ExtremeKernel;
  private readonly lows: ExtremeKernel;
  private readonly smoothK: SmaKernel;
  private readonly smoothD: SmaKernel;

  constructor(period: number, smoothing: number, signal: number) {
    this.highs = new ExtremeKernel(period, true);
    this.lows = new ExtremeKernel(period, false);
    this.smoothK = new SmaKernel(smoothing);
    this.smoothD = new SmaKernel(signal);
  }

  next(high: number, low: number, close: number): void {
    const hh = this.highs.next(high);
    const ll = this.lows.next(low);
    const range = hh - ll;
    const raw = range === 0 ? 50 : (100 * (close - ll)) / range;
    this.k = this.smoothK.next(raw);
    this.d = this.smoothD.next(this.k);
  }
}

export function stochasticSeries(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  params: { period: number; smoothing: number; signal: number },
  out: { k: Float64Array; d: Float64Array },
  n: number,
): void {
  const kernel = new StochasticKernel(params.period, params.smoothing, params.signal);
  const { k, d } = out;
  for (let i = 0; i < n; i++) {
    kernel.next(high[i]!, low[i]!, close[i]!);
    k[i] = kernel.k;
    d[i] = kernel.d;
  }
}
