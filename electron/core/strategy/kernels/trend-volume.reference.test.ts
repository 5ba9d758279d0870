/**
 * The trend, channel and volume kernels against deliberately plain references (textbook
 * formulas, fresh loops per bar, Wilder's running sums where he used them) on real market data:
 * values agree to 1e-9 relative and warm-up bars are empty in exactly the same places. Ichimoku
 * is also checked for look-ahead: rewriting the bars after t never changes its outputs at t.
 */
import { describe, expect, it } from 'vitest';
import { realCandles, type RealDataName } from '../test-support/real-candles';
import type { CandleColumns } from '../candle-columns';
import { cciSeries } from './cci';
import { donchianSeries, keltnerSeries, williamsRSeries } from './channels';
import { adxSeries } from './directional';
import { ichimokuSeries } from './ichimoku';
import { parabolicSarSeries } from './parabolic-sar';
import { superTrendSeries } from './supertrend';
import { mfiSeries, obvSeries } from './volume-flow';

type Series = ArrayLike<number>;

// ---------- reference implementations ----------

function trueRange(h: Series, l: Series, c: Series, i: number): number {
  return Math.max(h[i]! - l[i]!, Math.abs(h[i]! - c[i - 1]!), Math.abs(l[i]! - c[i - 1]!));
}

function refAtr(h: Series, l: Series, c: Series, n: number): number[] {
  const out: number[] = [NaN];
  let atr = 0;
  for (let i = 1; i < c.length; i++) {
    const tr = trueRange(h, l, c, i);
    if (i < n) {
      atr += tr;
      out.push(NaN);
    } else {
      atr = i === n ? (atr + tr) / n : (atr * (n - 1) + tr) / n;
      out.push(atr);
    }
  }
  return out;
}

function refEma(x: Series, n: number): number[] {
  const out: number[] = [];
  let prev = NaN;
  for (let i = 0; i < x.length; i++) {
    if (i < n - 1) out.push(NaN);
    else if (i === n - 1) {
      let s = 0;
      for (let j = 0; j < n; j++) s += x[j]!;
      prev = s / n;
      out.push(prev);
    } else {
      prev = (2 / (n + 1)) * x[i]! + (1 - 2 / (n + 1)) * prev;
      out.push(prev);
    }
  }
  return out;
}

function windowMax(x: Series, from: number, to: number): number {
  let m = -Infinity;
  for (let j = from; j <= to; j++) m = Math.max(m, x[j]!);
  return m;
}

function windowMin(x: Series, from: number, to: number): number {
  let m = Infinity;
  for (let j = from; j <= to; j++) m = Math.min(m, x[j]!);
  return m;
}

/** Wilder (New Concepts, 1978): 14-period running sums TR14, +DM14, −DM14; ADX = smoothed DX. */
function refAdx(h: Series, l: Series, c: Series, n: number) {
  const adx: number[] = [NaN];
  const plusDi: number[] = [NaN];
  const minusDi: number[] = [NaN];
  let tr14 = 0;
  let plus14 = 0;
  let minus14 = 0;
  const dxs: number[] = [];
  let adxPrev = NaN;
  for (let i = 1; i < c.length; i++) {
    const up = h[i]! - h[i - 1]!;
    const down = l[i - 1]! - l[i]!;
    const plusDm = up > down && up > 0 ? up : 0;
    const minusDm = down > up && down > 0 ? down : 0;
    const tr = trueRange(h, l, c, i);
    if (i <= n) {
      tr14 += tr;
      plus14 += plusDm;
      minus14 += minusDm;
    } else {
      tr14 = tr14 - tr14 / n + tr;
      plus14 = plus14 - plus14 / n + plusDm;
      minus14 = minus14 - minus14 / n + minusDm;
    }
    if (i < n) {
      adx.push(NaN);
      plusDi.push(NaN);
      minusDi.push(NaN);
      continue;
    }
    const p = tr14 === 0 ? 0 : (100 * plus14) / tr14;
    const m = tr14 === 0 ? 0 : (100 * minus14) / tr14;
    plusDi.push(p);
    minusDi.push(m);
    dxs.push(p + m === 0 ? 0 : (100 * Math.abs(p - m)) / (p + m));
    if (dxs.length < n) adx.push(NaN);
    else {
      adxPrev = dxs.length === n ? dxs.reduce((a, b) => a + b, 0) / n : (adxPrev * (n - 1) + dxs[dxs.length - 1]!) / n;
      adx.push(adxPrev);
    }
  }
  return { adx, plusDi, minusDi };
}

