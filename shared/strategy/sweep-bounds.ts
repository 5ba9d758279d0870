/**
 * Where a parameter can sensibly be swept. Most parameters carry their own bounds in the
 * catalogue; a Constant does not (it is any number), so a constant compared with a bounded
 * series (RSI, stochastic: 0–100) takes that series' bounds: an RSI level of 140 never triggers.
 */
import { isBlockType, type NumberParamSpec } from './block-types';
import { BLOCKS } from './blocks/index';
import type { StrategyGraph } from './graph-schema';

export interface SweepBounds {
  min: number;
  max: number;
}

/** The bounds of the series a node's output is compared with, when every such series has the same bounds. */
function comparedRange(graph: StrategyGraph, nodeId: string): SweepBounds | null {
  let found: SweepBounds | null = null;
  for (const edge of graph.edges) {
    if (edge.from.node !== nodeId) continue;
    const target = graph.nodes.find((n) => n.id === edge.to.node);
    if (!target || !isBlockType(target.type) || BLOCKS[target.type].category !== 'comparison') continue;
    const otherPort = edge.to.port === 'a' ? 'b' : 'a';
    const other = graph.edges.find((e) => e.to.node === target.id && e.to.port === otherPort);
    const source = other ? graph.nodes.find((n) => n.id === other.from.node) : undefined;
    if (!other || !source || !isBlockType(source.type)) continue;
    const range = BLOCKS[source.type].outputs.find((p) => p.name === other.from.port)?.range;
    if (!range) return null;
    if (found && (found.min !== range.min || found.max !== range.max)) return null;
    found = range;
  }
  return found;
}

/** The bounds of the series wired into port `a` of a comparison (what its typed B is compared with). */
function rangeOnA(graph: StrategyGraph, nodeId: string): SweepBounds | null {
  const wire = graph.edges.find((e) => e.to.node === nodeId && e.to.port === 'a');
  const source = wire ? graph.nodes.find((n) => n.id === wire.from.node) : undefined;
  if (!wire || !source || !isBlockType(source.type)) return null;
  return BLOCKS[source.type].outputs.find((p) => p.name === wire.from.port)?.range ?? null;
}

export function sweepBounds(graph: StrategyGraph, nodeId: string, spec: NumberParamSpec): SweepBounds {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const typedLevel = node !== undefined && isBlockType(node.type) && BLOCKS[node.type].inputs.some((p) => p.constantParam === spec.name);
  const range =
    node?.type === 'constant' && spec.name === 'value' ? comparedRange(graph, nodeId) : typedLevel ? rangeOnA(graph, nodeId) : null;
  if (range) return { min: Math.max(spec.min, range.min), max: Math.min(spec.max, range.max) };
  return { min: spec.min, max: spec.max };
}
