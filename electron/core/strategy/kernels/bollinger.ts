import { RESYNC_EVERY } from './conventions';

/**
 * Bollinger bands: middle = SMA(N), bands ± K population standard deviations. The sum of
 * squared deviations slides with the stable update M2 += (x−old)(x−mean' + old−mean) instead
 * of Σx² − n·mean², which loses most digits at crypto price levels.
 */
export class BollingerKernel {
  upper = NaN;
  middle = NaN;
  lower = NaN;
  private readonly ring: Float64Array;
  private pos = 0;
  private filled = 0;
  private sum = 0;
  private m2 = 0;
  private sinceResync = 0;

  constructor(
    private readonly period: number,
    private readonly deviations: number,
  ) {
    this.ring = new Float64Array(period);
  }

  next(x: number): void {
    const n = this.period;
    if (x !== x) {
      this.pos = 0;
      this.filled = 0;
      this.sum = 0;
      this.upper = this.middle = this.lower = NaN;
      return;
    }
    if (this.filled < n) {
      this.ring[this.pos] = x;
      this.sum += x;
      this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
      if (++this.filled < n) return;
      this.resync();
    } else {
      const old = this.ring[this.pos]!;
      const oldMean = this.sum / n;
      this.sum += x - old;
      const mean = this.sum / n;
      this.m2 += (x - old) * (x - mean + old - oldMean);
      this.ring[this.pos] = x;
      this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
      if (++this.sinceResync >= RESYNC_EVERY) this.resync();
    }
    const mean = this.sum / n;
    const sd = Math.sqrt(this.m2 > 0 ? this.m2 / n : 0);
    this.middle = mean;
    this.upper = mean + this.deviations * sd;
    this.lower = mean - this.deviations * sd;
  }

  private resync(): void {
    const n = this.period;
    let s = 0;
    for (let i = 0; i < n; i++) s += this.ring[i]!;
    const mean = s / n;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = this.ring[i]! - mean;
      m2 += d * d;
    }
    this.sum = s;
    this.m2 = m2;
    this.sinceResync = 0;
  }
}

export function bollingerSeries(
  src: Float64Array,
  period: number,
  deviations: number,
  out: { upper: Float64Array; middle: Float64Array; lower: Float64Array },
  n: number,
): void {
  const k = new BollingerKernel(period, deviations);
  const { upper, middle, lower } = out;
  for (let i = 0; i < n; i++) {
    k.next(src[i]!);
    upper[i] = k.upper;
    middle[i] = k.middle;
    lower[i] = k.lower;
  }
}
