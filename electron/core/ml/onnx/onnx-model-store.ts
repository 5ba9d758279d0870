/**
 * Imported ONNX models: the file copied into `<data folder>/models/onnx/<id>.onnx` with its
 * sha256, the signature onnxruntime read from it and the user's input mapping in SQLite
 * (`onnx_models`). A file that does not load as a model is refused before anything is written;
 * a stored copy whose hash no longer matches is refused when it is opened.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { TradewindError } from '../../../../shared/ipc/errors';
import {
  ONNX_MODEL_MAX_BYTES,
  OnnxMappingSchema,
  OnnxSignatureSchema,
  type OnnxMapping,
  type OnnxModelView,
} from '../../../../shared/ipc/schemas/onnx-models';
import { planMapping } from './input-mapping';
import {
  createSession,
  createSyncSession,
  loadOnnxRuntime,
  runtimeVersion,
  signatureOf,
  type OrtSession,
  type SyncSession,
} from './onnx-runtime';
import { OnnxPredictor } from './onnx-predictor';

interface Row {
  id: string;
  name: string;
  file_name: string;
  sha256: string;
  size_bytes: number;
  runtime: string;
  signature_json: string;
  mapping_json: string | null;
  imported_at: number;
}

const viewOf = (row: Row): OnnxModelView => ({
  id: row.id,
  name: row.name,
  fileName: row.file_name,
  sha256: row.sha256,
  sizeBytes: row.size_bytes,
  importedAt: row.imported_at,
  runtime: row.runtime,
  signature: OnnxSignatureSchema.parse(JSON.parse(row.signature_json)),
  mapping: row.mapping_json === null ? null : OnnxMappingSchema.parse(JSON.parse(row.mapping_json)),
});

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A session of its own for one holder (a running bot): the file is read and its hash checked when it is opened. */
export interface OnnxLease {
  predictor: OnnxPredictor;
  /** Releases the session (idempotent). */
  close(): void;
}

export interface OnnxImport {
  name: string;
  fileName: string;
  bytes: Uint8Array;
}

export class OnnxModelStore {
  private readonly folder: string;
  /** Open sessions by model id, created on first prediction and kept until the mapping changes or the model goes. */
  private readonly open = new Map<string, Promise<{ session: SyncSession; predictor: OnnxPredictor }>>();
  /** Sessions held by running bots, each its own (a bot's stop never closes another's), released on close. */
  private readonly leased = new Set<SyncSession>();

  constructor(
    private readonly db: Database,
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.folder = path.join(dataDir, 'models', 'onnx');
  }

  fileOf(id: string): string {
    return path.join(this.folder, `${id}.onnx`);
  }

  async importModel({ name, fileName, bytes }: OnnxImport): Promise<OnnxModelView> {
    if (bytes.length === 0)
      throw new TradewindError('invalid_input', `"${fileName}" is empty: pick the .onnx file the model was exported to.`);
    if (bytes.length > ONNX_MODEL_MAX_BYTES)
      throw new TradewindError(
        'invalid_input',
        `"${fileName}" is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; models up to ${ONNX_MODEL_MAX_BYTES / 1024 / 1024} MB can be imported.`,
      );
    const ort = await loadOnnxRuntime();
    // Loading it is the check: a file onnxruntime cannot parse or whose graph it refuses is not saved.
    let session: OrtSession;
    try {
      session = await createSession(ort, bytes);
    } catch (error) {
      throw new TradewindError(
        'invalid_input',
        `"${fileName}" is not an ONNX model onnxruntime can load (${reason(error)}). Export the model to ONNX (e.g. skl2onnx, onnxmltools, FreqAI's ONNX export) and import the .onnx file. Nothing was saved.`,
      );
    }
    let signature;
    try {
      signature = signatureOf(session);
    } finally {
      await session.release();
    }
    if (!signature.inputs.some((input) => input.tensor) || !signature.outputs.some((output) => output.tensor && output.type !== 'string'))
      throw new TradewindError(
        'invalid_input',
        `"${fileName}" has no tensor input or no numeric tensor output, so builder outputs cannot feed it or read a prediction from it. Nothing was saved.`,
      );
    const id = `onnx_${randomBytes(8).toString('hex')}`;
    const file = this.fileOf(id);
    mkdirSync(this.folder, { recursive: true });
    // Written aside and renamed: a crash leaves either no file or the whole one, never half a model.
    writeFileSync(`${file}.partial`, bytes, { mode: 0o600 });
    renameSync(`${file}.partial`, file);
    const row: Row = {
      id,
      name,
      file_name: path.basename(fileName),
      sha256: sha256(bytes),
      size_bytes: bytes.length,
      runtime: runtimeVersion(ort),
      signature_json: JSON.stringify(signature),
      mapping_json: null,
      imported_at: this.now(),
    };
    try {
      this.db
        .prepare(
          `INSERT INTO onnx_models (id, name, file_name, sha256, size_bytes, runtime, signature_json, mapping_json, imported_at)
           VALUES (@id, @name, @file_name, @sha256, @size_bytes, @runtime, @signature_json, @mapping_json, @imported_at)`,
        )
        .run(row);
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    }
    return viewOf(row);
  }

