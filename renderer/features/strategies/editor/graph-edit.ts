/**
 * Edits of a strategy graph as pure functions: each returns a new graph (the old one stays a
 * valid undo snapshot). The canvas turns gestures into these; nothing here knows about React.
 */
import type { BlockType, ParamValue } from '../../../../shared/strategy/block-types';
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import type { StrategyEdge, StrategyGraph, StrategyNode } from '../../../../shared/strategy/graph-schema';
import { edgeKey, nextNodeId } from './graph-names';

export interface XY {
  x: number;
  y: number;
}

/**
 * Adds a block with every parameter at its default, so an exported file says what it runs; a
 * typed level (a comparison's B) starts empty, so an input left unconnected is an error until a
 * number is typed rather than a silent comparison with 0.
 */
export function addBlock(graph: StrategyGraph, type: BlockType, position: XY): { graph: StrategyGraph; nodeId: string } {
  const nodeId = nextNodeId(new Set(graph.nodes.map((n) => n.id)), type);
  const params: Record<string, ParamValue> = {};
  const typedLevels = new Set(BLOCKS[type].inputs.map((input) => input.constantParam));
  for (const spec of BLOCKS[type].params) if (!typedLevels.has(spec.name)) params[spec.name] = spec.default;
  const node: StrategyNode = { id: nodeId, type, params, position: roundXY(position) };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, nodeId };
}

/** Removes nodes (with every connection touching them) and connections. */
export function removeElements(graph: StrategyGraph, nodeIds: ReadonlySet<string>, edgeKeys: ReadonlySet<string>): StrategyGraph {
  if (nodeIds.size === 0 && edgeKeys.size === 0) return graph;
  const nodes = graph.nodes.filter((n) => !nodeIds.has(n.id));
  const edges = graph.edges.filter((e) => !edgeKeys.has(edgeKey(e)) && !nodeIds.has(e.from.node) && !nodeIds.has(e.to.node));
  if (nodes.length === graph.nodes.length && edges.length === graph.edges.length) return graph;
  return { ...graph, nodes, edges };
}

/** Moves nodes; the same graph back when nothing moved (a click reports its position too). */
export function moveNodes(graph: StrategyGraph, positions: ReadonlyMap<string, XY>): StrategyGraph {
  let moved = false;
  const nodes = graph.nodes.map((n) => {
    const target = positions.get(n.id);
    if (!target) return n;
    const to = roundXY(target);
    if (n.position && n.position.x === to.x && n.position.y === to.y) return n;
    moved = true;
    return { ...n, position: to };
  });
  return moved ? { ...graph, nodes } : graph;
}

export function setParam(graph: StrategyGraph, nodeId: string, param: string, value: ParamValue): StrategyGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (n.id === nodeId ? { ...n, params: { ...n.params, [param]: value } } : n)),
  };
}

export function connect(graph: StrategyGraph, edge: StrategyEdge): StrategyGraph {
  const key = edgeKey(edge);
  if (graph.edges.some((e) => edgeKey(e) === key)) return graph;
  return { ...graph, edges: [...graph.edges, edge] };
}

/** What Ctrl+C holds: the chosen nodes and the connections among them. */
export interface Clip {
  nodes: StrategyNode[];
  edges: StrategyEdge[];
}

export function copySelection(graph: StrategyGraph, nodeIds: ReadonlySet<string>): Clip | null {
  const nodes = graph.nodes.filter((n) => nodeIds.has(n.id));
  if (nodes.length === 0) return null;
  const edges = graph.edges.filter((e) => nodeIds.has(e.from.node) && nodeIds.has(e.to.node));
  return { nodes, edges };
}

/**
 * Pastes a clip with fresh ids (the copies never collide with the originals or with each other),
 * its internal connections rewired to the copies, shifted by `offset` so the copy is visible.
 */
export function pasteClip(graph: StrategyGraph, clip: Clip, offset: XY = { x: 40, y: 40 }): { graph: StrategyGraph; nodeIds: string[] } {
  const taken = new Set(graph.nodes.map((n) => n.id));
  const idMap = new Map<string, string>();
  const copies: StrategyNode[] = clip.nodes.map((n) => {
    const id = nextNodeId(taken, n.type);
    taken.add(id);
    idMap.set(n.id, id);
    const position = roundXY({ x: (n.position?.x ?? 0) + offset.x, y: (n.position?.y ?? 0) + offset.y });
    return { ...n, id, params: { ...n.params }, position, ...(n.label ? { label: `${n.label} copy`.slice(0, 80) } : {}) };
  });
  const edges = clip.edges.flatMap((e) => {
    const from = idMap.get(e.from.node);
    const to = idMap.get(e.to.node);
    return from && to ? [{ from: { node: from, port: e.from.port }, to: { node: to, port: e.to.port } }] : [];
  });
  return { graph: { ...graph, nodes: [...graph.nodes, ...copies], edges: [...graph.edges, ...edges] }, nodeIds: copies.map((c) => c.id) };
}

/** Canvas positions are stored whole: sub-pixel noise would make every save a change. */
function roundXY(p: XY): XY {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
