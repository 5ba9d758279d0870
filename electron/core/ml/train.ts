/**
 * Offline walk-forward training: runs the kernel over a data set exactly as the Model block does
 * in a backtest, then judges every window on its own out-of-sample bars only, against the naive
 * baselines, and measures each feature's permutation importance out of sample. Bad input (too
 * little history, an empty or constant feature, a window without enough usable rows) is refused
 * with a ModelInputError naming the problem before anything is kept.
 */
import { expandedFeatureNames, isClassifier, type ModelSpec } from '../../../shared/ml/model-spec';
import type { BaselineScores, ModelReport, WindowReport } from '../../../shared/ml/model-report';
import { seededRandom } from '../kit/seeded-random';
import type { CandleColumns } from '../strategy/candle-columns';
import type { FeatureSet } from './dataset';
import { ModelInputError, ModelTrainingCancelledError } from './errors';
import { labelColumn } from './labels';
import { classificationScores, orNull, regressionScores } from './metrics';
import type { SerializedModel } from './models/model-types';
import { applyZScore } from './normaliser';
import { MIN_TRAINING_ROWS, WalkForwardKernel, type WindowModel } from './walk-forward/kernel';
import { firstTestBar, windowAt, type WalkForwardWindow } from './walk-forward/windows';

export interface TrainingControl {
  onProgress?: (fraction: number) => void;
  isCancelled?: () => boolean;
}

export interface LatestModel {
  /** The window the model would predict next: the bars after the data. */
  window: WalkForwardWindow;
  model: SerializedModel;
  zscore: { mean: number[]; scale: number[] };
}

export interface TrainingResult {
  report: ModelReport;
  /** Per bar: the walk-forward prediction at its close (NaN before the first window). */
  predictions: Float64Array;
  /** Trained on the last rows the data allows, for the bars after it; null when too few rows. */
  latest: LatestModel | null;
}

export function trainWalkForward(
  spec: ModelSpec,
  features: FeatureSet,
  candles: CandleColumns,
  control: TrainingControl = {},
): TrainingResult {
  const n = candles.length;
  checkTrainingInput(spec, features, n);
  const names = expandedFeatureNames(features.names, spec.lags);
  const windows: WindowModel[] = [];
  const cancelled = () => {
    if (control.isCancelled?.()) throw new ModelTrainingCancelledError();
  };
  // Progress only moves forward: a window's boosting rounds report inside its own test bars.
  let reported = 0;
  const progress = (fraction: number) => {
    if (fraction <= reported) return;
    reported = fraction;
    control.onProgress?.(fraction);
  };
  const kernel = new WalkForwardKernel(spec, features.columns.length, {
    keepModels: true,
    onRetrain: (trained) => {
      windows.push(trained);
      checkWindow(trained, names, features, spec);
      cancelled();
    },
    onFitRounds: (window, done, total) => {
      cancelled();
      progress((0.8 * Math.min(n, window.testStart + (done / total) * spec.windows.testBars)) / n);
    },
  });
  let next: WindowModel | null = null;
  try {
    const predictions = new Float64Array(n);
    const row = new Float64Array(features.columns.length);
    for (let t = 0; t < n; t++) {
      for (let j = 0; j < row.length; j++) row[j] = features.columns[j]![t]!;
      predictions[t] = kernel.next(row, candles.close[t]!);
      if (t % 2000 === 0) {
        cancelled();
        progress((0.8 * t) / n);
      }
    }
    next = kernel.trainFor(windowAt(spec.windows, windows.length, Infinity));
    const latest: LatestModel | null = next.model
      ? {
          window: next.window,
          model: next.model.toJSON(),
          zscore: { mean: Array.from(next.zscore!.mean), scale: Array.from(next.zscore!.scale) },
        }
      : null;
    progress(0.85);
    const report = judge(spec, names, features, candles, predictions, windows, control);
    control.onProgress?.(1);
    return { report, predictions, latest };
  } finally {
    // XGBoost's boosters live in WebAssembly memory: every window's model goes, kept or not.
    for (const trained of windows) trained.model?.dispose?.();
    next?.model?.dispose?.();
  }
}