/** Wilder's SAR, written from the rules: trend from bar 1's close, SAR bounded by the two prior bars' range. */
function refSar(h: Series, l: Series, c: Series, step: number, max: number): number[] {
  const out: number[] = [NaN];
  let long = c[1]! >= c[0]!;
  let ep = long ? Math.max(h[0]!, h[1]!) : Math.min(l[0]!, l[1]!);
  let sar = long ? Math.min(l[0]!, l[1]!) : Math.max(h[0]!, h[1]!);
  let af = step;
  out.push(sar);
  for (let i = 2; i < c.length; i++) {
    let next = sar + af * (ep - sar);
    if (long) {
      next = Math.min(next, l[i - 1]!, l[i - 2]!);
      if (l[i]! < next) {
        long = false;
        next = Math.max(ep, h[i]!);
        ep = l[i]!;
        af = step;
      } else if (h[i]! > ep) {
        ep = h[i]!;
        af = Math.min(af + step, max);
      }
    } else {
      next = Math.max(next, h[i - 1]!, h[i - 2]!);
      if (h[i]! > next) {
        long = true;
        next = Math.min(ep, l[i]!);
        ep = h[i]!;
        af = step;
      } else if (l[i]! < ep) {
        ep = l[i]!;
        af = Math.min(af + step, max);
      }
    }
    sar = next;
    out.push(sar);
  }
  return out;
}

function refMidpoint(h: Series, l: Series, n: number, i: number): number {
  return i < n - 1 ? NaN : (windowMax(h, i - n + 1, i) + windowMin(l, i - n + 1, i)) / 2;
}

/** Senkou spans as a chart shows them at bar i: computed on bar i − displacement. */
function refIchimoku(h: Series, l: Series, p: { tenkan: number; kijun: number; senkou: number; displacement: number }) {
  const tenkan: number[] = [];
  const kijun: number[] = [];
  const spanA: number[] = [];
  const spanB: number[] = [];
  for (let i = 0; i < h.length; i++) {
    tenkan.push(refMidpoint(h, l, p.tenkan, i));
    kijun.push(refMidpoint(h, l, p.kijun, i));
    const s = i - p.displacement;
    spanA.push(s < 0 ? NaN : (refMidpoint(h, l, p.tenkan, s) + refMidpoint(h, l, p.kijun, s)) / 2);
    spanB.push(s < 0 ? NaN : refMidpoint(h, l, p.senkou, s));
  }
  return { tenkan, kijun, spanA, spanB };
}

/** TradingView's `ta.supertrend` (its Pine source), direction +1 = up. */
function refSuperTrend(h: Series, l: Series, c: Series, period: number, factor: number) {
  const atr = refAtr(h, l, c, period);
  const value: number[] = [];
  const direction: number[] = [];
  let upperPrev = NaN;
  let lowerPrev = NaN;
  let stPrev = NaN;
  for (let i = 0; i < c.length; i++) {
    if (Number.isNaN(atr[i]!)) {
      value.push(NaN);
      direction.push(NaN);
      continue;
    }
    const src = (h[i]! + l[i]!) / 2;
    let upper = src + factor * atr[i]!;
    let lower = src - factor * atr[i]!;
    if (!Number.isNaN(lowerPrev)) {
      lower = lower > lowerPrev || c[i - 1]! < lowerPrev ? lower : lowerPrev;
      upper = upper < upperPrev || c[i - 1]! > upperPrev ? upper : upperPrev;
    }
    let dir: number;
    if (Number.isNaN(stPrev)) dir = -1;
    else if (stPrev === upperPrev) dir = c[i]! > upper ? 1 : -1;
    else dir = c[i]! < lower ? -1 : 1;
    const st = dir === 1 ? lower : upper;
    value.push(st);
    direction.push(dir);
    upperPrev = upper;
    lowerPrev = lower;
    stPrev = st;
  }
  return { value, direction };
}

function refObv(c: Series, v: Series): number[] {
  const out = [0];
  for (let i = 1; i < c.length; i++) out.push(out[i - 1]! + (c[i]! > c[i - 1]! ? v[i]! : c[i]! < c[i - 1]! ? -v[i]! : 0));
  return out;
}

function refMfi(h: Series, l: Series, c: Series, v: Series, n: number): number[] {
  const tp = Array.from({ length: c.length }, (_, i) => (h[i]! + l[i]! + c[i]!) / 3);
  const out: number[] = [];
  for (let i = 0; i < c.length; i++) {
    if (i < n) {
      out.push(NaN);
      continue;
    }
    let pos = 0;
    let neg = 0;
    for (let j = i - n + 1; j <= i; j++) {
      if (tp[j]! > tp[j - 1]!) pos += tp[j]! * v[j]!;
      else if (tp[j]! < tp[j - 1]!) neg += tp[j]! * v[j]!;
    }
    out.push(pos + neg === 0 ? 50 : 100 - 100 / (1 + pos / neg));
  }
  return out;
}

