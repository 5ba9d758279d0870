import { TradewindError } from '../../../shared/ipc/errors';
import type { onnxModelMethods } from '../../../shared/ipc/schemas/onnx-models';
import type { OnnxModelStore } from '../ml/onnx/onnx-model-store';
import type { CsvUploads } from '../strategies/csv-uploads';
import type { Handlers } from './dispatch';

type OnnxModelHandlers = Pick<Handlers, keyof typeof onnxModelMethods>;

/** The whole upload as bytes: the chunks are consecutive pieces of one base64 text. */
function decodeUpload(base64: string, fileName: string): Buffer {
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
    throw new TradewindError(
      'invalid_input',
      `"${fileName}" did not arrive as one base64 text (chunks must be consecutive pieces of it); import it again.`,
    );
  return Buffer.from(base64, 'base64');
}

/** ONNX import (in chunks, like CSV files: the WebSocket transport takes 256 KB frames), mapping, a trial run and delete. */
export function createOnnxModelHandlers(store: OnnxModelStore, uploads: CsvUploads): OnnxModelHandlers {
  return {
    'models.importOnnxChunk': ({ uploadId, index, base64 }, ctx) => ({ received: uploads.add(ctx.sessionId, uploadId, index, base64) }),
    'models.importOnnx': ({ uploadId, chunks, name, fileName }, ctx) =>
      store.importModel({ name, fileName, bytes: decodeUpload(uploads.take(ctx.sessionId, uploadId, chunks), fileName) }),
    'models.listOnnx': () => store.list(),
    'models.mapInputs': ({ modelId, mapping }) => store.mapInputs(modelId, mapping),
    'models.predictOnnx': async ({ modelId, rows }) => {
      const predictor = await store.predictor(modelId);
      const width = predictor.features.length;
      const wrong = rows.findIndex((row) => row.length !== width);
      if (wrong >= 0)
        throw new TradewindError(
          'invalid_input',
          `Row ${wrong} has ${rows[wrong]!.length} values; the mapping takes ${width} (${predictor.features.join(', ')}), in that order.`,
        );
      const columns = predictor.features.map((_, f) => Float64Array.from(rows, (row) => row[f]!));
      const predictions = predictor.predictBatch(columns, rows.length);
      return { predictions: Array.from(predictions, (p) => (Number.isFinite(p) ? p : null)) };
    },
    'models.deleteOnnx': async ({ modelId }) => ({ deleted: await store.remove(modelId) }),
  };
}
