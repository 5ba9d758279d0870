import { EmaKernel } from './moving-averages';

/** MACD line = EMA(fast) − EMA(slow); signal = EMA of the line from its first defined value. */
export class MacdKernel {
  macd = NaN;
  signal = NaN;
  histogram = NaN;
  private readonly fast: EmaKernel;
  private readonly slow: EmaKernel;
  private readonly signalEma: EmaKernel;

  constructor(fast: number, slow: number, signal: number) {
    this.fast = new EmaKernel(fast);
    this.slow = new EmaKernel(slow);
    this.signalEma = new EmaKernel(signal);
  }

  next(x: number): void {
    const line = this.fast.next(x) - this.slow.next(x);
    this.macd = line;
    this.signal = this.signalEma.next(line);
    this.histogram = line - this.signal;
  }
}

export function macdSeries(
  src: Float64Array,
  fast: number,
  slow: number,
  signal: number,
  out: { macd: Float64Array; signal: Float64Array; histogram: Float64Array },
  n: number,
): void {
  const k = new MacdKernel(fast, slow, signal);
  const { macd, signal: sig, histogram } = out;
  for (let i = 0; i < n; i++) {
    k.next(src[i]!);
    macd[i] = k.macd;
    sig[i] = k.signal;
    histogram[i] = k.histogram;
  }
}