function refCci(h: Series, l: Series, c: Series, n: number): number[] {
  const tp = Array.from({ length: c.length }, (_, i) => (h[i]! + l[i]! + c[i]!) / 3);
  const out: number[] = [];
  for (let i = 0; i < c.length; i++) {
    if (i < n - 1) {
      out.push(NaN);
      continue;
    }
    const w = tp.slice(i - n + 1, i + 1);
    const mean = w.reduce((a, b) => a + b, 0) / n;
    const md = w.reduce((a, x) => a + Math.abs(x - mean), 0) / n;
    out.push(md === 0 ? 0 : (tp[i]! - mean) / (0.015 * md));
  }
  return out;
}

function refWilliamsR(h: Series, l: Series, c: Series, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < c.length; i++) {
    if (i < n - 1) {
      out.push(NaN);
      continue;
    }
    const hh = windowMax(h, i - n + 1, i);
    const ll = windowMin(l, i - n + 1, i);
    out.push(hh === ll ? -50 : ((hh - c[i]!) / (hh - ll)) * -100);
  }
  return out;
}

// ---------- comparison ----------

function expectMatches(actual: Series, reference: readonly number[], scale = 0): void {
  expect(actual.length).toBe(reference.length);
  for (let i = 0; i < reference.length; i++) {
    const a = actual[i]!;
    const r = reference[i]!;
    if (Number.isNaN(r) || Number.isNaN(a)) {
      if (Number.isNaN(r) !== Number.isNaN(a)) expect.fail(`bar ${i}: kernel ${a}, reference ${r}`);
      continue;
    }
    const rel = Math.abs(a - r) / Math.max(Math.abs(r), scale, Number.MIN_VALUE);
    if (rel > 1e-9) expect.fail(`bar ${i}: kernel ${a}, reference ${r} (relative error ${rel})`);
  }
  expect(reference.some((r) => !Number.isNaN(r))).toBe(true);
}

const columns = (n: number, k: number) => Array.from({ length: k }, () => new Float64Array(n));

const DATASETS: RealDataName[] = ['btc1h', 'eth5m', 'xrpEth5m', 'adaBtc5m'];

