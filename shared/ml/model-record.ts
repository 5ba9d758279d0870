/**
 * A trained model version as the registry stores it (one JSON file per version in the data
 * folder) and as `models.*` calls return it. A model is a name and an id; each training is a new
 * version, which strategies and bots pin (the Model block's `version`).
 */
import { z } from 'zod';
import { MODEL_KINDS, ModelSpecSchema } from './model-spec';
import { ModelReportSchema } from './model-report';

export const ModelIdSchema = z.string().regex(/^mdl_[0-9a-f]{16}$/, 'must be a model id such as mdl_0123456789abcdef');
export const ModelVersionNumberSchema = z.number().int().min(1).max(100_000);
export const ModelNameSchema = z
  .string()
  .trim()
  .min(1, 'a model needs a name')
  .max(80)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** A feature: a number output of a block of the strategy it was trained from, in the Model block's input order. */
export const ModelFeatureSchema = z.object({ name: z.string().max(200), node: z.string().max(64), port: z.string().max(64) });

export const ModelVersionSchema = z.object({
  id: ModelIdSchema,
  version: ModelVersionNumberSchema,
  name: ModelNameSchema,
  kind: z.enum(MODEL_KINDS),
  createdAt: z.number(),
  spec: ModelSpecSchema,
  features: z.array(ModelFeatureSchema).min(1).max(64),
  /** The data it was trained and judged on. */
  data: z.object({ datasetId: z.string().max(200), label: z.string().max(200), symbol: z.string().max(60), timeframe: z.string().max(20) }),
  /** Libraries (name@version) that trained it. */
  libraries: z.array(z.string().max(80)),
  report: ModelReportSchema,
  /** The model of the next scheduled window after the data (what a live bot starts with); null when that window had too few rows. */
  latest: z
    .object({
      window: z.object({ index: z.number().int(), trainStart: z.number().int(), trainEnd: z.number().int(), testStart: z.number().int() }),
      model: z.object({ kind: z.enum(MODEL_KINDS), library: z.string(), model: z.unknown() }),
      zscore: z.object({ mean: z.array(z.number()), scale: z.array(z.number()) }),
    })
    .nullable(),
});
export type ModelVersion = z.infer<typeof ModelVersionSchema>;

/** One row per version in lists: what a trader compares at a glance. */
export const ModelVersionSummarySchema = z.object({
  id: ModelIdSchema,
  version: ModelVersionNumberSchema,
  name: z.string(),
  kind: z.enum(MODEL_KINDS),
  createdAt: z.number(),
  label: z.string(),
  features: z.array(z.string()),
  trainedOn: z.string(),
  range: z.object({ from: z.number(), to: z.number(), bars: z.number().int() }),
  windows: z.number().int(),
  /** Out-of-sample accuracy (regressors: direction accuracy); null when no bar could be judged. */
  accuracy: z.number().nullable(),
  rocAuc: z.number().nullable(),
  r2: z.number().nullable(),
  beatsBaseline: z.boolean(),
});
export type ModelVersionSummary = z.infer<typeof ModelVersionSummarySchema>;

export function summariseVersion(v: ModelVersion): ModelVersionSummary {
  const label = v.spec.label;
  return {
    id: v.id,
    version: v.version,
    name: v.name,
    kind: v.kind,
    createdAt: v.createdAt,
    label:
      label.kind === 'direction'
        ? `direction over ${label.horizon} bars`
        : label.kind === 'aboveThreshold'
          ? `return over ${label.horizon} bars > ${label.thresholdPct} %`
          : `return over ${label.horizon} bars (%)`,
    features: v.features.map((f) => f.name),
    trainedOn: v.data.label,
    range: v.report.range,
    windows: v.report.windows.length,
    accuracy: v.report.modelAccuracy,
    rocAuc: v.report.overall.classification?.rocAuc ?? null,
    r2: v.report.overall.regression?.r2 ?? null,
    beatsBaseline: v.report.beatsBaseline,
  };
}
