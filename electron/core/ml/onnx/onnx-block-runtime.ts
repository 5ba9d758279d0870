/**
 * A Model block running an imported ONNX model, as the strategy compiler runs every block: `batch`
 * fills the block's column for a backtest in one batched pass, `stepper` computes the newest bar
 * live. Both feed the same feature values through the same predictor (the connected feature
 * inputs, in the order of the model's mapping) and give the same prediction per bar.
 */
import type { NodeRuntime } from '../../strategy/compiler/runtime-types';
import type { OnnxPredictor } from './onnx-predictor';

export function onnxBlockRuntime(predictor: OnnxPredictor, features: readonly number[], output: number): NodeRuntime {
  return {
    batch(cols, n) {
      const predictions = predictor.predictBatch(
        features.map((slot) => cols.num[slot]!),
        n,
      );
      cols.num[output]!.set(predictions);
    },
    stepper(regs) {
      const row = new Float64Array(features.length);
      return () => {
        for (let f = 0; f < features.length; f++) row[f] = regs.num[features[f]!]!;
        regs.num[output] = predictor.predictBar(row);
      };
    },
  };
}
