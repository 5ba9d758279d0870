/**
 * Sending a model file to core: base64 in ordered chunks that stay inside the WebSocket
 * transport's frame limit (as CSV imports are sent), then `models.importOnnx`, which loads the
 * bytes as an ONNX model before anything is stored.
 */
import { ONNX_CHUNK_MAX_CHARS, ONNX_MODEL_MAX_BYTES, type OnnxModelView } from '../../../shared/ipc/schemas/onnx-models';
import type { OnnxMapping, OnnxValue } from '../../../shared/ipc/schemas/onnx-models';
import type { RpcClient } from '../../lib/ipc/client';
import { uploadId } from '../strategies/lab/csv-upload';

/** Bytes per chunk: base64 makes 4 characters of every 3 bytes. */
const CHUNK_BYTES = (ONNX_CHUNK_MAX_CHARS / 4) * 3;

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function onnxTooLarge(bytes: number): string | null {
  return bytes > ONNX_MODEL_MAX_BYTES
    ? `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; models up to ${ONNX_MODEL_MAX_BYTES / 1024 / 1024} MB can be imported.`
    : null;
}

export async function importOnnxFile(
  client: RpcClient,
  name: string,
  fileName: string,
  bytes: Uint8Array,
  onProgress?: (fraction: number) => void,
): Promise<OnnxModelView> {
  const id = uploadId();
  const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
  for (let index = 0; index < chunks; index++) {
    await client.call('models.importOnnxChunk', {
      uploadId: id,
      index,
      base64: base64(bytes.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES)),
    });
    onProgress?.((index + 1) / chunks);
  }
  return client.call('models.importOnnx', { uploadId: id, chunks, name, fileName });
}

/** "float32 [N,3]" */
export function describeOnnxValue(value: OnnxValue): string {
  return value.tensor ? `${value.type} [${value.shape.join(',')}]` : 'not a tensor (map or sequence)';
}

/** Columns an input takes when its shape says so ([N,3] → 3, [N] → 1); null when symbolic. */
export function fixedColumns(value: OnnxValue): number | null {
  if (!value.tensor) return null;
  if (value.shape.length === 1) return 1;
  const last = value.shape.at(-1);
  return typeof last === 'number' ? last : null;
}

/**
 * A first mapping to edit: the stored one, or each tensor input filled from the Model block's
 * features in order, and the last column of the first tensor output (class 1 of [N,2] probabilities).
 */
export function draftMapping(model: OnnxModelView, features: readonly string[]): OnnxMapping {
  if (model.mapping) return model.mapping;
  let next = 0;
  const inputs = model.signature.inputs
    .filter((i) => i.tensor)
    .map((input) => {
      const columns = fixedColumns(input) ?? Math.max(1, features.length - next);
      const picked = Array.from({ length: columns }, () => features[next++] ?? features[0] ?? '');
      return { name: input.name, features: picked };
    });
  const output = model.signature.outputs.find((o) => o.tensor) ?? model.signature.outputs[0];
  const lastDim = output?.tensor ? output.shape.at(-1) : undefined;
  return { inputs, output: { name: output?.name ?? '', column: typeof lastDim === 'number' && lastDim > 1 ? lastDim - 1 : 0 } };
}
