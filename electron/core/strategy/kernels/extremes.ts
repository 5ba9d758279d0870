/**
 * Highest / lowest of the last N values in O(1) amortised per bar: a monotonic deque of
 * (value, bar number) candidates kept in a ring of N slots.
 */
export class ExtremeKernel {
  private readonly values: Float64Array;
  private readonly stamps: Float64Array;
  private head = 0;
  private size = 0;
  private t = 0;
  private filled = 0;

  constructor(
    private readonly period: number,
    private readonly highest: boolean,
  ) {
    this.values = new Float64Array(period);
    this.stamps = new Float64Array(period);
  }

  next(x: number): number {
    const n = this.period;
    if (x !== x) {
      this.head = 0;
      this.size = 0;
      this.filled = 0;
      return NaN;
    }
    const t = ++this.t;
    // Drop candidates that can never be the extreme again: the new value beats them.
    while (this.size > 0) {
      const back = (this.head + this.size - 1) % n;
      const v = this.values[back]!;
      if (this.highest ? v > x : v < x) break;
      this.size--;
    }
    if (this.size > 0 && this.stamps[this.head]! <= t - n) {
      this.head = this.head + 1 === n ? 0 : this.head + 1;
      this.size--;
    }
    const slot = (this.head + this.size) % n;
    this.values[slot] = x;
    this.stamps[slot] = t;
    this.size++;
    if (this.filled < n) this.filled++;
    return this.filled < n ? NaN : this.values[this.head]!;
  }
}

export function extremeSeries(src: Float64Array, period: number, highest: boolean, out: Float64Array, n: number): void {
  const k = new ExtremeKernel(period, highest);
  for (let i = 0; i < n; i++) out[i] = k.next(src[i]!);
}
