/**
 * Walk-forward models (issue #15 item 11), on seeded synthetic bars with a weak edge so the trees
 * have something to split on. The tree ensemble is XGBoost (histogram method, WebAssembly):
 * - training 100 trees on 50,000 rows × 20 features (< 10 s), against the logistic model fitted on
 *   2,000 of the same rows (ml-logistic-regression is far slower per row than the trees);
 * - a walk-forward run over 100,000 bars with 5,000-row windows retrained every 5,000 bars
 *   (< 60 s) through the kernel the Model block runs in backtests, against fitting the same
 *   windows' models directly (what the kernel's bookkeeping adds on top);
 * - inference per bar in a live bot (< 0.05 ms) with the default boosted trees (100 trees, depth
 *   6): the kernel's `next` on a bar that does not retrain, against the model's bare `predict`;
 * - XGBoost's WebAssembly heap over 100 retrains: the growth between window 10 and window 100
 *   (every window's booster freed when the next replaces it: it stays flat) and the boosters alive.
 * The random forest (ml-random-forest) is not measured at these sizes: its split search re-scores
 * every row per threshold, quadratic in a node's rows (one tree on 4,000 rows × 20 took 15.5 s).
 * The load average is printed before and after, as the figures depend on it (2 shared cores).
 */
import os from 'node:os';
import type { ModelSpec } from '../shared/ml/model-spec';
import { labelColumn } from '../electron/core/ml/labels';
import { fitModel } from '../electron/core/ml/models/fit';
import { applyZScore, fitZScore } from '../electron/core/ml/normaliser';
import { noiseColumn, spec as modelSpec, syntheticCandles } from '../electron/core/ml/test-support/synthetic';
import { loadXGBoost, type XGBoostRuntime } from '../electron/core/ml/models/xgboost-wasm';
import { WalkForwardKernel } from '../electron/core/ml/walk-forward/kernel';
import { planWindows } from '../electron/core/ml/walk-forward/windows';
import { versusBaseline, type BenchFigure } from './bench-kit';

const FEATURES = 20;
const TRAIN_ROWS = 50_000;
const LOGISTIC_ROWS = 2_000;
const WALK_BARS = 100_000;
const RETRAIN_EVERY = 5_000;
const WALK_TRAIN_BARS = 5_000;
const LIVE_BARS = 4_000;
/** Heap figure: 100 windows of 500 rows over 100,500 bars. */
const HEAP_WINDOWS = 100;
const HEAP_TRAIN_BARS = 500;
const HEAP_TEST_BARS = 1_000;

/** Feature 0 leads the next move (the edge), the others are seeded noise. */
function dataset(n: number, seed: number, features = FEATURES) {
  const lead = noiseColumn(n, seed);
  const candles = syntheticCandles(n, seed + 1, (t) => lead[t]!);
  const columns = [lead, ...Array.from({ length: features - 1 }, (_, j) => noiseColumn(n, seed + 2 + j))];
  return { candles, columns };
}

function rowsOf(columns: Float64Array[], from: number, to: number): Float64Array[] {
  const rows: Float64Array[] = [];
  for (let t = from; t < to; t++) rows.push(Float64Array.from(columns, (c) => c[t]!));
  return rows;
}

/** The app's default boosted trees (100 trees, depth 6, eta 0.1, 80 % rows and features). */
function boostedSpec(trainBars: number, testBars: number): ModelSpec {
  return modelSpec({ kind: 'xgboostClassifier', windows: { trainBars, testBars, purgeBars: 1 }, xgboost: {} });
}

function loadFigure(when: string): BenchFigure {
  return {
    name: `ml.load-average.1-min.${when}`,
    value: Number(os.loadavg()[0]!.toFixed(2)),
    unit: 'load',
    target: `${os.cpus().length} cores`,
  };
}

function trainFigure(): BenchFigure {
  const { candles, columns } = dataset(TRAIN_ROWS + 1, 11);
  const spec = boostedSpec(TRAIN_ROWS, 1);
  const labels = Array.from(labelColumn(candles.close, spec.label).subarray(0, TRAIN_ROWS));
  const rows = rowsOf(columns, 0, TRAIN_ROWS);
  const zscore = fitZScore(rows, FEATURES);
  for (const r of rows) applyZScore(zscore, r, r);

  const start = performance.now();
  fitModel(spec, rows, labels, spec.seed).dispose?.();
  const trainMs = performance.now() - start;

  // ml-logistic-regression steps over ml-matrix products: 50k rows took 5 minutes at load 21, so
  // the baseline fits 1/25 of the rows (its time is linear in them).
  const logistic = modelSpec({ kind: 'logistic', windows: spec.windows });
  const logisticStart = performance.now();
  fitModel(logistic, rows.slice(0, LOGISTIC_ROWS), labels.slice(0, LOGISTIC_ROWS), spec.seed);
  const logisticMs = performance.now() - logisticStart;
  return versusBaseline(
    `ml.xgboost.train.50k×${FEATURES}.100-trees`,
    trainMs,
    logisticMs,
    `<10000 ms (baseline: the logistic model, 400 steps, on the first ${LOGISTIC_ROWS} of the rows)`,
  );
}

