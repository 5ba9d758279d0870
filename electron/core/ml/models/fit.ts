/**
 * One entry point per direction: fit a model of the spec's kind on a window's rows, or load one
 * back from its stored document. ONNX models are a kind the registry and the Model block carry,
 * but they are trained elsewhere and imported, so fitting one is refused here.
 */
import type { ModelSpec } from '../../../../shared/ml/model-spec';
import { ModelInputError } from '../errors';
import { fitForestClassifier, fitForestRegressor, loadForest } from './forest';
import { fitLinear, fitLogistic, loadLinear, loadLogistic } from './linear';
import type { SerializedModel, TrainedModel } from './model-types';

export function fitModel(spec: ModelSpec, rows: Float64Array[], labels: number[], seed: number): TrainedModel {
  switch (spec.kind) {
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
  const doc = document as Partial<SerializedModel> | null;
  if (!doc || typeof doc !== 'object' || typeof doc.kind !== 'string' || doc.model === undefined) {
    throw new ModelInputError('The model document is not a Tradewind model (no kind or model).');
  }
  try {
    switch (doc.kind) {
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
    throw new ModelInputError(`The ${doc.kind} model document cannot be read (${error instanceof Error ? error.message : String(error)}).`);
  }
}