function checkTrainingInput(spec: ModelSpec, features: FeatureSet, n: number): void {
  if (spec.kind === 'onnx')
    throw new ModelInputError(
      'An ONNX model is imported, not trained here: pick XGBoost, a random forest, logistic or linear model to train.',
    );
  const needed = firstTestBar(spec.windows) + spec.windows.testBars;
  if (n < needed) {
    throw new ModelInputError(
      `Too little history for the walk-forward windows: ${spec.windows.trainBars} training bars + ${spec.windows.purgeBars} purge bars + one test window of ${spec.windows.testBars} bars need ${needed} bars, and the data has ${n}. Download more history or shorten the windows.`,
    );
  }
  features.columns.forEach((column, j) => {
    let first = NaN;
    let varies = false;
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (!Number.isFinite(v)) continue;
      if (Number.isNaN(first)) first = v;
      else if (v !== first) {
        varies = true;
        break;
      }
    }
    if (Number.isNaN(first))
      throw new ModelInputError(
        `Feature ${features.names[j]} has no value on any bar (NaN everywhere): check its inputs and period against the data.`,
      );
    if (!varies)
      throw new ModelInputError(`Feature ${features.names[j]} is constant (${first} on every bar): it cannot inform the model; remove it.`);
  });
}

function checkWindow(trained: WindowModel, names: string[], features: FeatureSet, spec: ModelSpec): void {
  const w = trained.window;
  if (trained.rows < MIN_TRAINING_ROWS) {
    const empty = features.names.filter((_, j) => {
      const c = features.columns[j]!;
      let missing = 0;
      for (let i = Math.max(0, w.trainStart); i < w.trainEnd; i++) if (!Number.isFinite(c[i]!)) missing++;
      return missing > (w.trainEnd - w.trainStart) / 2;
    });
    throw new ModelInputError(
      `Walk-forward window ${w.index + 1} (training bars ${w.trainStart}–${w.trainEnd - 1}) has only ${trained.rows} rows with every feature and a label; it needs ${MIN_TRAINING_ROWS}.${empty.length ? ` Mostly empty there (NaN): ${empty.join(', ')}.` : ''} Lengthen the training window or start the data later.`,
    );
  }
  const constant = trained.zscore!.constant;
  if (constant.length > 0) {
    throw new ModelInputError(
      `Feature ${names[constant[0]!]} is constant over walk-forward window ${w.index + 1}'s training bars ${w.trainStart}–${w.trainEnd - 1}: it cannot inform that model. Remove it or lengthen the training window.`,
    );
  }
  void spec;
}

function judge(
  spec: ModelSpec,
  names: string[],
  features: FeatureSet,
  candles: CandleColumns,
  predictions: Float64Array,
  windows: WindowModel[],
  control: TrainingControl,
): ModelReport {
  const classifier = isClassifier(spec);
  const labels = labelColumn(candles.close, spec.label);
  const n = candles.length;
  const time = candles.time;
  const all = { predicted: [] as number[], actual: [] as number[], always: 0, previous: 0, model: 0 };
  const reports: WindowReport[] = windows.map((trained) => {
    const w = { ...trained.window, testEnd: Math.min(trained.window.testEnd, n) };
    const predicted: number[] = [];
    const actual: number[] = [];
    let always = 0;
    let previous = 0;
    for (let t = w.testStart; t < w.testEnd; t++) {
      if (!Number.isFinite(predictions[t]!) || !Number.isFinite(labels[t]!)) continue;
      predicted.push(predictions[t]!);
      actual.push(labels[t]!);
      const truth = classifier ? labels[t]! : labels[t]! > 0 ? 1 : 0;
      if (truth === 1) always++;
      if (previousMoveGuess(candles.close, t, spec) === truth) previous++;
      const guess = classifier ? (predictions[t]! >= 0.5 ? 1 : 0) : predictions[t]! > 0 ? 1 : 0;
      if (guess === truth) all.model++;
    }
    all.predicted.push(...predicted);
    all.actual.push(...actual);
    all.always += always;
    all.previous += previous;
    const rows = predicted.length;
    return {
      index: w.index,
      trainStart: w.trainStart,
      trainEnd: w.trainEnd,
      testStart: w.testStart,
      testEnd: w.testEnd,
      trainFrom: time[Math.max(0, w.trainStart)]!,
      trainTo: time[w.trainEnd - 1]!,
      testFrom: time[w.testStart]!,
      testTo: time[w.testEnd - 1]!,
      trainingRows: trained.rows,
      classification: classifier ? classificationScores(predicted, actual) : null,
      regression: classifier ? null : regressionScores(predicted, actual),
      baselines: { alwaysUp: orNull(always / rows), previousMove: orNull(previous / rows) },
    };
  });
  const rows = all.predicted.length;
  const baselines: BaselineScores = { alwaysUp: orNull(all.always / rows), previousMove: orNull(all.previous / rows) };
  const modelAccuracy = orNull(all.model / rows);
  const best = Math.max(baselines.alwaysUp ?? 0, baselines.previousMove ?? 0);
  const beatsBaseline = modelAccuracy !== null && modelAccuracy > best;
  const bestName = (baselines.alwaysUp ?? 0) >= (baselines.previousMove ?? 0) ? 'always predicting up' : "repeating the last move's sign";
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const baselineWarning = beatsBaseline
    ? null
    : `Out of sample the model is right ${modelAccuracy === null ? 'on no bar' : pct(modelAccuracy)} of the time, no better than ${bestName} (${pct(best)}). Do not trade it as it is.`;
  control.onProgress?.(0.9);
  return {
    features: names,
    windows: reports,
    overall: {
      classification: classifier ? classificationScores(all.predicted, all.actual) : null,
      regression: classifier ? null : regressionScores(all.predicted, all.actual),
    },
    baselines,
    modelAccuracy,
    beatsBaseline,
    baselineWarning,
    importance: permutationImportance(spec, names, features, labels, windows, n),
    range: { from: time[0]!, to: time[n - 1]!, bars: n },
  };
}