function walkForwardFigure(): BenchFigure {
  const { candles, columns } = dataset(WALK_BARS, 23);
  const spec = boostedSpec(WALK_TRAIN_BARS, RETRAIN_EVERY);

  const row = new Float64Array(FEATURES);
  const start = performance.now();
  const kernel = new WalkForwardKernel(spec, FEATURES);
  for (let t = 0; t < WALK_BARS; t++) {
    for (let j = 0; j < FEATURES; j++) row[j] = columns[j]![t]!;
    kernel.next(row, candles.close[t]!);
  }
  kernel.dispose();
  const walkMs = performance.now() - start;

  // The same windows' models fitted directly on their rows (labels known at each retrain).
  const labels = labelColumn(candles.close, spec.label);
  const fitStart = performance.now();
  for (const w of planWindows(spec.windows, WALK_BARS)) {
    const rows = rowsOf(columns, w.trainStart, w.trainEnd);
    const zscore = fitZScore(rows, FEATURES);
    for (const r of rows) applyZScore(zscore, r, r);
    fitModel(spec, rows, Array.from(labels.subarray(w.trainStart, w.trainEnd)), spec.seed + w.index).dispose?.();
  }
  const fitMs = performance.now() - fitStart;
  return versusBaseline(
    `ml.xgboost.walk-forward.100k-bars.retrain-5k.train-5k.${FEATURES}-features`,
    walkMs,
    fitMs,
    '<60000 ms (baseline: fitting the same windows directly, no kernel)',
  );
}

function inferenceFigure(): BenchFigure {
  const train = 5_000;
  const n = train + 1 + LIVE_BARS;
  const { candles, columns } = dataset(n, 37);
  // One window covers every live bar: each `next` after the retrain is a plain prediction.
  const spec = boostedSpec(train, LIVE_BARS);
  const kernel = new WalkForwardKernel(spec, FEATURES);
  const row = new Float64Array(FEATURES);
  const feed = (t: number) => {
    for (let j = 0; j < FEATURES; j++) row[j] = columns[j]![t]!;
    return kernel.next(row, candles.close[t]!);
  };
  for (let t = 0; t <= train + 1; t++) feed(t); // trains at bar train + 1
  const held = kernel.model!;

  const start = performance.now();
  for (let t = train + 2; t < n; t++) feed(t);
  const perBarMs = (performance.now() - start) / (n - train - 2);

  const scaled = rowsOf(columns, train + 2, n).map((r) => applyZScore(held.zscore!, r));
  const bareStart = performance.now();
  for (const r of scaled) held.model!.predict(r);
  const bareMs = (performance.now() - bareStart) / scaled.length;
  kernel.dispose();
  return versusBaseline(
    `ml.xgboost.live.per-bar.${FEATURES}-features`,
    perBarMs,
    bareMs,
    "<0.05 ms per bar (baseline: the trained model's bare predict)",
  );
}

/** 100 retrains through the kernel: the wasm heap's growth after window 10, and the boosters left alive. */
function heapFigures(runtime: XGBoostRuntime): BenchFigure[] {
  const features = 5;
  const bars = HEAP_TRAIN_BARS + 1 + HEAP_WINDOWS * HEAP_TEST_BARS;
  const { candles, columns } = dataset(bars, 51, features);
  const spec = modelSpec({
    kind: 'xgboostClassifier',
    windows: { trainBars: HEAP_TRAIN_BARS, testBars: HEAP_TEST_BARS, purgeBars: 1 },
    xgboost: { trees: 30 },
  });
  const aliveBefore = runtime.liveBoosters();
  let windows = 0;
  let afterTen = 0;
  const kernel = new WalkForwardKernel(spec, features, {
    onRetrain: () => {
      if (++windows === 10) afterTen = runtime.heapTop();
    },
  });
  const row = new Float64Array(features);
  for (let t = 0; t < bars; t++) {
    for (let j = 0; j < features; j++) row[j] = columns[j]![t]!;
    kernel.next(row, candles.close[t]!);
  }
  const grown = runtime.heapTop() - afterTen;
  const aliveAtEnd = runtime.liveBoosters() - aliveBefore;
  kernel.dispose();
  return [
    { name: `ml.xgboost.wasm-heap.growth-window-10-to-${windows}`, value: grown, unit: 'bytes', target: '0 (no leak across retrains)' },
    { name: `ml.xgboost.boosters-alive.after-${windows}-windows`, value: aliveAtEnd, unit: 'boosters', target: '1 (the model in force)' },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  const runtime = await loadXGBoost();
  const before = loadFigure('before');
  const figures = [trainFigure(), walkForwardFigure(), inferenceFigure(), ...heapFigures(runtime)];
  return [before, ...figures, loadFigure('after')];
}
