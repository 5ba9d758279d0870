/**
 * Gradient-boosted trees with XGBoost (`ml-xgboost`, see xgboost-wasm.ts): `binary:logistic` for
 * classifiers (the probability of label 1) and `reg:linear` for regressors (this XGBoost's name for
 * squared error; its base score starts at the labels' mean). The seed drives the row and feature
 * sampling, so one seed gives one model. The stored document is XGBoost's own binary model file
 * (base64) with its SHA-256: the registry checks it without loading XGBoost, and a file whose
 * bytes changed is refused before they reach the WebAssembly (which cannot recover from a bad file).
 */
import crypto from 'node:crypto';
import type { ModelSpec } from '../../../../shared/ml/model-spec';
import { ModelInputError } from '../errors';
import { libraryVersion } from './library-versions';
import type { FitControl, SerializedModel, TrainedModel } from './model-types';
import { xgboostRuntime } from './xgboost-wasm';

type XGBoostKind = 'xgboostClassifier' | 'xgboostRegressor';

/** What `model` holds in a stored XGBoost model. */
interface XGBoostDocument {
  format: 'xgboost-binary';
  objective: string;
  /** Input columns the model was trained on. */
  width: number;
  base64: string;
  sha256: string;
}

const OBJECTIVE: Record<XGBoostKind, string> = { xgboostClassifier: 'binary:logistic', xgboostRegressor: 'reg:linear' };

export function fitXGBoost(
  kind: XGBoostKind,
  params: ModelSpec['xgboost'],
  rows: Float64Array[],
  labels: number[],
  seed: number,
  control: FitControl = {},
): TrainedModel {
  const settings: Record<string, string | number> = {
    booster: 'gbtree',
    objective: OBJECTIVE[kind],
    tree_method: 'hist',
    max_depth: params.maxDepth,
    eta: params.learningRate,
    subsample: params.subsample,
    colsample_bytree: params.featureShare,
    min_child_weight: params.minChildWeight,
    seed,
    silent: 1,
  };
  if (kind === 'xgboostRegressor') settings.base_score = labels.reduce((a, b) => a + b, 0) / labels.length;
  const { handle, bytes } = xgboostRuntime().train(rows, labels, settings, params.trees, control.onRounds);
  return booster(kind, handle, bytes, rows[0]!.length);
}

function booster(kind: XGBoostKind, handle: number, bytes: Uint8Array, width: number): TrainedModel {
  const runtime = xgboostRuntime();
  let live = handle;
  const model: TrainedModel = {
    kind,
    predict(row) {
      if (live === 0) throw new Error('This XGBoost model was disposed.');
      return runtime.predict(live, row);
    },
    toJSON: (): SerializedModel => ({
      kind,
      library: libraryVersion('ml-xgboost'),
      model: {
        format: 'xgboost-binary',
        objective: OBJECTIVE[kind],
        width,
        base64: Buffer.from(bytes).toString('base64'),
        sha256: sha256(bytes),
      } satisfies XGBoostDocument,
    }),
    dispose() {
      if (live === 0) return;
      runtime.untrack(model);
      runtime.free(live);
      live = 0;
    },
  };
  runtime.track(model, handle);
  return model;
}

/** The model file's bytes after every check that needs no XGBoost (shape, objective, checksum). */
export function checkXGBoostDocument(kind: XGBoostKind, document: unknown): Uint8Array {
  const doc = document as Partial<XGBoostDocument> | null;
  if (
    !doc ||
    typeof doc !== 'object' ||
    doc.format !== 'xgboost-binary' ||
    typeof doc.base64 !== 'string' ||
    typeof doc.sha256 !== 'string'
  )
    throw new ModelInputError('the XGBoost model is not an XGBoost binary model document');
  if (doc.objective !== OBJECTIVE[kind])
    throw new ModelInputError(`the XGBoost model's objective is ${String(doc.objective)}, and a ${kind} needs ${OBJECTIVE[kind]}`);
  if (!Number.isInteger(doc.width) || doc.width! < 1) throw new ModelInputError('the XGBoost model does not say how many inputs it has');
  const bytes = new Uint8Array(Buffer.from(doc.base64, 'base64'));
  if (bytes.length === 0 || sha256(bytes) !== doc.sha256)
    throw new ModelInputError("the XGBoost model's bytes do not match their SHA-256 (the file was changed or truncated)");
  return bytes;
}

export function loadXGBoostModel(kind: XGBoostKind, document: unknown): TrainedModel {
  const bytes = checkXGBoostDocument(kind, document);
  return booster(kind, xgboostRuntime().load(bytes), bytes, (document as XGBoostDocument).width);
}

function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
