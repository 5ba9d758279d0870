/**
 * The out-of-sample report of a walk-forward training: scores per window (each judged only on
 * bars its model never trained on), the whole out-of-sample span, the naive baselines it must
 * beat and the features' permutation importance. Scores a window cannot have (AUC with one
 * class) are null.
 */
import { z } from 'zod';

const score = z.number().finite().nullable();

export const CalibrationBinSchema = z.object({
  from: z.number(),
  to: z.number(),
  count: z.number().int(),
  predicted: score,
  observed: score,
});

export const ClassificationScoresSchema = z.object({
  rows: z.number().int(),
  accuracy: score,
  precision: score,
  recall: score,
  rocAuc: score,
  calibration: z.array(CalibrationBinSchema),
});

export const RegressionScoresSchema = z.object({
  rows: z.number().int(),
  r2: score,
  meanAbsoluteError: score,
  directionAccuracy: score,
});

/** Accuracy of two naive rules on the same bars: always up (label 1), and the last move repeated. */
export const BaselineScoresSchema = z.object({ alwaysUp: score, previousMove: score });

export const WindowReportSchema = z.object({
  index: z.number().int(),
  /** Bar indices: training rows [trainStart, trainEnd), predicted bars [testStart, testEnd). */
  trainStart: z.number().int(),
  trainEnd: z.number().int(),
  testStart: z.number().int(),
  testEnd: z.number().int(),
  /** Open times of the first and last bar of each span. */
  trainFrom: z.number(),
  trainTo: z.number(),
  testFrom: z.number(),
  testTo: z.number(),
  trainingRows: z.number().int(),
  classification: ClassificationScoresSchema.nullable(),
  regression: RegressionScoresSchema.nullable(),
  baselines: BaselineScoresSchema,
});

export const ModelReportSchema = z.object({
  /** The features as the model sees them (lags expanded). */
  features: z.array(z.string()),
  windows: z.array(WindowReportSchema),
  /** Over every out-of-sample bar together. */
  overall: z.object({ classification: ClassificationScoresSchema.nullable(), regression: RegressionScoresSchema.nullable() }),
  baselines: BaselineScoresSchema,
  /** The model's accuracy (regressors: direction accuracy) on the same bars as the baselines. */
  modelAccuracy: score,
  beatsBaseline: z.boolean(),
  /** Set when the model does not beat the better naive baseline out of sample. */
  baselineWarning: z.string().nullable(),
  /** Rise of the out-of-sample loss when a feature's values are shuffled, as shares (sum 1). */
  importance: z.array(z.object({ feature: z.string(), importance: z.number() })),
  /** Open times of the first and last bar the data covered. */
  range: z.object({ from: z.number(), to: z.number(), bars: z.number().int() }),
});

export type CalibrationBin = z.infer<typeof CalibrationBinSchema>;
export type ClassificationScores = z.infer<typeof ClassificationScoresSchema>;
export type RegressionScores = z.infer<typeof RegressionScoresSchema>;
export type BaselineScores = z.infer<typeof BaselineScoresSchema>;
export type WindowReport = z.infer<typeof WindowReportSchema>;
export type ModelReport = z.infer<typeof ModelReportSchema>;
