/**
 * Contract entries for models trained elsewhere and imported as ONNX (scikit-learn, XGBoost or
 * FreqAI exports): the model's signature as the runtime reads it, the user's mapping of each model
 * input to builder outputs (feature columns, in column order) and of one output column to the
 * prediction, and the methods to import (in chunks, like CSV files), list, map, try and delete.
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
const finite = z.number().finite();

/** Largest model file accepted (bytes). Tree ensembles exported from scikit-learn/XGBoost run to a few MB. */
export const ONNX_MODEL_MAX_BYTES = 32 * 1024 * 1024;
/** One upload chunk as base64 text: stays well inside the WebSocket transport's 256 KB frame. */
export const ONNX_CHUNK_MAX_CHARS = 192 * 1024;

/** ONNX element types as onnxruntime names them; Tradewind feeds features as float32 or float64. */
export const OnnxElementTypeSchema = z.enum([
  'float32',
  'float64',
  'float16',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'bool',
  'string',
  'int4',
  'uint4',
]);
export type OnnxElementType = z.infer<typeof OnnxElementTypeSchema>;

/** One input or output: a tensor (type and shape; a string dimension is symbolic, e.g. "N") or another value (a map, a sequence). */
export const OnnxValueSchema = z.discriminatedUnion('tensor', [
  z.object({
    name: z.string(),
    tensor: z.literal(true),
    type: OnnxElementTypeSchema,
    shape: z.array(z.union([z.number().int().nonnegative(), z.string()])),
  }),
  z.object({ name: z.string(), tensor: z.literal(false) }),
]);
export type OnnxValue = z.infer<typeof OnnxValueSchema>;

export const OnnxSignatureSchema = z.object({ inputs: z.array(OnnxValueSchema), outputs: z.array(OnnxValueSchema) });
export type OnnxSignature = z.infer<typeof OnnxSignatureSchema>;

/**
 * A builder output used as a feature: the node's id and its output port, e.g. `rsi1.value`. The
 * Model block resolves it in its strategy graph; here it is a name the mapping is checked by.
 */
export const FeatureRefSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{1,32}$/, 'must name a builder output as node.port, e.g. rsi1.value');

export const OnnxMappingSchema = z.strictObject({
  /** For every model input, the builder outputs that fill its columns, in column order. */
  inputs: z
    .array(z.strictObject({ name: z.string().min(1).max(200), features: z.array(FeatureRefSchema).min(1).max(512) }))
    .min(1)
    .max(64),
  /** The prediction: one tensor output and the column of its last dimension (e.g. 1 = class 1 of [N,2] probabilities). */
  output: z.strictObject({ name: z.string().min(1).max(200), column: z.number().int().min(0).max(4095) }),
});
export type OnnxMapping = z.infer<typeof OnnxMappingSchema>;

export const OnnxModelViewSchema = z.object({
  id,
  name: z.string(),
  /** The file name it was imported from (the copy in the data folder is named by id). */
  fileName: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  importedAt: finite,
  /** onnxruntime-node's version that read the signature. */
  runtime: z.string(),
  signature: OnnxSignatureSchema,
  mapping: OnnxMappingSchema.nullable(),
});
export type OnnxModelView = z.infer<typeof OnnxModelViewSchema>;

export const OnnxModelNameSchema = z
  .string()
  .trim()
  .min(1, 'an imported model needs a name')
  .max(80)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
const UploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or -');

export const onnxModelMethods = {
  /** One piece of the model file as base64, in order from index 0; `models.importOnnx` then imports the whole. */
  'models.importOnnxChunk': {
    input: z.strictObject({
      uploadId: UploadIdSchema,
      index: z.number().int().min(0).max(10_000),
      base64: z
        .string()
        .max(ONNX_CHUNK_MAX_CHARS)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    }),
    output: z.object({ received: z.number().int() }),
  },
  /** Checks the uploaded bytes load as an ONNX model, copies them into the data folder and records the signature. */
  'models.importOnnx': {
    input: z.strictObject({
      uploadId: UploadIdSchema,
      chunks: z.number().int().min(1).max(10_000),
      name: OnnxModelNameSchema,
      fileName: z.string().trim().min(1).max(255),
    }),
    output: OnnxModelViewSchema,
  },
  'models.listOnnx': { input: z.strictObject({}).optional(), output: z.array(OnnxModelViewSchema) },
  /** Maps the model's inputs to builder outputs; refused with what does not fit (shape, element type, unknown names). */
  'models.mapInputs': { input: z.strictObject({ modelId: id, mapping: OnnxMappingSchema }), output: OnnxModelViewSchema },
  /** Runs the mapped model on rows of feature values (one value per mapped feature, in mapping order): a check against the numbers the model gave where it was trained. */
  'models.predictOnnx': {
    input: z.strictObject({ modelId: id, rows: z.array(z.array(finite).min(1).max(4096)).min(1).max(1000) }),
    output: z.object({ predictions: z.array(finite.nullable()) }),
  },
  'models.deleteOnnx': { input: z.strictObject({ modelId: id }), output: z.object({ deleted: z.boolean() }) },
} as const;
