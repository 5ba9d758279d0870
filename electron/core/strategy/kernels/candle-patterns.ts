import { FALSE, TRUE, UNKNOWN } from './conditions';

/**
 * The last three candles, newest first (o, h, l, c = this bar; o1.. = the previous; o2.. = the one
 * before). A missing value restarts the window, as windowed kernels do. Each pattern is a plain
 * function of the window, called directly by its batch loop and its streaming step.
 */
export class CandleWindow {
  o = NaN;
  h = NaN;
  l = NaN;
  c = NaN;
  o1 = NaN;
  c1 = NaN;
  o2 = NaN;
  c2 = NaN;
  /** Consecutive complete candles seen, capped at 3. */
  count = 0;

  push(open: number, high: number, low: number, close: number): void {
    if (open !== open || high !== high || low !== low || close !== close) {
      this.count = 0;
      return;
    }
    this.o2 = this.o1;
    this.c2 = this.c1;
    this.o1 = this.o;
    this.c1 = this.c;
    this.o = open;
    this.h = high;
    this.l = low;
    this.c = close;
    if (this.count < 3) this.count++;
  }
}

/** Shadows at most this share of the range count as "little or none". */
const SMALL_SHADOW = 0.1;

export function bullishEngulfing(w: CandleWindow): number {
  if (w.count < 2) return UNKNOWN;
  return w.c1 < w.o1 && w.c > w.o && w.o <= w.c1 && w.c >= w.o1 && w.c - w.o > w.o1 - w.c1 ? TRUE : FALSE;
}

export function bearishEngulfing(w: CandleWindow): number {
  if (w.count < 2) return UNKNOWN;
  return w.c1 > w.o1 && w.c < w.o && w.o >= w.c1 && w.c <= w.o1 && w.o - w.c > w.c1 - w.o1 ? TRUE : FALSE;
}

export function hammer(w: CandleWindow): number {
  if (w.count < 1) return UNKNOWN;
  const range = w.h - w.l;
  const body = Math.abs(w.c - w.o);
  const lowerShadow = Math.min(w.o, w.c) - w.l;
  const upperShadow = w.h - Math.max(w.o, w.c);
  return range > 0 && lowerShadow >= 2 * body && upperShadow <= SMALL_SHADOW * range ? TRUE : FALSE;
}

export function invertedHammer(w: CandleWindow): number {
  if (w.count < 1) return UNKNOWN;
  const range = w.h - w.l;
  const body = Math.abs(w.c - w.o);
  const lowerShadow = Math.min(w.o, w.c) - w.l;
  const upperShadow = w.h - Math.max(w.o, w.c);
  return range > 0 && upperShadow >= 2 * body && lowerShadow <= SMALL_SHADOW * range ? TRUE : FALSE;
}

export function doji(w: CandleWindow, bodyPercent: number): number {
  if (w.count < 1) return UNKNOWN;
  return Math.abs(w.c - w.o) <= (bodyPercent / 100) * (w.h - w.l) ? TRUE : FALSE;
}

export function morningStar(w: CandleWindow): number {
  if (w.count < 3) return UNKNOWN;
  const firstBody = w.o2 - w.c2;
  return firstBody > 0 && Math.abs(w.c1 - w.o1) <= firstBody / 3 && Math.max(w.o1, w.c1) <= w.c2 && w.c > w.o && w.c > (w.o2 + w.c2) / 2
    ? TRUE
    : FALSE;
}

export function eveningStar(w: CandleWindow): number {
  if (w.count < 3) return UNKNOWN;
  const firstBody = w.c2 - w.o2;
  return firstBody > 0 && Math.abs(w.c1 - w.o1) <= firstBody / 3 && Math.min(w.o1, w.c1) >= w.c2 && w.c < w.o && w.c < (w.o2 + w.c2) / 2
    ? TRUE
    : FALSE;
}

type Ohlc = { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array };

// One loop per pattern (not one loop taking the pattern as a parameter), so each call inlines.
export function bullishEngulfingSeries(c: Ohlc, out: Uint8Array, n: number): void {
  const w = new CandleWindow();
  for (let i = 0; i < n; i++) {
    w.push(c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!);
    out[i] = bullishEngulfing(w);
  }
}

export function bearishEngulfingSeries(c: Ohlc, out: Uint8Array, n: number): void {
  const w = new CandleWindow();
  for (let i = 0; i < n; i++) {
    w.push(c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!);
    out[i] = bearishEngulfing(w);
  }
}

export function hammerSeries(c: Ohlc, out: Uint8Array, n: number): void {
  const w = new CandleWindow();
  for (let i = 0; i < n; i++) {
    w.push(c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!);
    out[i] = hammer(w);
  }
}

export function invertedHammerSeries(c: Ohlc, out: Uint8Array, n: number): void {
  const w = new CandleWindow();
  for (let i = 0; i < n; i++) {
    w.push(c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!);
    out[i] = invertedHammer(w);
  }
}

export function dojiSeries(c: Ohlc, bodyPercent: number, out: Uint8Array, n: number): void {
  const w = new CandleWindow();
  for (let i = 0; i < n; i++) {
    w.push(c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!);
    out[i] = doji(w, bodyPercent);
  }
}

export function morningStarSeries(c: Ohlc, out: Uint8Array, n: number): void {
  const w = new CandleWindow();
  for (let i = 0; i < n; i++) {
    w.push(c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!);
    out[i] = morningStar(w);
  }
}

export function eveningStarSeries(c: Ohlc, out: Uint8Array, n: number): void {
  const w = new CandleWindow();
  for (let i = 0; i < n; i++) {
    w.push(c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!);
    out[i] = eveningStar(w);
  }
}
