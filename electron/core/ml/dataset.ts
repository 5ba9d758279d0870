/**
 * Features of a model: numeric outputs of builder blocks, evaluated in batch over the candles by
 * the strategy compiler (so a feature is exactly what the same block shows in a strategy). Only
 * the blocks the features depend on are compiled.
 */
import { BLOCKS, findOutput } from '../../../shared/strategy/blocks/index';
import { isBlockType } from '../../../shared/strategy/block-types';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { Timeframe } from '../../../shared/domain/types';
import type { CandleColumns } from '../strategy/candle-columns';
import { evaluateBatch, type OtherMarketBars } from '../strategy/compiler/batch-evaluator';
import { compileStrategy, StrategyCompileError } from '../strategy/compiler/compile';
import type { SignalFeed } from '../strategy/signal-feed';
import { ModelInputError } from './errors';

export interface FeatureRef {
  node: string;
  port: string;
}

export interface FeatureSet {
  names: string[];
  /** One column per feature, one value per bar (NaN while the block warms up). */
  columns: Float64Array[];
}

/** How a feature is named in reports: the block's label or title, its node id and port. */
export function featureName(graph: StrategyGraph, ref: FeatureRef): string {
  const node = graph.nodes.find((n) => n.id === ref.node);
  const title = node && isBlockType(node.type) ? BLOCKS[node.type].title : ref.node;
  return `${node?.label ?? title} (${ref.node}).${ref.port}`;
}

/** The nodes `refs` depend on (themselves included) and the edges between them. */
export function upstreamGraph(graph: StrategyGraph, nodeIds: readonly string[]): StrategyGraph {
  const keep = new Set<string>();
  const visit = (id: string): void => {
    if (keep.has(id)) return;
    keep.add(id);
    for (const e of graph.edges) if (e.to.node === id) visit(e.from.node);
  };
  nodeIds.forEach(visit);
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: graph.edges.filter((e) => keep.has(e.to.node) && keep.has(e.from.node)),
  };
}

export function checkFeatureRefs(graph: StrategyGraph, refs: readonly FeatureRef[]): void {
  if (refs.length === 0)
    throw new ModelInputError(
      'The model has no features: connect at least one number output (an indicator, a price, a maths block) to it.',
    );
  for (const ref of refs) {
    const node = graph.nodes.find((n) => n.id === ref.node);
    if (!node || !isBlockType(node.type))
      throw new ModelInputError(`Feature ${ref.node}.${ref.port}: there is no block "${ref.node}" in the graph.`);
    const output = findOutput(BLOCKS[node.type], ref.port);
    if (!output) throw new ModelInputError(`Feature ${featureName(graph, ref)}: the block has no output "${ref.port}".`);
    if (output.type !== 'number') {
      throw new ModelInputError(
        `Feature ${featureName(graph, ref)} is a ${output.type} output; features are number outputs (indicators, prices, maths).`,
      );
    }
  }
}

export function featureColumns(
  graph: StrategyGraph,
  refs: readonly FeatureRef[],
  candles: CandleColumns,
  options: { timeframe?: Timeframe; signals?: SignalFeed; otherMarkets?: OtherMarketBars } = {},
): FeatureSet {
  checkFeatureRefs(graph, refs);
  const sub = upstreamGraph(
    graph,
    refs.map((r) => r.node),
  );
  let compiled;
  try {
    compiled = compileStrategy(sub, { includeUnusedNodes: true, allowNoActions: true, signals: options.signals });
  } catch (error) {
    if (error instanceof StrategyCompileError) throw new ModelInputError(`The model's features cannot be computed: ${error.message}`);
    throw error;
  }
  if (compiled.positional)
    throw new ModelInputError('A model feature reads the strategy position (a Position block); features must come from market data only.');
  const evaluation = evaluateBatch(compiled, candles, {
    timeframe: options.timeframe,
    ...(options.otherMarkets ? { otherMarkets: options.otherMarkets } : {}),
  });
  return {
    names: refs.map((ref) => featureName(graph, ref)),
    columns: refs.map((ref) => Float64Array.from(evaluation.series(ref.node, ref.port) as Float64Array)),
  };
}
