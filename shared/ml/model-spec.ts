/**
 * What a model is, as data: its kind and hyper-parameters, the label it learns (and that label's
 * horizon), and the walk-forward windows it is trained and judged on. Isomorphic: the editor
 * checks a definition as it is typed, core parses it again at the IPC boundary, and the registry
 * stores it beside each trained version.
 */
import { z } from 'zod';

/**
 * Trained here with the mljs libraries; `onnx` models are imported (trained elsewhere) and only run.
 * Gradient-boosted trees (XGBoost) come first: they are the default tree ensemble (fast histogram
 * splits; the Models panel's form starts on the first trainable kind); the random forest stays for
 * its bagging, which needs no learning rate to tune.
 */
export const MODEL_KINDS = [
  'xgboostClassifier',
  'xgboostRegressor',
  'randomForestClassifier',
  'randomForestRegressor',
  'logistic',
  'linear',
  'onnx',
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export const CLASSIFIER_KINDS: readonly ModelKind[] = ['xgboostClassifier', 'randomForestClassifier', 'logistic'];
export const REGRESSOR_KINDS: readonly ModelKind[] = ['xgboostRegressor', 'randomForestRegressor', 'linear'];
export const XGBOOST_KINDS: readonly ModelKind[] = ['xgboostClassifier', 'xgboostRegressor'];

/**
 * `direction`: 1 when the close N bars ahead is above this bar's close, else 0.
 * `aboveThreshold`: 1 when the forward return over N bars is above `thresholdPct`, else 0.
 * `forwardReturn`: the forward return over N bars itself, in % (regression).
 */
export const LABEL_KINDS = ['direction', 'aboveThreshold', 'forwardReturn'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

export const LabelSpecSchema = z.object({
  kind: z.enum(LABEL_KINDS),
  /** N: bars between the bar a row describes and the close its label reads. */
  horizon: z.number().int().min(1).max(1000),
  /** For `aboveThreshold` only: the forward return, in %, a row must beat to be labelled 1. */
  thresholdPct: z.number().finite().min(-100).max(1000).default(0),
});
export type LabelSpec = z.infer<typeof LabelSpecSchema>;

export const WalkForwardSpecSchema = z.object({
  /** Rows (bars) in each training window. */
  trainBars: z.number().int().min(30).max(1_000_000),
  /** K: bars predicted by one trained model before it is retrained. */
  testBars: z.number().int().min(1).max(1_000_000),
  /**
   * Bars left out between the last training row and the first predicted bar. At least the label
   * horizon, so no training label reads a close the model could not have seen yet.
   */
  purgeBars: z.number().int().min(1).max(10_000),
});
export type WalkForwardSpec = z.infer<typeof WalkForwardSpecSchema>;

export const ForestParamsSchema = z.object({
  trees: z.number().int().min(1).max(500).default(50),
  maxDepth: z.number().int().min(1).max(40).default(8),
  /** Share of the features each tree sees (0.1 … 1). */
  featureShare: z.number().min(0.1).max(1).default(1),
  /** Fewest rows a tree node may be split on. */
  minNodeRows: z.number().int().min(2).max(10_000).default(10),
});

/** Gradient-boosted trees (XGBoost, histogram method): each tree fits what the trees before it got wrong. */
export const XGBoostParamsSchema = z.object({
  /** Boosting rounds: one tree each. */
  trees: z.number().int().min(1).max(1000).default(100),
  maxDepth: z.number().int().min(1).max(12).default(6),
  /** Shrinks each tree's step (XGBoost's eta): smaller learns slower and overfits less. */
  learningRate: z.number().min(0.001).max(1).default(0.1),
  /** Share of the training rows each tree is fitted on, drawn from the seed. */
  subsample: z.number().min(0.1).max(1).default(0.8),
  /** Share of the features each tree sees, drawn from the seed. */
  featureShare: z.number().min(0.1).max(1).default(0.8),
  /** Least summed hessian (≈ rows for regression) a leaf may hold. */
  minChildWeight: z.number().min(0).max(1000).default(1),
});

export const LogisticParamsSchema = z.object({
  /** Gradient steps over the (z-scored) training window. */
  steps: z.number().int().min(10).max(20_000).default(400),
  /** Step size on the mean gradient. */
  learningRate: z.number().positive().max(10).default(0.5),
});

export const ModelSpecSchema = z
  .object({
    kind: z.enum(MODEL_KINDS),
    label: LabelSpecSchema,
    windows: WalkForwardSpecSchema,
    /** Each feature also enters as its values 1 … lags bars ago. */
    lags: z.number().int().min(0).max(10).default(0),
    /** Seeds the trees' row and feature sampling; a window's seed is this + its index. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(42),
    xgboost: XGBoostParamsSchema.prefault({}),
    forest: ForestParamsSchema.prefault({}),
    logistic: LogisticParamsSchema.prefault({}),
  })
  .superRefine((spec, ctx) => {
    const regression = spec.label.kind === 'forwardReturn';
    if (regression && CLASSIFIER_KINDS.includes(spec.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: `a ${spec.kind} model predicts a class; the forward-return label needs a regressor (XGBoost regressor, random forest regressor or linear)`,
      });
    }
    if (!regression && REGRESSOR_KINDS.includes(spec.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: `a ${spec.kind} model predicts a value; the ${spec.label.kind} label needs a classifier (XGBoost classifier, random forest classifier or logistic)`,
      });
    }
    if (spec.windows.purgeBars < spec.label.horizon) {
      ctx.addIssue({
        code: 'custom',
        path: ['windows', 'purgeBars'],
        message: `the purge gap (${spec.windows.purgeBars} bars) is shorter than the label horizon (${spec.label.horizon} bars): the last training labels would read closes after the first predicted bar. Make it at least ${spec.label.horizon}`,
      });
    }
    if (spec.label.horizon > spec.windows.testBars) {
      ctx.addIssue({
        code: 'custom',
        path: ['label', 'horizon'],
        message: `the label horizon (${spec.label.horizon} bars) is longer than the test window (${spec.windows.testBars} bars): no prediction of a window could be judged inside it. Shorten the horizon or lengthen the test window`,
      });
    }
  });
export type ModelSpec = z.infer<typeof ModelSpecSchema>;
export type ModelSpecInput = z.input<typeof ModelSpecSchema>;

export function isClassifier(spec: Pick<ModelSpec, 'label'>): boolean {
  return spec.label.kind !== 'forwardReturn';
}

/** Feature names as the model sees them: each feature, then each lag of every feature. */
export function expandedFeatureNames(names: readonly string[], lags: number): string[] {
  const out = [...names];
  for (let lag = 1; lag <= lags; lag++) for (const name of names) out.push(`${name} [${lag} bar${lag > 1 ? 's' : ''} ago]`);
  return out;
}
