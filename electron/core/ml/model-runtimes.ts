/**
 * Model libraries that must be loaded asynchronously before a model can be opened synchronously in
 * this thread: XGBoost's WebAssembly (models/xgboost-wasm.ts). A bot opens its Model blocks'
 * fitted models on core's thread (live-model.ts), so whatever starts or checks such a bot awaits
 * this first. Loaded once per thread (about 0.1 s), and only for graphs with a walk-forward Model
 * block, so hosts that never run one never load it.
 */
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { ONNX_MODEL_ID_PATTERN } from '../../../shared/strategy/blocks/model-blocks';
import { loadXGBoost } from './models/xgboost-wasm';

export async function loadModelRuntimes(graph: StrategyGraph): Promise<void> {
  const walkForward = graph.nodes.some((node) => node.type === 'model' && !ONNX_MODEL_ID_PATTERN.test(String(node.params.model ?? '')));
  if (walkForward) await loadXGBoost();
}
