/**
 * The model registry: every trained version as one JSON file, `<data folder>/models/<id>/v<N>.json`,
 * written atomically (a temporary file renamed into place), so a crash never leaves half a model
 * and models survive restarts. Files are read back through the schema and the stored model is
 * checked (loaded, or for XGBoost its checksum verified), so a damaged or hand-edited file is refused naming the file, never half-used.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TradewindError } from '../../../shared/ipc/errors';
import { ModelVersionSchema, summariseVersion, type ModelVersion, type ModelVersionSummary } from '../../../shared/ml/model-record';
import { ModelInputError } from './errors';
import { checkModelDocument } from './models/fit';

export type NewModelVersion = Omit<ModelVersion, 'id' | 'version' | 'createdAt'>;

export interface UnreadableModelFile {
  file: string;
  problem: string;
}

const VERSION_FILE = /^v(\d{1,6})\.json$/;
const ID_DIR = /^mdl_[0-9a-f]{16}$/;

export class ModelRegistry {
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every readable version, newest first, and the files that could not be read (named, not hidden). */
  list(): { versions: ModelVersionSummary[]; unreadable: UnreadableModelFile[] } {
    const versions: ModelVersionSummary[] = [];
    const unreadable: UnreadableModelFile[] = [];
    for (const id of this.ids()) {
      for (const number of this.versionNumbers(id)) {
        try {
          versions.push(summariseVersion(this.read(id, number)));
        } catch (error) {
          unreadable.push({ file: this.file(id, number), problem: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    versions.sort((a, b) => b.createdAt - a.createdAt || b.version - a.version);
    return { versions, unreadable };
  }

  get(id: string, version: number): ModelVersion {
    if (!fs.existsSync(this.file(id, version))) throw new TradewindError('not_found', `There is no version ${version} of model ${id}.`);
    return this.read(id, version);
  }

  /** For Model blocks: undefined when the version does not exist (the block says so, naming itself). */
  find(id: string, version: number): ModelVersion | undefined {
    if (!ID_DIR.test(id) || !fs.existsSync(this.file(id, version))) return undefined;
    return this.read(id, version);
  }

  /** Stores a new model (no `id`) or the next version of an existing one. */
  save(draft: NewModelVersion, id?: string): ModelVersion {
    if (id !== undefined && this.versionNumbers(id).length === 0)
      throw new TradewindError('not_found', `There is no model ${id} to add a version to.`);
    const modelId = id ?? `mdl_${crypto.randomBytes(8).toString('hex')}`;
    const version = Math.max(0, ...this.versionNumbers(modelId)) + 1;
    const record = ModelVersionSchema.parse({ ...draft, id: modelId, version, createdAt: this.now() });
    const file = this.file(modelId, version);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, JSON.stringify(record), { mode: 0o600 });
    fs.renameSync(partial, file);
    return record;
  }

  /** Deletes one version, or every version of the model; returns how many files went. */
  delete(id: string, version?: number): number {
    const numbers = version === undefined ? this.versionNumbers(id) : this.versionNumbers(id).filter((v) => v === version);
    for (const number of numbers) fs.rmSync(this.file(id, number), { force: true });
    if (this.versionNumbers(id).length === 0) fs.rmSync(path.join(this.dir, id), { recursive: true, force: true });
    return numbers.length;
  }

  private read(id: string, version: number): ModelVersion {
    const file = this.file(id, version);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw corrupt(file, error instanceof SyntaxError ? 'not valid JSON' : String(error));
    }
    const checked = ModelVersionSchema.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw corrupt(file, `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    }
    if (checked.data.id !== id || checked.data.version !== version)
      throw corrupt(file, `it says it is ${checked.data.id} v${checked.data.version}`);
    if (checked.data.latest) {
      try {
        checkModelDocument(checked.data.latest.model);
      } catch (error) {
        throw corrupt(file, error instanceof Error ? error.message : String(error));
      }
    }
    return checked.data;
  }

  private file(id: string, version: number): string {
    if (!ID_DIR.test(id)) throw new TradewindError('invalid_input', `"${id}" is not a model id.`);
    return path.join(this.dir, id, `v${version}.json`);
  }

  private ids(): string[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs.readdirSync(this.dir).filter((name) => ID_DIR.test(name));
  }

  private versionNumbers(id: string): number[] {
    const folder = path.join(this.dir, id);
    if (!ID_DIR.test(id) || !fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .map((name) => VERSION_FILE.exec(name)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }
}

function corrupt(file: string, problem: string): ModelInputError {
  return new ModelInputError(`The model file ${file} is corrupt (${problem}): delete this version and train it again.`);
}
