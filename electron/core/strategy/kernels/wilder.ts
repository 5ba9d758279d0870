/** Wilder-smoothed indicators: RSI and ATR. Both start from the plain mean of the first N terms. */

export class RsiKernel {
  private prev = NaN;
  private count = 0;
  private gainSum = 0;
  private lossSum = 0;
  private avgGain = 0;
  private avgLoss = 0;

  constructor(private readonly period: number) {}

  next(x: number): number {
    if (x !== x) return NaN;
    const prev = this.prev;
    this.prev = x;
    if (prev !== prev) return NaN;
    const change = x - prev;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    const n = this.period;
    if (this.count < n) {
      this.gainSum += gain;
      this.lossSum += loss;
      if (++this.count < n) return NaN;
      this.avgGain = this.gainSum / n;
      this.avgLoss = this.lossSum / n;
    } else {
      this.avgGain = (this.avgGain * (n - 1) + gain) / n;
      this.avgLoss = (this.avgLoss * (n - 1) + loss) / n;
    }
    return rsiOf(this.avgGain, this.avgLoss);
  }
}

/** 100 × gain / (gain + loss) = 100 − 100 / (1 + RS); 50 when nothing moved. */
function rsiOf(avgGain: number, avgLoss: number): number {
  const total = avgGain + avgLoss;
  return total === 0 ? 50 : (100 * avgGain) / total;
}

export function rsiSeries(src: Float64Array, period: number, out: Float64Array, n: number): void {
  const k = new RsiKernel(period);
  for (let i = 0; i < n; i++) out[i] = k.next(src[i]!);
}

/** True range needs the previous close, so the first ATR appears on bar N (as in TA-Lib). */
export class AtrKernel {
  private prevClose = NaN;
  private count = 0;
  private sum = 0;
  private value = NaN;

  constructor(private readonly period: number) {}

  next(high: number, low: number, close: number): number {
    if (high !== high || low !== low || close !== close) return NaN;
    const pc = this.prevClose;
    this.prevClose = close;
    if (pc !== pc) return NaN;
    const tr = Math.max(high - low, Math.abs(high - pc), Math.abs(low - pc));
    const n = this.period;
    if (this.count < n) {
      this.sum += tr;
      if (++this.count < n) return NaN;
      this.value = this.sum / n;
      return this.value;
    }
    this.value = (this.value * (n - 1) + tr) / n;
    return this.value;
  }
}

export function atrSeries(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out: Float64Array, n: number): void {
  const k = new AtrKernel(period);
  for (let i = 0; i < n; i++) out[i] = k.next(high[i]!, low[i]!, close[i]!);
}
