/**
 * Model blocks running imported ONNX models. onnxruntime-node is a native addon that the
 * self-contained backtest worker bundles cannot load, so a backtest's ONNX predictions are
 * computed here in core, batched over the run's candles (`onnxPredictionColumns`), and handed to
 * the worker as plain columns (ml/model-feed.ts `modelFeedFromData`), as signal logs are. Both
 * paths run the same `onnxBlockRuntime`, so a backtest's column is what a bot's bar-by-bar
 * evaluation gives.
 */
import { TradewindError } from '../../../../shared/ipc/errors';
import type { Timeframe } from '../../../../shared/domain/types';
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import { ONNX_MODEL_ID_PATTERN } from '../../../../shared/strategy/blocks/model-blocks';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import type { CandleColumns } from '../../strategy/candle-columns';
import { evaluateBatch, type OtherMarketBars } from '../../strategy/compiler/batch-evaluator';
import { compileStrategy } from '../../strategy/compiler/compile';
import { SignalTape, type SignalFeedData } from '../../strategy/signal-feed';
import { ModelInputError } from '../errors';
import { modelFeed, type ModelFeedData, type OnnxColumns, type OnnxRuntimeSource } from '../model-feed';
import { planMapping } from './input-mapping';
import { onnxBlockRuntime } from './onnx-block-runtime';
import type { OnnxModelStore } from './onnx-model-store';
import type { OnnxPredictor } from './onnx-predictor';

export interface OnnxBlock {
  nodeId: string;
  /** How messages name the block, e.g. `Model block "Up next bars"`. */
  label: string;
  modelId: string;
  /** Feature inputs connected (f1 up). */
  connected: number;
}

/** The graph's Model blocks that name an imported ONNX model. */
export function onnxBlocksOf(graph: StrategyGraph): OnnxBlock[] {
  return graph.nodes.flatMap((node) => {
    const modelId = String(node.params.model ?? '');
    if (node.type !== 'model' || !ONNX_MODEL_ID_PATTERN.test(modelId)) return [];
    const connected = BLOCKS.model.inputs.filter((input) =>
      graph.edges.some((e) => e.to.node === node.id && e.to.port === input.name),
    ).length;
    return [{ nodeId: node.id, label: `Model block "${node.label ?? node.id}"`, modelId, connected }];
  });
}

const countMismatch = (label: string, name: string, features: readonly string[], connected: number): string =>
  `${label}: the ONNX model "${name}" is mapped to ${features.length} feature${features.length === 1 ? '' : 's'} (${features.join(', ')}), and ${connected} ${connected === 1 ? 'is' : 'are'} connected. Connect one builder output per mapped feature, in the mapping's order, or change the model's mapping.`;

/**
 * Refuses, before anything runs, an ONNX Model block whose model is not imported, has no input
 * mapping, or is mapped to another number of features than the block has connected.
 */
export function checkOnnxBlocks(store: Pick<OnnxModelStore, 'get'>, graph: StrategyGraph): OnnxBlock[] {
  const blocks = onnxBlocksOf(graph);
  for (const block of blocks) {
    let model;
    try {
      model = store.get(block.modelId);
    } catch (error) {
      if (error instanceof TradewindError) throw new TradewindError('invalid_input', `${block.label}: ${error.message}`);
      throw error;
    }
    if (!model.mapping)
      throw new TradewindError(
        'invalid_input',
        `${block.label}: the ONNX model "${model.name}" has no input mapping yet; map its inputs to builder outputs in the Models panel first.`,
      );
    const { features } = planMapping(model.signature, model.mapping);
    if (features.length !== block.connected)
      throw new TradewindError('invalid_input', countMismatch(block.label, model.name, features, block.connected));
  }
  return blocks;
}

/** Opens (or reuses) the predictor of every ONNX model the blocks name, by model id. */
export async function openOnnxPredictors(
  store: Pick<OnnxModelStore, 'predictor'>,
  blocks: readonly OnnxBlock[],
): Promise<Map<string, OnnxPredictor>> {
  const predictors = new Map<string, OnnxPredictor>();
  for (const { modelId } of blocks) if (!predictors.has(modelId)) predictors.set(modelId, await store.predictor(modelId));
  return predictors;
}

/** ONNX Model blocks run by their predictors in core, the connected feature count checked against the mapping. */
export function onnxRuntimeSource(predictors: ReadonlyMap<string, OnnxPredictor>): OnnxRuntimeSource {
  return (block, modelId, features, output) => {
    const predictor = predictors.get(modelId);
    if (!predictor)
      throw new ModelInputError(`${block.label}: the ONNX model ${modelId} is not open here; import it (Models → Import ONNX).`);
    if (predictor.features.length !== features.length)
      throw new ModelInputError(countMismatch(block.label, predictor.modelName, predictor.features, features.length));
    return onnxBlockRuntime(predictor, features, output);
  };
}

export interface OnnxColumnsRequest {
  predictors: ReadonlyMap<string, OnnxPredictor>;
  /** The walk-forward versions the graph pins (an ONNX block may read another Model block's output). */
  versions?: ModelFeedData;
  signals?: SignalFeedData;
  timeframe?: Timeframe;
  /** The bars of the markets the graph's "Other market" blocks read (a feature may come from one). */
  otherMarkets?: OtherMarketBars;
}

/**
 * Each ONNX Model block's prediction column over `candles`, computed as the backtest would compute
 * it (same compiler, same feature columns): what the backtest worker is handed.
 */
export function onnxPredictionColumns(graph: StrategyGraph, candles: CandleColumns, request: OnnxColumnsRequest): OnnxColumns {
  const versions = request.versions ?? [];
  const compiled = compileStrategy(graph, {
    models: modelFeed((id, version) => versions.find((v) => v.id === id && v.version === version), onnxRuntimeSource(request.predictors)),
    ...(request.signals ? { signals: SignalTape.from(request.signals) } : {}),
  });
  const onnxNodes = new Set(onnxBlocksOf(graph).map((b) => b.nodeId));
  const steps = compiled.steps.filter((step) => onnxNodes.has(step.nodeId));
  if (steps.length === 0) return {};
  const positional = steps.find((step) => step.positional);
  if (positional)
    throw new ModelInputError(
      `${onnxBlocksOf(graph).find((b) => b.nodeId === positional.nodeId)!.label}: a feature of this ONNX model depends on the strategy's position, which a backtest only knows bar by bar; feed it market data (prices, indicators, maths of them) only.`,
    );
  const evaluation = evaluateBatch(compiled, candles, {
    ...(request.timeframe ? { timeframe: request.timeframe } : {}),
    ...(request.otherMarkets ? { otherMarkets: request.otherMarkets } : {}),
  });
  return Object.fromEntries(steps.map((step) => [step.nodeId, Float64Array.from(evaluation.series(step.nodeId, 'value') as Float64Array)]));
}
