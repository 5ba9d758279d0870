/**
 * Offline walk-forward training: the out-of-sample report (a learnable signal beats the naive
 * baselines; noise does not and is flagged) and the refusals of bad input, which name the problem.
 */
import { describe, expect, it } from 'vitest';
import { ModelSpecSchema } from '../../../shared/ml/model-spec';
import { ModelInputError } from './errors';
import { noiseColumn, spec, syntheticCandles } from './test-support/synthetic';
import { trainWalkForward } from './train';
import { loadXGBoost } from './models/xgboost-wasm';

const xgboost = await loadXGBoost();

describe('walk-forward training', () => {
  const n = 700;

  it('scores a model that learns a real signal above both baselines, out of sample only', () => {
    // The feature says where the next bar goes (with noise): a classifier can learn it.
    const hint = noiseColumn(n, 3);
    const candles = syntheticCandles(n, 4, (t) => Math.sign(hint[t]!));
    const s = spec({ kind: 'randomForestClassifier', windows: { trainBars: 200, testBars: 100, purgeBars: 1 } });
    const { report, predictions, latest } = trainWalkForward(s, { names: ['hint', 'noise'], columns: [hint, noiseColumn(n, 5)] }, candles);
    expect(report.windows.map((w) => [w.trainStart, w.trainEnd, w.testStart, w.testEnd])).toEqual([
      [0, 200, 201, 301],
      [100, 300, 301, 401],
      [200, 400, 401, 501],
      [300, 500, 501, 601],
      [400, 600, 601, 700],
    ]);
    expect(predictions.slice(0, 201).every(Number.isNaN)).toBe(true);
    expect(report.overall.classification!.accuracy!).toBeGreaterThan(0.75);
    expect(report.overall.classification!.rocAuc!).toBeGreaterThan(0.8);
    expect(report.beatsBaseline).toBe(true);
    expect(report.baselineWarning).toBeNull();
    const importance = Object.fromEntries(report.importance.map((f) => [f.feature, f.importance]));
    expect(importance.hint).toBeGreaterThan(importance.noise!);
    // The next scheduled window (from bar 701) trains on what the data holds of its rows.
    expect(latest!.window).toMatchObject({ trainStart: 500, trainEnd: 700, testStart: 701 });
  });

  it('trains gradient-boosted trees walk-forward: the signal learnt out of sample, progress per round, every booster freed', () => {
    const hint = noiseColumn(n, 3);
    const candles = syntheticCandles(n, 4, (t) => Math.sign(hint[t]!));
    const s = spec({ kind: 'xgboostClassifier', windows: { trainBars: 200, testBars: 100, purgeBars: 1 }, xgboost: { trees: 40 } });
    const live = xgboost.liveBoosters();
    const fractions: number[] = [];
    const features = { names: ['hint', 'noise'], columns: [hint, noiseColumn(n, 5)] };
    const { report, latest } = trainWalkForward(s, features, candles, { onProgress: (f) => fractions.push(f) });
    expect(report.overall.classification!.accuracy!).toBeGreaterThan(0.75);
    expect(report.beatsBaseline).toBe(true);
    const importance = Object.fromEntries(report.importance.map((f) => [f.feature, f.importance]));
    expect(importance.hint).toBeGreaterThan(importance.noise!);
    expect(latest!.model).toMatchObject({ kind: 'xgboostClassifier', library: 'ml-xgboost@1.1.2' });
    // Five windows of 40 rounds in slices of 2: progress moves inside each window, never back.
    expect(fractions.length).toBeGreaterThan(5 * 10);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(xgboost.liveBoosters()).toBe(live);
    // Cancelled in the middle of a window's rounds: refused as cancelled, nothing left allocated.
    let rounds = 0;
    expect(() =>
      trainWalkForward(s, features, candles, {
        onProgress: () => rounds++,
        isCancelled: () => rounds > 30,
      }),
    ).toThrow('Model training was cancelled.');
    expect(xgboost.liveBoosters()).toBe(live);
  });

  it('flags a model that does no better than always predicting up', () => {
    const candles = syntheticCandles(n, 8, () => 0.6);
    const s = spec({ kind: 'logistic', windows: { trainBars: 200, testBars: 100, purgeBars: 1 } });
    const { report } = trainWalkForward(s, { names: ['noise'], columns: [noiseColumn(n, 9)] }, candles);
    expect(report.baselines.alwaysUp!).toBeGreaterThan(0.6);
    expect(report.beatsBaseline).toBe(false);
    expect(report.baselineWarning).toMatch(/no better than always predicting up/);
  });

  it('scores regressors with R² and direction accuracy', () => {
    const hint = noiseColumn(n, 13);
    const candles = syntheticCandles(n, 14, (t) => hint[t]!);
    const { report } = trainWalkForward(
      spec({ kind: 'linear', windows: { trainBars: 200, testBars: 100, purgeBars: 1 } }),
      { names: ['hint'], columns: [hint] },
      candles,
    );
    expect(report.overall.regression!.r2!).toBeGreaterThan(0.3);
    expect(report.overall.classification).toBeNull();
  });

  it('refuses bad input with the problem named', () => {
    const candles = syntheticCandles(300, 1);
    const ok = noiseColumn(300, 2);
    const s = spec({ kind: 'logistic', windows: { trainBars: 200, testBars: 100, purgeBars: 1 } });
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(ModelInputError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refused(() => trainWalkForward(s, { names: ['f'], columns: [ok] }, candles))).toMatch(
      /Too little history.*need 301 bars, and the data has 300/,
    );
    const big = syntheticCandles(400, 1);
    expect(refused(() => trainWalkForward(s, { names: ['flat'], columns: [new Float64Array(400).fill(3)] }, big))).toMatch(
      /Feature flat is constant/,
    );
    expect(refused(() => trainWalkForward(s, { names: ['empty'], columns: [new Float64Array(400).fill(NaN)] }, big))).toMatch(
      /Feature empty has no value/,
    );
    const late = Float64Array.from(noiseColumn(400, 3), (v, i) => (i < 190 ? NaN : v));
    expect(refused(() => trainWalkForward(s, { names: ['late'], columns: [late] }, big))).toMatch(
      /window 1 .* only 10 rows.*Mostly empty there \(NaN\): late/,
    );
    expect(refused(() => trainWalkForward({ ...s, kind: 'onnx' }, { names: ['f'], columns: [noiseColumn(400, 4)] }, big))).toMatch(
      /ONNX model is imported/,
    );
    const bad = ModelSpecSchema.safeParse({
      kind: 'logistic',
      label: { kind: 'direction', horizon: 20 },
      windows: { trainBars: 200, testBars: 10, purgeBars: 20 },
    });
    expect(bad.error!.issues[0]!.message).toMatch(/label horizon \(20 bars\) is longer than the test window \(10 bars\)/);
    const leaky = ModelSpecSchema.safeParse({
      kind: 'logistic',
      label: { kind: 'direction', horizon: 5 },
      windows: { trainBars: 200, testBars: 10, purgeBars: 2 },
    });
    expect(leaky.error!.issues[0]!.message).toMatch(/purge gap \(2 bars\) is shorter than the label horizon \(5 bars\)/);
  });
});
