/** Rate of change: 100 × (x − x[N bars ago]) / x[N bars ago]; empty when the old value is 0. */
export class RocKernel {
  private readonly ring: Float64Array;
  private pos = 0;
  private filled = 0;

  constructor(private readonly period: number) {
    this.ring = new Float64Array(period);
  }

  next(x: number): number {
    if (x !== x) {
      this.pos = 0;
      this.filled = 0;
      return NaN;
    }
    const old = this.ring[this.pos]!;
    const ready = this.filled === this.period;
    this.ring[this.pos] = x;
    this.pos = this.pos + 1 === this.period ? 0 : this.pos + 1;
    if (!ready) {
      this.filled++;
      return NaN;
    }
    return old === 0 ? NaN : (100 * (x - old)) / old;
  }
}

export function rocSeries(src: Float64Array, period: number, out: Float64Array, n: number): void {
  const k = new RocKernel(period);
  for (let i = 0; i < n; i++) out[i] = k.next(src[i]!);
}
