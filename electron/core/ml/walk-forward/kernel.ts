/**
 * The walk-forward model as a state machine over bars: `next(features, close)` takes one closed
 * bar and returns the prediction at its close. At each window's first bar it first retrains on
 * the rows the window allows (see windows.ts), z-scored with that window's own statistics, then
 * predicts. It only ever reads bars it has been given, so a prediction at bar t depends on bars
 * ≤ t alone, and the batch path (the Model block over a backtest, the trainer's report) is this
 * same loop: batch and streaming agree bit for bit, retraining every K bars exactly as live does.
 */
import type { ModelSpec } from '../../../../shared/ml/model-spec';
import { labelAt } from '../labels';
import { fitModel } from '../models/fit';
import type { TrainedModel } from '../models/model-types';
import { applyZScore, fitZScore, type ZScore } from '../normaliser';
import { windowAt, windowStartingAt, type WalkForwardWindow } from './windows';

/** Fewest usable rows (finite features and label) a window needs to be trained on. */
export const MIN_TRAINING_ROWS = 20;

export interface WindowModel {
  window: WalkForwardWindow;
  /** Rows actually used (finite features and label). */
  rows: number;
  /** Null when the window had too few usable rows: its bars get no prediction. */
  model: TrainedModel | null;
  zscore: ZScore | null;
}

export interface KernelHooks {
  /** After every retrain (the trainer reports progress, checks cancellation and keeps the models). */
  onRetrain?: (trained: WindowModel) => void;
  /** During a retrain that runs in rounds (XGBoost): may throw to cancel. */
  onFitRounds?: (window: WalkForwardWindow, done: number, total: number) => void;
  /**
   * The hook's owner keeps every window's model and disposes them itself (the trainer judges
   * them after the run). Otherwise a model is disposed when the next window replaces it.
   */
  keepModels?: boolean;
}

export class WalkForwardKernel {
  /** Raw feature values, `features` per stored row; row r is bar `base + r`. */
  private raw: Float64Array;
  private closes: Float64Array;
  private stored = 0;
  private base = 0;
  private count = 0;
  private current: WindowModel | null = null;
  private readonly width: number;
  private readonly keep: number;
  private readonly expanded: Float64Array;
  private readonly scaled: Float64Array;

  constructor(
    private readonly spec: ModelSpec,
    private readonly features: number,
    private readonly hooks: KernelHooks = {},
  ) {
    this.width = features * (spec.lags + 1);
    // Rows a retrain at bar t reads: from t − purge − train − lags up to t (labels up to t − 1).
    this.keep = spec.windows.trainBars + spec.windows.purgeBars + spec.lags + 1;
    const capacity = 2 * this.keep;
    this.raw = new Float64Array(capacity * features);
    this.closes = new Float64Array(capacity);
    this.expanded = new Float64Array(this.width);
    this.scaled = new Float64Array(this.width);
  }

  /** Bars seen so far. */
  get bars(): number {
    return this.count;
  }

  /** The model in force (null before the first window or when its window had too few rows). */
  get model(): WindowModel | null {
    return this.current;
  }

  next(features: ArrayLike<number>, close: number): number {
    this.append(features, close);
    const t = this.count++;
    const k = windowStartingAt(this.spec.windows, t);
    if (k !== null) this.retrain(windowAt(this.spec.windows, k));
    return this.predictAt(t);
  }

  /**
   * Trains the model the window starting at `testStart` would use, from the bars seen so far
   * (the trainer asks for the one after the data: what a live bot would use next).
   */
  trainFor(window: WalkForwardWindow): WindowModel {
    return this.retrain(window, false);
  }

  private retrain(window: WalkForwardWindow, notify = true): WindowModel {
    const rows: Float64Array[] = [];
    const labels: number[] = [];
    const end = this.count; // bars known: [0, count)
    for (let i = Math.max(window.trainStart, this.spec.lags); i < window.trainEnd; i++) {
      const label = labelAt(this.closeView(), i - this.base, this.spec.label, end - this.base);
      if (!Number.isFinite(label)) continue;
      if (!this.expand(i)) continue;
      rows.push(Float64Array.from(this.expanded));
      labels.push(label);
    }
    let trained: WindowModel;
    if (rows.length < MIN_TRAINING_ROWS) {
      trained = { window, rows: rows.length, model: null, zscore: null };
    } else {
      const zscore = fitZScore(rows, this.width);
      for (const row of rows) applyZScore(zscore, row, row);
      const onFitRounds = this.hooks.onFitRounds;
      const model = fitModel(this.spec, rows, labels, (this.spec.seed + window.index) | 0, {
        ...(onFitRounds ? { onRounds: (done: number, total: number) => onFitRounds(window, done, total) } : {}),
      });
      trained = { window, rows: rows.length, model, zscore };
    }
    if (!this.hooks.keepModels) this.current?.model?.dispose?.();
    this.current = trained;
    if (notify) this.hooks.onRetrain?.(trained);
    return trained;
  }

  /** Releases the model in force (XGBoost's memory) unless the hooks' owner keeps the models. */
  dispose(): void {
    if (!this.hooks.keepModels) this.current?.model?.dispose?.();
    this.current = null;
  }

  private predictAt(t: number): number {
    const held = this.current;
    if (!held?.model || !this.expand(t)) return NaN;
    applyZScore(held.zscore!, this.expanded, this.scaled);
    return held.model.predict(this.scaled);
  }

  /** Fills `expanded` with bar i's features and their lags; false when any is missing. */
  private expand(i: number): boolean {
    const f = this.features;
    for (let lag = 0; lag <= this.spec.lags; lag++) {
      const r = i - lag - this.base;
      if (r < 0) return false;
      for (let j = 0; j < f; j++) {
        const v = this.raw[r * f + j]!;
        if (!Number.isFinite(v)) return false;
        this.expanded[lag * f + j] = v;
      }
    }
    return true;
  }

  private closeView(): Float64Array {
    return this.closes.subarray(0, this.stored);
  }

  private append(features: ArrayLike<number>, close: number): void {
    const f = this.features;
    if (this.stored * f >= this.raw.length) {
      // Drop all but the rows a retrain can still read; the history never grows past 2 × keep.
      const drop = this.stored - this.keep;
      this.raw.copyWithin(0, drop * f, this.stored * f);
      this.closes.copyWithin(0, drop, this.stored);
      this.stored -= drop;
      this.base += drop;
    }
    const at = this.stored * f;
    for (let j = 0; j < f; j++) this.raw[at + j] = features[j]!;
    this.closes[this.stored] = close;
    this.stored++;
  }
}
