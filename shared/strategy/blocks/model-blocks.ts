import type { BlockDefinition, PortSpec } from '../block-types';

/** Model ids as the registry creates them (`mdl_…`) or as an ONNX import stores them (`onnx_…`). */
export const MODEL_ID_PATTERN = /^(mdl|onnx)_[0-9a-f]{16}$/;
/** An imported ONNX model (runs as exported: no walk-forward retraining, no version). */
export const ONNX_MODEL_ID_PATTERN = /^onnx_[0-9a-f]{16}$/;
/** Feature inputs a Model block offers; connect as many as the model has features, in order. */
export const MODEL_FEATURE_INPUTS = 8;

const featureInputs: PortSpec[] = Array.from({ length: MODEL_FEATURE_INPUTS }, (_, k) => ({
  name: `f${k + 1}`,
  type: 'number',
  title: `Feature ${k + 1}`,
  description: `Feature ${k + 1} of the model (any number output: an indicator, a price, maths of them). Connect features from 1 up, in the order the model was trained on.`,
  optional: k > 0,
}));

export const modelBlock: BlockDefinition = {
  type: 'model',
  category: 'model',
  title: 'Model',
  description:
    'A model trained walk-forward on the connected features (Models panel): per bar, the probability that the label is 1 (classifiers) or the predicted forward return in % (regressors). In a backtest and live it retrains every K bars on the bars before, with a purge gap, exactly as when it was trained; empty until its first training window is complete. An imported ONNX model (Models → Import ONNX) runs as exported on the features connected in the order of its input mapping.',
  inputs: featureInputs,
  outputs: [
    {
      name: 'value',
      type: 'number',
      title: 'Prediction',
      description:
        'Probability of label 1 (0–1) for classifiers, predicted forward return (%) for regressors; empty before the first window.',
    },
  ],
  params: [
    {
      name: 'model',
      kind: 'text',
      format: 'model',
      title: 'Model',
      description: 'The trained model (Models panel) this block runs, or an imported ONNX model.',
      default: '',
      optional: false,
    },
    {
      name: 'version',
      kind: 'integer',
      title: 'Version',
      description:
        'The model version pinned by this strategy (and the bots that run it); a retrained model is a new version. An imported ONNX model has one version: this is not read.',
      min: 1,
      max: 100_000,
      default: 1,
      step: 1,
    },
  ],
};
