/**
 * One entry point per direction: fit a model of the spec's kind on a window's rows, or load one
 * back from its stored document. ONNX models are a kind the registry and the Model block carry,
 * but they are trained elsewhere and imported, so fitting one is refused here.
 */
import type { ModelSpec } from '../../../../shared/ml/model-spec';
import { ModelInputError } from '../errors';
import { fitForestClassifier, fitForestRegressor, loadForest } from './forest';
import { fitLinear, fitLogistic, loadLinear, loadLogistic } from './linear';
import type { FitControl, SerializedModel, TrainedModel } from './model-types';
import { checkXGBoostDocument, fitXGBoost, loadXGBoostModel } from './xgboost';

export function fitModel(spec: ModelSpec, rows: Float64Array[], labels: number[], seed: number, control: FitControl = {}): TrainedModel {
  switch (spec.kind) {
    case 'xgboostClassifier':
    case 'xgboostRegressor':
      return fitXGBoost(spec.kind, spec.xgboost, rows, labels, seed, control);
    case 'randomForestClassifier':
      return fitForestClassifier(spec.forest, rows, labels, seed);
    case 'randomForestRegressor':
      return fitForestRegressor(spec.forest, rows, labels, seed);
    case 'logistic':
      return fitLogistic(spec.logistic, rows, labels);
    case 'linear':
      return fitLinear(rows, labels);
    case 'onnx':
      throw new ModelInputError('An ONNX model is trained elsewhere and imported; it cannot be trained walk-forward here.');
  }
}

export function loadModel(document: unknown): TrainedModel {
  const doc = modelDocument(document);
  try {
    switch (doc.kind) {
      case 'xgboostClassifier':
      case 'xgboostRegressor':
        try {
          return loadXGBoostModel(doc.kind, doc.model);
        } catch (error) {
          throw unreadable(doc, error);
        }
      case 'randomForestClassifier':
      case 'randomForestRegressor':
        return loadForest(doc.kind, doc.model);
      case 'logistic':
        return loadLogistic(doc.model);
      case 'linear':
        return loadLinear(doc.model);
      default:
        throw new ModelInputError(`Unknown or non-loadable model kind "${String(doc.kind)}".`);
    }
  } catch (error) {
    if (error instanceof ModelInputError) throw error;
    throw unreadable(doc, error);
  }
}

/**
 * Checks a stored model without keeping it: XGBoost documents by their shape and checksum (no
 * WebAssembly needed, so core reads the registry without loading XGBoost), the others by loading.
 */
export function checkModelDocument(document: unknown): void {
  const doc = modelDocument(document);
  if (doc.kind === 'xgboostClassifier' || doc.kind === 'xgboostRegressor') {
    try {
      checkXGBoostDocument(doc.kind, doc.model);
    } catch (error) {
      throw unreadable(doc, error);
    }
    return;
  }
  loadModel(doc).dispose?.();
}

function modelDocument(document: unknown): SerializedModel {
  const doc = document as Partial<SerializedModel> | null;
  if (!doc || typeof doc !== 'object' || typeof doc.kind !== 'string' || doc.model === undefined) {
    throw new ModelInputError('The model document is not a Tradewind model (no kind or model).');
  }
  return doc as SerializedModel;
}

function unreadable(doc: SerializedModel, error: unknown): ModelInputError {
  return new ModelInputError(`The ${doc.kind} model document cannot be read (${error instanceof Error ? error.message : String(error)}).`);
}
