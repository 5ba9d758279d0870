import type { StrategyGraph } from '../../../shared/strategy/graph-schema';

/** The Model blocks of a graph, by id and shown name. */
export function modelBlocks(graph: StrategyGraph): Array<{ id: string; name: string }> {
  return graph.nodes.filter((n) => n.type === 'model').map((n) => ({ id: n.id, name: n.label ?? n.id }));
}

/** The builder outputs (node.port) connected to a Model block's f1, f2, … in input order. */
export function blockFeatures(graph: StrategyGraph, nodeId: string): string[] {
  return graph.edges
    .filter((e) => e.to.node === nodeId && /^f\d+$/.test(e.to.port))
    .sort((a, b) => Number(a.to.port.slice(1)) - Number(b.to.port.slice(1)))
    .map((e) => `${e.from.node}.${e.from.port}`);
}
