/**
 * Every indicator kernel against an independent, deliberately plain reference (textbook
 * formulas, fresh loops per bar, no running sums) on real market data: values agree to
 * 1e-9 relative, and warm-up bars are empty (NaN) in exactly the same places.
 */
import { describe, expect, it } from 'vitest';
import { realCandles, type RealDataName } from '../test-support/real-candles';
import { bollingerSeries } from './bollinger';
import { extremeSeries } from './extremes';
import { macdSeries } from './macd';
import { emaSeries, smaSeries, wmaSeries } from './moving-averages';
import { rocSeries } from './roc';
import { stochasticSeries } from './stochastic';
import { vwapSeries } from './vwap';
import { atrSeries, rsiSeries } from './wilder';

// ---------- reference implementations (plain loops, textbook definitions) ----------

function refSma(x: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (i < n - 1) {
      out.push(NaN);
      continue;
    }
    let s = 0;
    for (let j = i - n + 1; j <= i; j++) s += x[j]!;
    out.push(s / n);
  }
  return out;
}

/** EMA seeded with the SMA of the first n defined values; leading NaNs are skipped. */
function refEma(x: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  const alpha = 2 / (n + 1);
  const seed: number[] = [];
  let prev = NaN;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) {
      out.push(NaN);
      continue;
    }
    if (seed.length < n) {
      seed.push(v);
      if (seed.length === n) {
        prev = seed.reduce((a, b) => a + b, 0) / n;
        out.push(prev);
      } else {
        out.push(NaN);
      }
      continue;
    }
    prev = alpha * v + (1 - alpha) * prev;
    out.push(prev);
  }
  return out;
}

function refWma(x: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (i < n - 1) {
      out.push(NaN);
      continue;
    }
    let s = 0;
    for (let k = 0; k < n; k++) s += (k + 1) * x[i - n + 1 + k]!;
    out.push(s / ((n * (n + 1)) / 2));
  }
  return out;
}

/** Wilder: first averages are plain means of changes 1..n, then avg = (avg·(n−1) + x) / n. */
function refRsi(x: ArrayLike<number>, n: number): number[] {
  const out: number[] = [NaN];
  let avgGain = 0;
  let avgLoss = 0;
  for (let i = 1; i < x.length; i++) {
    const d = x[i]! - x[i - 1]!;
    const gain = Math.max(d, 0);
    const loss = Math.max(-d, 0);
    if (i < n) {
      avgGain += gain;
      avgLoss += loss;
      out.push(NaN);
      continue;
    }
    if (i === n) {
      avgGain = (avgGain + gain) / n;
      avgLoss = (avgLoss + loss) / n;
    } else {
      avgGain = (avgGain * (n - 1) + gain) / n;
      avgLoss = (avgLoss * (n - 1) + loss) / n;
    }
    if (avgLoss === 0) out.push(avgGain === 0 ? 50 : 100);
    else out.push(100 - 100 / (1 + avgGain / avgLoss));
  }
  return out;
}

function refAtr(h: ArrayLike<number>, l: ArrayLike<number>, c: ArrayLike<number>, n: number): number[] {
  const out: number[] = [NaN];
  let atr = 0;
  for (let i = 1; i < c.length; i++) {
    const tr = Math.max(h[i]! - l[i]!, Math.abs(h[i]! - c[i - 1]!), Math.abs(l[i]! - c[i - 1]!));
    if (i < n) {
      atr += tr;
      out.push(NaN);
    } else if (i === n) {
      atr = (atr + tr) / n;
      out.push(atr);
    } else {
      atr = (atr * (n - 1) + tr) / n;
      out.push(atr);
    }
  }
  return out;
}

function refBollinger(x: ArrayLike<number>, n: number, k: number) {
  const upper: number[] = [];
  const middle: number[] = [];
  const lower: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (i < n - 1) {
      upper.push(NaN);
      middle.push(NaN);
      lower.push(NaN);
      continue;
    }
    const w = Array.from({ length: n }, (_, j) => x[i - n + 1 + j]!);
    const mean = w.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(w.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
    upper.push(mean + k * sd);
    middle.push(mean);
    lower.push(mean - k * sd);
  }
  return { upper, middle, lower };
}

function refWindow(x: ArrayLike<number>, n: number, pick: (w: number[]) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    out.push(i < n - 1 ? NaN : pick(Array.from({ length: n }, (_, j) => x[i - n + 1 + j]!)));
  }
  return out;
}

