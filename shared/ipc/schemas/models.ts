/**
 * `models.*`: walk-forward training of a Model block's model as a job (progress and the end on
 * `jobs.progress`, cancel with `jobs.cancel`, the outcome from `models.trainResult`), and the
 * registry of trained versions (list, get, compare, delete). Everything a version reports is out
 * of sample; `beatsBaseline` false comes with the warning to show.
 */
import { z } from 'zod';
import { ModelSpecSchema } from '../../ml/model-spec';
import { ModelReportSchema } from '../../ml/model-report';
import {
  ModelIdSchema,
  ModelNameSchema,
  ModelVersionNumberSchema,
  ModelVersionSchema,
  ModelVersionSummarySchema,
} from '../../ml/model-record';
import { NodeIdSchema } from '../../strategy/graph-schema';
import { DatasetIdSchema, StrategySourceSchema } from './strategies';

const jobId = z.string().min(1).max(64);
const VersionRefSchema = z.strictObject({ id: ModelIdSchema, version: ModelVersionNumberSchema });

/** A version as `models.get` returns it: the stored record without the trained weights. */
export const ModelVersionDetailSchema = ModelVersionSchema.omit({ latest: true }).extend({
  /** The window the stored model predicts next (bar indices of the training data), or null when none could be trained. */
  latestWindow: z.object({ trainStart: z.number().int(), trainEnd: z.number().int(), testStart: z.number().int() }).nullable(),
});
export type ModelVersionDetail = z.infer<typeof ModelVersionDetailSchema>;

export const modelMethods = {
  /**
   * Trains the model of the Model block `nodeId`: its connected inputs (f1, f2, …) are the features.
   * Without `modelId` a new model is created; with it, the next version of that model.
   */
  'models.train': {
    input: z.strictObject({
      strategy: StrategySourceSchema,
      nodeId: NodeIdSchema,
      dataset: DatasetIdSchema,
      spec: ModelSpecSchema,
      name: ModelNameSchema.optional(),
      modelId: ModelIdSchema.optional(),
    }),
    output: z.object({ jobId }),
  },
  /** The stored version and its out-of-sample report, once the job is done. */
  'models.trainResult': {
    input: z.strictObject({ jobId }),
    output: z.object({ model: ModelVersionSummarySchema, report: ModelReportSchema }),
  },
  'models.list': {
    input: z.strictObject({}).optional(),
    output: z.object({
      versions: z.array(ModelVersionSummarySchema),
      /** Files in the models folder that could not be read, with why (shown, never silently skipped). */
      unreadable: z.array(z.object({ file: z.string(), problem: z.string() })),
    }),
  },
  'models.get': { input: VersionRefSchema, output: ModelVersionDetailSchema },
  /** Two versions side by side: their summaries and which definition fields differ. */
  'models.compare': {
    input: z.strictObject({ a: VersionRefSchema, b: VersionRefSchema }),
    output: z.object({
      a: ModelVersionSummarySchema,
      b: ModelVersionSummarySchema,
      differences: z.array(z.object({ field: z.string(), a: z.string(), b: z.string() })),
    }),
  },
  /** One version, or (no `version`) every version of the model. */
  'models.delete': {
    input: z.strictObject({ id: ModelIdSchema, version: ModelVersionNumberSchema.optional() }),
    output: z.object({ deleted: z.number().int() }),
  },
} as const;