describe.each(DATASETS)('trend, channel and volume kernels on real data: %s', (name) => {
  const c = realCandles(name);
  const n = c.length;
  const priceScale = c.close.reduce((a, b) => a + b, 0) / n;

  it.each([2, 14, 30])('ADX(%i) with +DI and −DI, Wilder', (p) => {
    const [adx, plusDi, minusDi] = columns(n, 3) as [Float64Array, Float64Array, Float64Array];
    adxSeries(c.high, c.low, c.close, p, { adx, plusDi, minusDi }, n);
    const ref = refAdx(c.high, c.low, c.close, p);
    expectMatches(adx, ref.adx, 1);
    expectMatches(plusDi, ref.plusDi, 1);
    expectMatches(minusDi, ref.minusDi, 1);
    expect(Number.isNaN(adx[2 * p - 2]!) && !Number.isNaN(adx[2 * p - 1]!)).toBe(true);
  });

  it.each([
    [0.02, 0.2],
    [0.01, 0.1],
  ])('Parabolic SAR(%f, %f)', (step, max) => {
    const out = new Float64Array(n);
    parabolicSarSeries(c.high, c.low, c.close, step, max, out, n);
    expectMatches(out, refSar(c.high, c.low, c.close, step, max));
  });

  it.each([
    [9, 26, 52, 26],
    [7, 22, 44, 1],
  ])('Ichimoku(%i, %i, %i, displaced %i)', (tenkan, kijun, senkou, displacement) => {
    const [t, k, a, b] = columns(n, 4) as [Float64Array, Float64Array, Float64Array, Float64Array];
    const params = { tenkan, kijun, senkou, displacement };
    ichimokuSeries(c.high, c.low, params, { tenkan: t, kijun: k, spanA: a, spanB: b }, n);
    const ref = refIchimoku(c.high, c.low, params);
    expectMatches(t, ref.tenkan);
    expectMatches(k, ref.kijun);
    expectMatches(a, ref.spanA);
    expectMatches(b, ref.spanB);
  });

  it.each([
    [10, 3],
    [7, 1.5],
  ])('SuperTrend(%i, %f): line and direction', (period, multiplier) => {
    const [value, direction] = columns(n, 2) as [Float64Array, Float64Array];
    const up = new Uint8Array(n);
    superTrendSeries(c.high, c.low, c.close, { period, multiplier }, { value, direction, up }, n);
    const ref = refSuperTrend(c.high, c.low, c.close, period, multiplier);
    expectMatches(value, ref.value);
    expectMatches(direction, ref.direction);
    for (let i = 0; i < n; i++) expect(up[i]).toBe(Number.isNaN(ref.direction[i]!) ? 2 : ref.direction[i] === 1 ? 1 : 0);
    // Both trends occur, or the check says little.
    expect(new Set(ref.direction.filter((d) => !Number.isNaN(d)))).toEqual(new Set([1, -1]));
  });

  it('OBV', () => {
    const out = new Float64Array(n);
    obvSeries(c.close, c.volume, out, n);
    const volumeScale = c.volume.reduce((a, b) => a + b, 0);
    expectMatches(out, refObv(c.close, c.volume), volumeScale);
  });

  it.each([1, 14, 50])('MFI(%i)', (p) => {
    const out = new Float64Array(n);
    mfiSeries(c.high, c.low, c.close, c.volume, p, out, n);
    expectMatches(out, refMfi(c.high, c.low, c.close, c.volume, p), 1);
  });

  it.each([2, 20, 100])('CCI(%i)', (p) => {
    const out = new Float64Array(n);
    cciSeries(c.high, c.low, c.close, p, out, n);
    expectMatches(out, refCci(c.high, c.low, c.close, p), 1);
  });

  it.each([
    [20, 10, 2],
    [50, 14, 1.5],
  ])('Keltner(EMA %i, ATR %i, %f×)', (period, atrPeriod, multiplier) => {
    const [upper, middle, lower] = columns(n, 3) as [Float64Array, Float64Array, Float64Array];
    keltnerSeries(c.high, c.low, c.close, { period, atrPeriod, multiplier }, { upper, middle, lower }, n);
    const ema = refEma(c.close, period);
    const atr = refAtr(c.high, c.low, c.close, atrPeriod);
    expectMatches(middle, ema);
    expectMatches(
      upper,
      ema.map((e, i) => e + multiplier * atr[i]!),
    );
    expectMatches(
      lower,
      ema.map((e, i) => e - multiplier * atr[i]!),
      priceScale,
    );
  });

  it.each([1, 20, 300])('Donchian(%i)', (p) => {
    const [upper, middle, lower] = columns(n, 3) as [Float64Array, Float64Array, Float64Array];
    donchianSeries(c.high, c.low, p, { upper, middle, lower }, n);
    const hi = Array.from({ length: n }, (_, i) => (i < p - 1 ? NaN : windowMax(c.high, i - p + 1, i)));
    const lo = Array.from({ length: n }, (_, i) => (i < p - 1 ? NaN : windowMin(c.low, i - p + 1, i)));
    expectMatches(upper, hi);
    expectMatches(lower, lo);
    expectMatches(
      middle,
      hi.map((h, i) => (h + lo[i]!) / 2),
    );
  });

  it.each([1, 14, 60])('Williams %%R(%i)', (p) => {
    const out = new Float64Array(n);
    williamsRSeries(c.high, c.low, c.close, p, out, n);
    expectMatches(out, refWilliamsR(c.high, c.low, c.close, p), 1);
  });
});

/** A copy of the candles whose bars after `t` are replaced by seeded random prices. */
function rewrittenAfter(c: CandleColumns, t: number, seed: number): CandleColumns {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const copy = (a: Float64Array) => Float64Array.from(a);
  const out = { ...c, high: copy(c.high), low: copy(c.low), open: copy(c.open), close: copy(c.close), volume: copy(c.volume) };
  for (let i = t + 1; i < c.length; i++) {
    const mid = c.close[t]! * (0.5 + rnd());
    out.high[i] = mid * (1 + rnd() * 0.05);
    out.low[i] = mid * (1 - rnd() * 0.05);
  }
  return out;
}

describe('Ichimoku: no look-ahead', () => {
  it('rewriting every bar after t never changes any output at or before t', () => {
    const c = realCandles('btc1h');
    const n = c.length;
    const params = { tenkan: 9, kijun: 26, senkou: 52, displacement: 26 };
    const run = (cols: CandleColumns) => {
      const out = columns(n, 4) as [Float64Array, Float64Array, Float64Array, Float64Array];
      ichimokuSeries(cols.high, cols.low, params, { tenkan: out[0], kijun: out[1], spanA: out[2], spanB: out[3] }, n);
      return out;
    };
    const base = run(c);
    let changedLater = 0;
    for (const [k, t] of [60, 100, 1000, 2500, n - 30].entries()) {
      const other = run(rewrittenAfter(c, t, 7 + k));
      for (let s = 0; s < 4; s++) {
        for (let i = 0; i <= t; i++) {
          if (!Object.is(other[s]![i], base[s]![i])) expect.fail(`t ${t}, output ${s}, bar ${i}: ${base[s]![i]} became ${other[s]![i]}`);
        }
        // The rewrite does reach the bars after t (so the check above could have failed).
        for (let i = t + 1; i < n; i++) if (!Object.is(other[s]![i], base[s]![i])) changedLater++;
      }
    }
    expect(changedLater).toBeGreaterThan(0);
  });
});
