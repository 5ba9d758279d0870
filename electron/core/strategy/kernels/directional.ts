/**
 * Wilder's directional movement (ADX with +DI/−DI). +DM, −DM and true range start on bar 1
 * (they need the previous bar) and are Wilder-averaged over N terms, the first average being
 * the plain mean, as ATR does: the DIs first appear on bar N, ADX (the Wilder average of DX)
 * on bar 2N − 1. Averages instead of Wilder's running sums: the ratios are the same.
 */
export class AdxKernel {
  adx = NaN;
  plusDi = NaN;
  minusDi = NaN;
  private prevHigh = NaN;
  private prevLow = NaN;
  private prevClose = NaN;
  private count = 0;
  private avgTr = 0;
  private avgPlus = 0;
  private avgMinus = 0;
  private dxCount = 0;
  private avgDx = 0;

  constructor(private readonly period: number) {}

  next(high: number, low: number, close: number): void {
    if (high !== high || low !== low || close !== close) {
      // A missing bar is skipped, as the other Wilder kernels do.
      this.adx = this.plusDi = this.minusDi = NaN;
      return;
    }
    const ph = this.prevHigh;
    const pl = this.prevLow;
    const pc = this.prevClose;
    this.prevHigh = high;
    this.prevLow = low;
    this.prevClose = close;
    if (pc !== pc) return;
    const up = high - ph;
    const down = pl - low;
    const plusDm = up > down && up > 0 ? up : 0;
    const minusDm = down > up && down > 0 ? down : 0;
    const tr = Math.max(high - low, Math.abs(high - pc), Math.abs(low - pc));
    const n = this.period;
    if (this.count < n) {
      this.avgTr += tr;
      this.avgPlus += plusDm;
      this.avgMinus += minusDm;
      if (++this.count < n) return;
      this.avgTr /= n;
      this.avgPlus /= n;
      this.avgMinus /= n;
    } else {
      this.avgTr = (this.avgTr * (n - 1) + tr) / n;
      this.avgPlus = (this.avgPlus * (n - 1) + plusDm) / n;
      this.avgMinus = (this.avgMinus * (n - 1) + minusDm) / n;
    }
    const plusDi = this.avgTr === 0 ? 0 : (100 * this.avgPlus) / this.avgTr;
    const minusDi = this.avgTr === 0 ? 0 : (100 * this.avgMinus) / this.avgTr;
    this.plusDi = plusDi;
    this.minusDi = minusDi;
    const total = plusDi + minusDi;
    const dx = total === 0 ? 0 : (100 * Math.abs(plusDi - minusDi)) / total;
    if (this.dxCount < n) {
      this.avgDx += dx;
      if (++this.dxCount < n) return;
      this.avgDx /= n;
    } else {
      this.avgDx = (this.avgDx * (n - 1) + dx) / n;
    }
    this.adx = this.avgDx;
  }
}

export function adxSeries(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  out: { adx: Float64Array; plusDi: Float64Array; minusDi: Float64Array },
  n: number,
): void {
  const k = new AdxKernel(period);
  const { adx, plusDi, minusDi } = out;
  for (let i = 0; i < n; i++) {
    k.next(high[i]!, low[i]!, close[i]!);
    adx[i] = k.adx;
    plusDi[i] = k.plusDi;
    minusDi[i] = k.minusDi;
  }
}
