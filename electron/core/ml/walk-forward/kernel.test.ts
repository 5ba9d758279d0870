/**
 * The walk-forward kernel: no look-ahead (a seeded property test: changing any bar after t never
 * changes a prediction at or before t), the purge and training window exact, and determinism.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../kit/seeded-random';
import { noiseColumn, spec, syntheticCandles } from '../test-support/synthetic';
import { REGRESSOR_KINDS, type ModelSpec } from '../../../../shared/ml/model-spec';
import { loadXGBoost } from '../models/xgboost-wasm';
import { WalkForwardKernel, type WindowModel } from './kernel';

await loadXGBoost();

function run(s: ModelSpec, columns: Float64Array[], close: Float64Array, onRetrain?: (w: WindowModel) => void): Float64Array {
  const kernel = new WalkForwardKernel(s, columns.length, { onRetrain });
  const out = new Float64Array(close.length);
  const row = new Float64Array(columns.length);
  for (let t = 0; t < close.length; t++) {
    columns.forEach((c, j) => (row[j] = c[t]!));
    out[t] = kernel.next(row, close[t]!);
  }
  return out;
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>, end: number) => {
  for (let i = 0; i < end; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};

describe('walk-forward kernel', () => {
  it('changing any bar after t never changes a prediction at or before t (every model kind, random specs)', () => {
    const random = seededRandom(20261206);
    const kinds = [
      'xgboostClassifier',
      'xgboostRegressor',
      'randomForestClassifier',
      'randomForestRegressor',
      'logistic',
      'linear',
    ] as const;
    for (let trial = 0; trial < 18; trial++) {
      const kind = kinds[trial % kinds.length]!;
      const horizon = 1 + Math.floor(random() * 4);
      const s = spec({
        kind,
        label: {
          kind: REGRESSOR_KINDS.includes(kind) ? 'forwardReturn' : trial % 3 === 0 ? 'aboveThreshold' : 'direction',
          horizon,
          thresholdPct: 0.2,
        },
        windows: {
          trainBars: 40 + Math.floor(random() * 40),
          testBars: horizon + Math.floor(random() * 15),
          purgeBars: horizon + Math.floor(random() * 3),
        },
        lags: Math.floor(random() * 3),
        seed: trial,
        forest: { trees: 3, maxDepth: 3 },
        xgboost: { trees: 8, maxDepth: 3, subsample: 0.8, featureShare: 0.8 },
        logistic: { steps: 30 },
      });
      const n = 260;
      const candles = syntheticCandles(n, trial, (t) => Math.sin(t / 5));
      const columns = [noiseColumn(n, trial + 1), Float64Array.from(candles.close, (c, t) => Math.sin(t / 5) + c / 1000)];
      const base = run(s, columns, candles.close);
      const t = Math.floor(random() * (n - 1));
      // Rewrite everything after t: features and closes.
      const close2 = Float64Array.from(candles.close, (c, i) => (i > t ? c * (0.5 + random()) : c));
      const columns2 = columns.map((c) => Float64Array.from(c, (v, i) => (i > t ? random() * 10 - 5 : v)));
      const changed = run(s, columns2, close2);
      expect(same(base, changed, t + 1), `trial ${trial} (${kind}, horizon ${horizon}, t ${t})`).toBe(true);
    }
  });

  it('trains each window on exactly its rows: the last label read is the bar before the first predicted bar', () => {
    const s = spec({
      kind: 'linear',
      label: { kind: 'forwardReturn', horizon: 3 },
      windows: { trainBars: 60, testBars: 10, purgeBars: 3 },
    });
    const n = 120;
    const candles = syntheticCandles(n, 5);
    const columns = [noiseColumn(n, 6), noiseColumn(n, 7)];
    const seen: WindowModel[] = [];
    const base = run(s, columns, candles.close, (w) => seen.push(w));
    // Window 0: rows 0..59, first prediction at 63; every row has features and a label.
    expect(seen[0]!.window).toEqual({ index: 0, trainStart: 0, trainEnd: 60, testStart: 63, testEnd: 73 });
    expect(seen.map((w) => w.rows)).toEqual(seen.map(() => 60));
    expect(Number.isNaN(base[62]!)).toBe(true);
    expect(Number.isFinite(base[63]!)).toBe(true);
    // Row 59's label reads close 62: moving it changes window 0's model, so the prediction at 63.
    const moved = Float64Array.from(candles.close, (c, i) => (i === 62 ? c * 1.2 : c));
    const after = run(s, columns, moved);
    expect(after[63]).not.toBe(base[63]);
    // Window 1 (first bar 73) trains on rows 10..69, whose labels read closes up to 72.
    const moved2 = Float64Array.from(candles.close, (c, i) => (i === 72 ? c * 1.2 : c));
    const after2 = run(s, columns, moved2);
    expect(same(after2, base, 73)).toBe(true);
    expect(after2[73]).not.toBe(base[73]);
  });

  it('gives the same model and predictions for the same seed, and another forest for another seed', () => {
    const n = 400;
    const candles = syntheticCandles(n, 11, (t) => Math.sin(t / 3));
    const columns = [noiseColumn(n, 12), Float64Array.from({ length: n }, (_, t) => Math.sin(t / 3))];
    const models = (seed: number) => {
      const kept: unknown[] = [];
      const predictions = run(
        spec({ kind: 'randomForestClassifier', seed, forest: { trees: 5, maxDepth: 4, featureShare: 0.5 } }),
        columns,
        candles.close,
        (w) => kept.push(w.model!.toJSON()),
      );
      return { predictions, kept };
    };
    const a = models(1);
    const b = models(1);
    const c = models(2);
    expect(Array.from(b.predictions)).toEqual(Array.from(a.predictions));
    expect(JSON.stringify(b.kept)).toBe(JSON.stringify(a.kept));
    expect(JSON.stringify(c.kept)).not.toBe(JSON.stringify(a.kept));
  });

  it('gives the same boosted trees for the same seed with row and feature sampling, and other trees for another seed', () => {
    const n = 400;
    const candles = syntheticCandles(n, 11, (t) => Math.sin(t / 3));
    const columns = [noiseColumn(n, 12), Float64Array.from({ length: n }, (_, t) => Math.sin(t / 3)), noiseColumn(n, 13)];
    const models = (seed: number) => {
      const kept: unknown[] = [];
      const predictions = run(
        spec({ kind: 'xgboostClassifier', seed, xgboost: { trees: 20, maxDepth: 4, subsample: 0.7, featureShare: 0.6 } }),
        columns,
        candles.close,
        (w) => kept.push(w.model!.toJSON()),
      );
      return { predictions, kept };
    };
    const a = models(1);
    const b = models(1);
    const c = models(2);
    expect(a.kept.length).toBeGreaterThan(2);
    expect(Array.from(b.predictions)).toEqual(Array.from(a.predictions));
    expect(JSON.stringify(b.kept)).toBe(JSON.stringify(a.kept));
    expect(JSON.stringify(c.kept)).not.toBe(JSON.stringify(a.kept));
    expect(Array.from(c.predictions)).not.toEqual(Array.from(a.predictions));
  });
});