/** SMA over the defined part of a series that starts with NaNs. */
function refSmaAfterWarmup(x: number[], n: number): number[] {
  const first = x.findIndex((v) => !Number.isNaN(v));
  if (first < 0) return x.map(() => NaN);
  return [...x.slice(0, first), ...refSma(x.slice(first), n)];
}

function refStochastic(h: ArrayLike<number>, l: ArrayLike<number>, c: ArrayLike<number>, n: number, smooth: number, signal: number) {
  const raw: number[] = [];
  for (let i = 0; i < c.length; i++) {
    if (i < n - 1) {
      raw.push(NaN);
      continue;
    }
    let hh = -Infinity;
    let ll = Infinity;
    for (let j = i - n + 1; j <= i; j++) {
      hh = Math.max(hh, h[j]!);
      ll = Math.min(ll, l[j]!);
    }
    raw.push(hh === ll ? 50 : (100 * (c[i]! - ll)) / (hh - ll));
  }
  const k = refSmaAfterWarmup(raw, smooth);
  return { k, d: refSmaAfterWarmup(k, signal) };
}

function refVwap(h: ArrayLike<number>, l: ArrayLike<number>, c: ArrayLike<number>, v: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < c.length; i++) {
    if (i < n - 1) {
      out.push(NaN);
      continue;
    }
    let pv = 0;
    let vol = 0;
    for (let j = i - n + 1; j <= i; j++) {
      pv += ((h[j]! + l[j]! + c[j]!) / 3) * v[j]!;
      vol += v[j]!;
    }
    out.push(vol === 0 ? NaN : pv / vol);
  }
  return out;
}

function refRoc(x: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) out.push(i < n || x[i - n] === 0 ? NaN : (100 * (x[i]! - x[i - n]!)) / x[i - n]!);
  return out;
}

// ---------- comparison ----------

/**
 * Relative error against max(|reference|, scale): `scale` is the magnitude of what the
 * indicator is made of, so a difference-type value near zero (MACD histogram) is judged
 * against the prices it was computed from rather than against 0.
 */
function expectMatches(actual: ArrayLike<number>, reference: readonly number[], scale = 0): void {
  expect(actual.length).toBe(reference.length);
  let worst = 0;
  for (let i = 0; i < reference.length; i++) {
    const a = actual[i]!;
    const r = reference[i]!;
    if (Number.isNaN(r) || Number.isNaN(a)) {
      if (Number.isNaN(r) !== Number.isNaN(a)) expect.fail(`bar ${i}: kernel ${a}, reference ${r}`);
      continue;
    }
    const rel = Math.abs(a - r) / Math.max(Math.abs(r), scale, Number.MIN_VALUE);
    if (rel > worst) worst = rel;
    if (rel > 1e-9) expect.fail(`bar ${i}: kernel ${a}, reference ${r} (relative error ${rel})`);
  }
  expect(worst).toBeLessThanOrEqual(1e-9);
  expect(reference.some((r) => !Number.isNaN(r))).toBe(true);
}

function run(fn: (out: Float64Array, n: number) => void, n: number): Float64Array {
  const out = new Float64Array(n);
  fn(out, n);
  return out;
}

const DATASETS: RealDataName[] = ['btc1h', 'eth5m', 'xrpEth5m', 'adaBtc5m'];

