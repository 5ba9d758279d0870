import { RESYNC_EVERY } from './conventions';

/** Simple moving average over a ring buffer with a running sum. */
export class SmaKernel {
  private readonly ring: Float64Array;
  private pos = 0;
  private filled = 0;
  private sum = 0;
  private sinceResync = 0;

  constructor(private readonly period: number) {
    this.ring = new Float64Array(period);
  }

  next(x: number): number {
    if (x !== x) {
      this.pos = 0;
      this.filled = 0;
      this.sum = 0;
      this.sinceResync = 0;
      return NaN;
    }
    const n = this.period;
    if (this.filled < n) {
      this.sum += x;
      this.filled++;
    } else {
      this.sum += x - this.ring[this.pos]!;
    }
    this.ring[this.pos] = x;
    this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
    if (this.filled < n) return NaN;
    if (++this.sinceResync >= RESYNC_EVERY) {
      this.sinceResync = 0;
      // Oldest to newest: `pos` now points at the oldest value.
      let s = 0;
      for (let j = 0, k = this.pos; j < n; j++, k = k + 1 === n ? 0 : k + 1) s += this.ring[k]!;
      this.sum = s;
    }
    return this.sum / n;
  }
}

/**
 * The batch twin of SmaKernel. SMA is the hottest block of most backtests, and reading the
 * window straight from the input instead of a ring is about three times faster; the
 * arithmetic (operations and their order) is the kernel's, and the tests check both agree
 * bit for bit.
 */
export function smaSeries(src: Float64Array, period: number, out: Float64Array, n: number): void {
  let i = 0;
  // Each pass of the outer loop (re)starts a window: at the start, and after a missing value.
  while (i < n) {
    let sum = 0;
    let filled = 0;
    for (; i < n && filled < period; i++) {
      const x = src[i]!;
      out[i] = NaN;
      if (x !== x) {
        filled = 0;
        sum = 0;
        continue;
      }
      sum += x;
      if (++filled === period) out[i] = sum / period;
    }
    let sinceResync = 1;
    for (; i < n; i++) {
      const x = src[i]!;
      if (x !== x) break;
      sum += x - src[i - period]!;
      if (++sinceResync >= RESYNC_EVERY) {
        sinceResync = 0;
        let s = 0;
        for (let j = i - period + 1; j <= i; j++) s += src[j]!;
        sum = s;
      }
      out[i] = sum / period;
    }
    if (i < n) out[i++] = NaN;
  }
}

/** EMA with weight 2/(N+1), seeded with the SMA of the first N values (the textbook start). */
export class EmaKernel {
  private readonly alpha: number;
  private count = 0;
  private seedSum = 0;
  private value = NaN;

  constructor(private readonly period: number) {
    this.alpha = 2 / (period + 1);
  }

  next(x: number): number {
    if (x !== x) return NaN;
    if (this.count < this.period) {
      this.seedSum += x;
      if (++this.count < this.period) return NaN;
      this.value = this.seedSum / this.period;
      return this.value;
    }
    this.value += this.alpha * (x - this.value);
    return this.value;
  }
}

export function emaSeries(src: Float64Array, period: number, out: Float64Array, n: number): void {
  const k = new EmaKernel(period);
  for (let i = 0; i < n; i++) out[i] = k.next(src[i]!);
}

/** Linearly weighted MA (weights 1..N, newest heaviest), updated in O(1) per bar. */
export class WmaKernel {
  private readonly ring: Float64Array;
  private readonly divisor: number;
  private pos = 0;
  private filled = 0;
  private sum = 0;
  private weighted = 0;
  private sinceResync = 0;

  constructor(private readonly period: number) {
    this.ring = new Float64Array(period);
    this.divisor = (period * (period + 1)) / 2;
  }

  next(x: number): number {
    if (x !== x) {
      this.pos = 0;
      this.filled = 0;
      this.sum = 0;
      this.weighted = 0;
      return NaN;
    }
    const n = this.period;
    if (this.filled < n) {
      this.filled++;
      this.weighted += this.filled * x;
      this.sum += x;
    } else {
      // Every value loses one weight step, the oldest drops out, the newest enters at N.
      this.weighted += n * x - this.sum;
      this.sum += x - this.ring[this.pos]!;
    }
    this.ring[this.pos] = x;
    this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
    if (this.filled < n) return NaN;
    if (++this.sinceResync >= RESYNC_EVERY) {
      this.sinceResync = 0;
      let s = 0;
      let w = 0;
      for (let j = 0; j < n; j++) {
        const v = this.ring[(this.pos + j) % n]!; // oldest first
        s += v;
        w += (j + 1) * v;
      }
      this.sum = s;
      this.weighted = w;
    }
    return this.weighted / this.divisor;
  }
}

export function wmaSeries(src: Float64Array, period: number, out: Float64Array, n: number): void {
  const k = new WmaKernel(period);
  for (let i = 0; i < n; i++) out[i] = k.next(src[i]!);
}
