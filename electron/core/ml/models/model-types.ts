import type { ModelKind } from '../../../../shared/ml/model-spec';

/** A model trained on one walk-forward window (inputs are z-scored feature rows). */
export interface TrainedModel {
  readonly kind: ModelKind;
  /** Classifiers: the probability of label 1; regressors: the predicted value. */
  predict(row: Float64Array): number;
  /** The library's own model document, tagged with our kind (stored in the registry). */
  toJSON(): SerializedModel;
  /**
   * Releases memory the garbage collector cannot see (XGBoost's boosters live in WebAssembly
   * memory). Absent for the pure-JavaScript models. The model cannot predict afterwards.
   */
  dispose?(): void;
}

export interface SerializedModel {
  kind: ModelKind;
  /** Version of the library that trained it (a model file from another version is read with care). */
  library: string;
  model: unknown;
}

/** Progress of a fit that runs in steps (XGBoost's boosting rounds); may throw to cancel. */
export interface FitControl {
  onRounds?: (done: number, total: number) => void;
}
