/**
 * Walk-forward models (issue #15 item 11), on seeded synthetic bars with a weak edge so the trees
 * have something to split on:
 * - training the tree ensemble, against a plain loop that reads every value of the same rows once
 *   per tree (the least any ensemble of that size must do);
 * - a walk-forward run over 100,000 bars retraining every 5,000 through the kernel the Model block
 *   runs in backtests and live bots, against fitting the same windows' models directly (the
 *   library's own cost: what the kernel's bookkeeping adds on top);
 * - inference per bar in a live bot (< 0.05 ms) with the app's default forest (50 trees, depth 8):
 *   the kernel's `next` on a bar that does not retrain, against the trained model's bare `predict`.
 *
 * Why the training figures are measured below the issue's sizes (50,000 rows × 20 features in
 * < 10 s; 100,000 bars with 5,000-row windows in < 60 s): ml-random-forest's trees (ml-cart) search
 * every split with a pass over the node's rows per candidate threshold, so one tree's time grows
 * with the square of the rows — measured here, one tree on 20 features took 4.6 s on 2,000 rows and
 * 15.5 s on 4,000 (machine under load). At the issue's sizes a run would take hours, so the figures
 * are taken where they finish and named after what they measure; the names carry the sizes.
 */
import type { ModelSpec } from '../shared/ml/model-spec';
import { labelColumn } from '../electron/core/ml/labels';
import { fitModel } from '../electron/core/ml/models/fit';
import { applyZScore, fitZScore } from '../electron/core/ml/normaliser';
import { noiseColumn, spec as modelSpec, syntheticCandles } from '../electron/core/ml/test-support/synthetic';
import { WalkForwardKernel } from '../electron/core/ml/walk-forward/kernel';
import { planWindows } from '../electron/core/ml/walk-forward/windows';
import { versusBaseline, type BenchFigure } from './bench-kit';

const FEATURES = 20;
/** Issue target: 50,000 rows and the default 50 trees (see the header for why it is smaller). */
const TRAIN_ROWS = 2_000;
const TRAIN_TREES = 5;
const WALK_BARS = 100_000;
const RETRAIN_EVERY = 5_000;
/** Issue target: 5,000-row training windows. */
const WALK_TRAIN_BARS = 500;
const WALK_TREES = 5;
const LIVE_BARS = 4_000;

/** Feature 0 leads the next move (the edge), the others are seeded noise. */
function dataset(n: number, seed: number) {
  const lead = noiseColumn(n, seed);
  const candles = syntheticCandles(n, seed + 1, (t) => lead[t]!);
  const columns = [lead, ...Array.from({ length: FEATURES - 1 }, (_, j) => noiseColumn(n, seed + 2 + j))];
  return { candles, columns };
}

function rowsOf(columns: Float64Array[], from: number, to: number): Float64Array[] {
  const rows: Float64Array[] = [];
  for (let t = from; t < to; t++) rows.push(Float64Array.from(columns, (c) => c[t]!));
  return rows;
}

function forestSpec(trainBars: number, testBars: number, trees: number): ModelSpec {
  return modelSpec({
    kind: 'randomForestClassifier',
    windows: { trainBars, testBars, purgeBars: 1 },
    forest: { trees, maxDepth: 8, featureShare: 1, minNodeRows: 10 },
  });
}

function trainFigure(): BenchFigure {
  const { candles, columns } = dataset(TRAIN_ROWS + 1, 11);
  const spec = forestSpec(TRAIN_ROWS, 1, TRAIN_TREES);
  const labels = Array.from(labelColumn(candles.close, spec.label).subarray(0, TRAIN_ROWS));
  const rows = rowsOf(columns, 0, TRAIN_ROWS);

  const start = performance.now();
  fitModel(spec, rows, labels, spec.seed);
  const trainMs = performance.now() - start;

  const loopStart = performance.now();
  let sink = 0;
  for (let tree = 0; tree < spec.forest.trees; tree++) {
    for (let r = 0; r < rows.length; r++) for (let j = 0; j < FEATURES; j++) sink += rows[r]![j]! * labels[r]!;
  }
  const loopMs = Math.max(performance.now() - loopStart, 1e-3);
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the loop from being optimised away');
  return versusBaseline(
    `ml.forest.train.${TRAIN_ROWS / 1000}k×${FEATURES}.${TRAIN_TREES}-trees`,
    trainMs,
    loopMs,
    'issue: <10000 ms at 50k×20, 50 trees — out of reach with ml-random-forest (baseline: a plain loop reading every row once per tree)',
  );
}

function walkForwardFigure(): BenchFigure {
  const features = 5;
  const { candles, columns: all } = dataset(WALK_BARS, 23);
  const columns = all.slice(0, features);
  const spec = forestSpec(WALK_TRAIN_BARS, RETRAIN_EVERY, WALK_TREES);

  const row = new Float64Array(features);
  const start = performance.now();
  const kernel = new WalkForwardKernel(spec, features);
  for (let t = 0; t < WALK_BARS; t++) {
    for (let j = 0; j < features; j++) row[j] = columns[j]![t]!;
    kernel.next(row, candles.close[t]!);
  }
  const walkMs = performance.now() - start;

  // The same windows' models fitted directly on their rows (labels known at each retrain).
  const labels = labelColumn(candles.close, spec.label);
  const fitStart = performance.now();
  for (const w of planWindows(spec.windows, WALK_BARS)) {
    const rows = rowsOf(columns, w.trainStart, w.trainEnd);
    const zscore = fitZScore(rows, features);
    for (const r of rows) applyZScore(zscore, r, r);
    fitModel(spec, rows, Array.from(labels.subarray(w.trainStart, w.trainEnd)), spec.seed + w.index);
  }
  const fitMs = performance.now() - fitStart;
  return versusBaseline(
    `ml.walk-forward.100k-bars.retrain-5k.train-${WALK_TRAIN_BARS}.${WALK_TREES}-trees`,
    walkMs,
    fitMs,
    'issue: <60000 ms with 5k-row windows (baseline: fitting the same windows directly, no kernel)',
  );
}

function inferenceFigure(): BenchFigure {
  const features = 5;
  const train = 500;
  const n = train + 1 + LIVE_BARS;
  const { candles, columns: all } = dataset(n, 37);
  const columns = all.slice(0, features);
  // One window covers every live bar: each `next` after the retrain is a plain prediction.
  const spec = forestSpec(train, LIVE_BARS, 50);
  const kernel = new WalkForwardKernel(spec, features);
  const row = new Float64Array(features);
  const feed = (t: number) => {
    for (let j = 0; j < features; j++) row[j] = columns[j]![t]!;
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
  return versusBaseline('ml.live.per-bar', perBarMs, bareMs, "<0.05 ms per bar (baseline: the trained forest's bare predict)");
}

export async function run(): Promise<BenchFigure[]> {
  return [trainFigure(), walkForwardFigure(), inferenceFigure()];
}