/** The naive "last move" rule: the move over the label's horizon up to bar t, read as the label. */
function previousMoveGuess(close: Float64Array, t: number, spec: ModelSpec): number {
  const back = t - spec.label.horizon;
  if (back < 0) return 0;
  const movePct = (close[t]! / close[back]! - 1) * 100;
  const threshold = spec.label.kind === 'aboveThreshold' ? spec.label.thresholdPct : 0;
  return movePct > threshold ? 1 : 0;
}

/**
 * Out-of-sample permutation importance: per window, the rise of the loss (log loss; regressors:
 * squared error) on its test rows when one feature's values are shuffled among them (seeded).
 */
function permutationImportance(
  spec: ModelSpec,
  names: string[],
  features: FeatureSet,
  labels: Float64Array,
  windows: WindowModel[],
  n: number,
): { feature: string; importance: number }[] {
  const classifier = isClassifier(spec);
  const width = names.length;
  const f = features.columns.length;
  const rise = new Float64Array(width);
  const loss = (p: number, y: number) => {
    if (!classifier) return (p - y) ** 2;
    const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
    return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
  };
  for (const trained of windows) {
    if (!trained.model) continue;
    const w = trained.window;
    const rows: Float64Array[] = [];
    const ys: number[] = [];
    for (let t = w.testStart; t < Math.min(w.testEnd, n); t++) {
      if (!Number.isFinite(labels[t]!)) continue;
      const row = new Float64Array(width);
      let ok = true;
      for (let lag = 0; lag <= spec.lags && ok; lag++) {
        for (let j = 0; j < f; j++) {
          const v = t - lag >= 0 ? features.columns[j]![t - lag]! : NaN;
          if (!Number.isFinite(v)) ok = false;
          row[lag * f + j] = v;
        }
      }
      if (!ok) continue;
      rows.push(applyZScore(trained.zscore!, row));
      ys.push(labels[t]!);
    }
    if (rows.length < 2) continue;
    let base = 0;
    for (let r = 0; r < rows.length; r++) base += loss(trained.model.predict(rows[r]!), ys[r]!);
    const random = seededRandom(spec.seed + 7919 * (w.index + 1));
    const scratch = new Float64Array(width);
    for (let j = 0; j < width; j++) {
      const order = rows.map((_, r) => r);
      for (let r = order.length - 1; r > 0; r--) {
        const s = Math.floor(random() * (r + 1));
        [order[r], order[s]] = [order[s]!, order[r]!];
      }
      let shuffled = 0;
      for (let r = 0; r < rows.length; r++) {
        scratch.set(rows[r]!);
        scratch[j] = rows[order[r]!]![j]!;
        shuffled += loss(trained.model.predict(scratch), ys[r]!);
      }
      rise[j]! += Math.max(0, shuffled - base);
    }
  }
  const total = rise.reduce((a, b) => a + b, 0);
  return names.map((feature, j) => ({ feature, importance: total > 0 ? rise[j]! / total : 0 }));
}
