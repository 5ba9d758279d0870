import { TRUE, UNKNOWN } from './conditions';

/** The input as it was `bars` bars ago (NaN for the first `bars` bars; a missing value stays missing). */
export class LagKernel {
  private readonly ring: Float64Array;
  private pos = 0;
  private filled = 0;

  constructor(private readonly bars: number) {
    this.ring = new Float64Array(bars);
  }

  next(x: number): number {
    const old = this.filled < this.bars ? NaN : this.ring[this.pos]!;
    if (this.filled < this.bars) this.filled++;
    this.ring[this.pos] = x;
    this.pos = this.pos + 1 === this.bars ? 0 : this.pos + 1;
    return old;
  }
}

export function lagSeries(src: Float64Array, bars: number, out: Float64Array, n: number): void {
  const k = new LagKernel(bars);
  for (let i = 0; i < n; i++) out[i] = k.next(src[i]!);
}

/** Bars since the condition was last true (0 on a true bar); unknown forgets, like a window restart. */
export class BarsSinceKernel {
  private since = NaN;

  next(condition: number): number {
    if (condition === UNKNOWN) this.since = NaN;
    else if (condition === TRUE) this.since = 0;
    else this.since += 1;
    return this.since;
  }
}

export function barsSinceSeries(src: Uint8Array, out: Float64Array, n: number): void {
  const k = new BarsSinceKernel();
  for (let i = 0; i < n; i++) out[i] = k.next(src[i]!);
}