describe.each(DATASETS)('indicator kernels on real data: %s', (name) => {
  const c = realCandles(name);
  const n = c.length;
  const priceScale = c.close.reduce((a, b) => a + b, 0) / n;

  it.each([1, 2, 14, 50, 200])('SMA(%i)', (p) => {
    expectMatches(
      run((o, len) => smaSeries(c.close, p, o, len), n),
      refSma(c.close, p),
    );
  });

  it.each([1, 9, 26, 100])('EMA(%i), seeded with the SMA of the first N', (p) => {
    expectMatches(
      run((o, len) => emaSeries(c.close, p, o, len), n),
      refEma(c.close, p),
    );
  });

  it.each([1, 10, 60])('WMA(%i)', (p) => {
    expectMatches(
      run((o, len) => wmaSeries(c.close, p, o, len), n),
      refWma(c.close, p),
    );
  });

  it.each([2, 14, 30])("RSI(%i) with Wilder's smoothing", (p) => {
    expectMatches(
      run((o, len) => rsiSeries(c.close, p, o, len), n),
      refRsi(c.close, p),
      1,
    );
  });

  it('MACD(12, 26, 9): line, signal, histogram', () => {
    const out = { macd: new Float64Array(n), signal: new Float64Array(n), histogram: new Float64Array(n) };
    macdSeries(c.close, 12, 26, 9, out, n);
    const fast = refEma(c.close, 12);
    const slow = refEma(c.close, 26);
    const line = fast.map((f, i) => f - slow[i]!);
    const signal = refEma(line, 9);
    expectMatches(out.macd, line, priceScale);
    expectMatches(out.signal, signal, priceScale);
    expectMatches(
      out.histogram,
      line.map((v, i) => v - signal[i]!),
      priceScale,
    );
  });

  it.each([
    [20, 2],
    [50, 2.5],
  ])('Bollinger(%i, %f): upper, middle, lower', (p, k) => {
    const out = { upper: new Float64Array(n), middle: new Float64Array(n), lower: new Float64Array(n) };
    bollingerSeries(c.close, p, k, out, n);
    const ref = refBollinger(c.close, p, k);
    expectMatches(out.upper, ref.upper);
    expectMatches(out.middle, ref.middle);
    expectMatches(out.lower, ref.lower);
  });

  it.each([1, 14])("ATR(%i) with Wilder's smoothing", (p) => {
    expectMatches(
      run((o, len) => atrSeries(c.high, c.low, c.close, p, o, len), n),
      refAtr(c.high, c.low, c.close, p),
    );
  });

  it.each([
    [14, 3, 3],
    [5, 1, 3],
  ])('Stochastic(%i, %i, %i): %K and %D', (p, smoothing, signal) => {
    const out = { k: new Float64Array(n), d: new Float64Array(n) };
    stochasticSeries(c.high, c.low, c.close, { period: p, smoothing, signal }, out, n);
    const ref = refStochastic(c.high, c.low, c.close, p, smoothing, signal);
    expectMatches(out.k, ref.k, 1);
    expectMatches(out.d, ref.d, 1);
  });

  it.each([1, 20, 96])('VWAP(%i), rolling', (p) => {
    expectMatches(
      run((o, len) => vwapSeries(c.high, c.low, c.close, c.volume, p, o, len), n),
      refVwap(c.high, c.low, c.close, c.volume, p),
    );
  });

  it.each([1, 20, 300])('highest and lowest over %i bars', (p) => {
    expectMatches(
      run((o, len) => extremeSeries(c.high, p, true, o, len), n),
      refWindow(c.high, p, (w) => Math.max(...w)),
    );
    expectMatches(
      run((o, len) => extremeSeries(c.low, p, false, o, len), n),
      refWindow(c.low, p, (w) => Math.min(...w)),
    );
  });

  it.each([1, 10, 50])('rate of change over %i bars', (p) => {
    expectMatches(
      run((o, len) => rocSeries(c.close, p, o, len), n),
      refRoc(c.close, p),
      1,
    );
  });
});

describe('missing values inside a series', () => {
  it('a window that contains a missing value is empty, and the SMA restarts after it', () => {
    const c = realCandles('btc1h');
    const x = Float64Array.from(c.close.subarray(0, 400));
    x[100] = NaN;
    x[250] = NaN;
    const out = run((o, len) => smaSeries(x, 20, o, len), x.length);
    const ref = refSma(x, 20).map((v, i) => (Array.from({ length: 20 }, (_, j) => x[i - j]).some((y) => Number.isNaN(y)) ? NaN : v));
    expectMatches(out, ref);
    expect(Number.isNaN(out[119]!)).toBe(true);
    expect(Number.isNaN(out[120]!)).toBe(false);
  });

  it('VWAP is empty over a window without volume, not 0/0 or a rounding residue', () => {
    const h = Float64Array.from([2, 2, 2, 2, 2, 2]);
    const l = Float64Array.from([1, 1, 1, 1, 1, 1]);
    const c = Float64Array.from([1.5, 1.5, 1.5, 1.5, 1.5, 1.5]);
    const v = Float64Array.from([0.1, 0.2, 0.3, 0, 0, 0]);
    const out = run((o, len) => vwapSeries(h, l, c, v, 3, o, len), 6);
    expect(out[2]).toBeCloseTo(1.5, 12);
    expect(Number.isNaN(out[5]!)).toBe(true);
  });
});
