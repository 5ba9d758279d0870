import { RESYNC_EVERY } from './conventions';

/** Rolling VWAP: Σ(typical price × volume) / Σ volume over the last N candles. */
export class VwapKernel {
  private readonly pv: Float64Array;
  private readonly vol: Float64Array;
  private pos = 0;
  private filled = 0;
  private pvSum = 0;
  private volSum = 0;
  /** Exact count of bars with volume in the window: an all-zero window is "no price", not 0/ε. */
  private withVolume = 0;
  private sinceResync = 0;

  constructor(private readonly period: number) {
    this.pv = new Float64Array(period);
    this.vol = new Float64Array(period);
  }

  next(high: number, low: number, close: number, volume: number): number {
    const n = this.period;
    const tp = (high + low + close) / 3;
    const pv = tp * volume;
    if (pv !== pv) {
      this.pos = 0;
      this.filled = 0;
      this.pvSum = 0;
      this.volSum = 0;
      this.withVolume = 0;
      return NaN;
    }
    if (this.filled < n) {
      this.filled++;
    } else {
      this.pvSum -= this.pv[this.pos]!;
      this.volSum -= this.vol[this.pos]!;
      if (this.vol[this.pos]! > 0) this.withVolume--;
    }
    this.pvSum += pv;
    this.volSum += volume;
    if (volume > 0) this.withVolume++;
    this.pv[this.pos] = pv;
    this.vol[this.pos] = volume;
    this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
    if (this.filled < n) return NaN;
    if (++this.sinceResync >= RESYNC_EVERY) {
      this.sinceResync = 0;
      let p = 0;
      let v = 0;
      for (let i = 0; i < n; i++) {
        p += this.pv[i]!;
        v += this.vol[i]!;
      }
      this.pvSum = p;
      this.volSum = v;
    }
    return this.withVolume === 0 ? NaN : this.pvSum / this.volSum;
  }
}

export function vwapSeries(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  period: number,
  out: Float64Array,
  n: number,
): void {
  const k = new VwapKernel(period);
  for (let i = 0; i < n; i++) out[i] = k.next(high[i]!, low[i]!, close[i]!, volume[i]!);
}
