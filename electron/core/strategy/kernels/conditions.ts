/**
 * Per-bar arithmetic and conditions. Each is one expression shared by the batch loops and the
 * streaming steps. Conditions are tri-state (see conventions.ts): any missing input → UNKNOWN.
 * Every batch loop calls its expression directly (never through a function parameter), so the
 * JIT inlines it: a loop shared by several expressions runs several times slower.
 */
/**
 * Conditions are tri-state bytes: unknown (an input is still warming up) never triggers.
 * Defined here rather than imported: module-local constants fold into the hot loops below,
 * imported bindings are re-read on every use.
 */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;

export function divide(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

export function greaterThan(a: number, b: number): number {
  return a !== a || b !== b ? UNKNOWN : a > b ? TRUE : FALSE;
}

export function lessThan(a: number, b: number): number {
  return a !== a || b !== b ? UNKNOWN : a < b ? TRUE : FALSE;
}

export function crossesAbove(a: number, b: number, prevA: number, prevB: number): number {
  if (a !== a || b !== b || prevA !== prevA || prevB !== prevB) return UNKNOWN;
  return a > b && prevA <= prevB ? TRUE : FALSE;
}

export function crossesBelow(a: number, b: number, prevA: number, prevB: number): number {
  if (a !== a || b !== b || prevA !== prevA || prevB !== prevB) return UNKNOWN;
  return a < b && prevA >= prevB ? TRUE : FALSE;
}

export function and(a: number, b: number): number {
  return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : a & b;
}

export function or(a: number, b: number): number {
  return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : a | b;
}

export function not(a: number): number {
  return a === UNKNOWN ? UNKNOWN : 1 - a;
}

/** Counts consecutive true bars; an unknown bar resets the count. */
export class TrueForBarsKernel {
  private run = 0;

  constructor(private readonly bars: number) {}

  next(x: number): number {
    if (x === UNKNOWN) {
      this.run = 0;
      return UNKNOWN;
    }
    this.run = x === TRUE ? this.run + 1 : 0;
    return this.run >= this.bars ? TRUE : FALSE;
  }
}

export function divideSeries(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = divide(a[i]!, b[i]!);
}

/*
 * The comparison loops compute their tri-state without branches: a comparison with NaN is false,
 * so `Number(a > b)` is the answer when both are present and 0 when one is missing, and
 * `Number(missing) << 1` turns that 0 into UNKNOWN (2). Real indicator series flip across a
 * level tens of thousands of times per million bars, which makes a branch per bar mispredict
 * often; these loops run about twice as fast. conditions.test.ts holds them to the scalar forms.
 */
export function greaterThanSeries(a: Float64Array, b: Float64Array, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    out[i] = Number(x > y) + ((Number(x !== x) | Number(y !== y)) << 1);
  }
}

export function lessThanSeries(a: Float64Array, b: Float64Array, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    out[i] = Number(x < y) + ((Number(x !== x) | Number(y !== y)) << 1);
  }
}

/*
 * Comparisons of a series with a constant (a Number block, or a level typed on the block) read
 * the constant itself: no column of a million copies of 30 is filled and read back.
 */
export function greaterThanConstantSeries(a: Float64Array, k: number, out: Uint8Array, n: number): void {
  if (k !== k) {
    out.fill(UNKNOWN, 0, n);
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    out[i] = Number(x > k) + (Number(x !== x) << 1);
  }
}

export function lessThanConstantSeries(a: Float64Array, k: number, out: Uint8Array, n: number): void {
  if (k !== k) {
    out.fill(UNKNOWN, 0, n);
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    out[i] = Number(x < k) + (Number(x !== x) << 1);
  }
}

/**
 * Crossing tables for the batch loops, indexed by the previous bar's relation × 3 + this bar's:
 * 0 an input is missing, 1 not past the other series, 2 past it. A table read instead of
 * crossesAbove's four NaN tests and two comparisons per bar makes the loop about three times
 * faster; the test in conditions.test.ts holds it to crossesAbove / crossesBelow for every case.
 */
const CROSSED = new Uint8Array([UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, FALSE, TRUE, UNKNOWN, FALSE, FALSE]);

export function crossesAboveSeries(a: Float64Array, b: Float64Array, out: Uint8Array, n: number): void {
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    // x <= y is false when either is NaN, like x > y: neither true means a missing input.
    const now = (Number(x > y) << 1) | Number(x <= y);
    out[i] = CROSSED[prev * 3 + now]!;
    prev = now;
  }
}

export function crossesBelowSeries(a: Float64Array, b: Float64Array, out: Uint8Array, n: number): void {
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const now = (Number(x < y) << 1) | Number(x >= y);
    out[i] = CROSSED[prev * 3 + now]!;
    prev = now;
  }
}

/** Crossing a constant level: with `k` present, `x === x` (x present) is 1 exactly when one of x > k, x <= k holds. */
export function crossesAboveConstantSeries(a: Float64Array, k: number, out: Uint8Array, n: number): void {
  if (k !== k) {
    out.fill(UNKNOWN, 0, n);
    return;
  }
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const now = Number(x > k) + Number(x === x);
    out[i] = CROSSED[prev * 3 + now]!;
    prev = now;
  }
}

export function crossesBelowConstantSeries(a: Float64Array, k: number, out: Uint8Array, n: number): void {
  if (k !== k) {
    out.fill(UNKNOWN, 0, n);
    return;
  }
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const now = Number(x < k) + Number(x === x);
    out[i] = CROSSED[prev * 3 + now]!;
    prev = now;
  }
}

export function andSeries(a: Uint8Array, b: Uint8Array, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = and(a[i]!, b[i]!);
}

export function orSeries(a: Uint8Array, b: Uint8Array, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = or(a[i]!, b[i]!);
}

export function notSeries(a: Uint8Array, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = not(a[i]!);
}

export function trueForBarsSeries(a: Uint8Array, bars: number, out: Uint8Array, n: number): void {
  const k = new TrueForBarsKernel(bars);
  for (let i = 0; i < n; i++) out[i] = k.next(a[i]!);
}