  list(): OnnxModelView[] {
    return (this.db.prepare('SELECT * FROM onnx_models ORDER BY imported_at DESC, id').all() as Row[]).map(viewOf);
  }

  get(id: string): OnnxModelView {
    const row = this.db.prepare('SELECT * FROM onnx_models WHERE id = ?').get(id) as Row | undefined;
    if (!row)
      throw new TradewindError('not_found', `No imported ONNX model has the id ${id}; import the model first (Models → Import ONNX).`);
    return viewOf(row);
  }

  /** Checks the mapping against the model's signature and stores it; the model's open session is dropped. */
  async mapInputs(id: string, mapping: OnnxMapping): Promise<OnnxModelView> {
    const model = this.get(id);
    planMapping(model.signature, mapping);
    this.db.prepare('UPDATE onnx_models SET mapping_json = ? WHERE id = ?').run(JSON.stringify(mapping), id);
    await this.forget(id);
    return this.get(id);
  }

  /** The predictor of a mapped model, loading the stored file (hash checked) on first use. */
  async predictor(id: string): Promise<OnnxPredictor> {
    let opening = this.open.get(id);
    if (!opening) {
      opening = this.openModel(id);
      this.open.set(id, opening);
      opening.catch(() => this.open.delete(id));
    }
    return (await opening).predictor;
  }

  /**
   * A session of the model's own, for a bot that runs it bar by bar: opened from the stored file
   * now (a changed or missing file is refused with the reason, even if a backtest has the model
   * open), kept until the holder closes it.
   */
  async lease(id: string): Promise<OnnxLease> {
    const { session, predictor } = await this.openModel(id);
    this.leased.add(session);
    return {
      predictor,
      close: () => {
        if (this.leased.delete(session)) session.release();
      },
    };
  }

  /** Sessions held by bots now. */
  get leasedSessions(): number {
    return this.leased.size;
  }

  async remove(id: string): Promise<boolean> {
    await this.forget(id);
    const deleted = this.db.prepare('DELETE FROM onnx_models WHERE id = ?').run(id).changes > 0;
    rmSync(this.fileOf(id), { force: true });
    return deleted;
  }

  async close(): Promise<void> {
    for (const session of this.leased) session.release();
    this.leased.clear();
    await Promise.all([...this.open.keys()].map((id) => this.forget(id)));
  }

  private async openModel(id: string): Promise<{ session: SyncSession; predictor: OnnxPredictor }> {
    const model = this.get(id);
    if (!model.mapping)
      throw new TradewindError('invalid_input', `Model "${model.name}" has no input mapping yet: map its inputs to builder outputs first.`);
    const plan = planMapping(model.signature, model.mapping);
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.fileOf(id));
    } catch (error) {
      throw new TradewindError(
        'not_found',
        `The stored copy of model "${model.name}" cannot be read (${reason(error)}); import the model again.`,
      );
    }
    if (sha256(bytes) !== model.sha256)
      throw new TradewindError(
        'invalid_input',
        `The stored copy of model "${model.name}" (${this.fileOf(id)}) has changed since it was imported (its sha256 differs); import the model again.`,
      );
    const { ort, session } = await createSyncSession(bytes);
    return { session, predictor: new OnnxPredictor(ort, session, plan, model.name) };
  }

  private async forget(id: string): Promise<void> {
    const opening = this.open.get(id);
    this.open.delete(id);
    const opened = await opening?.catch(() => undefined);
    opened?.session.release();
  }
}
