/**
 * How blocks are named in the editor, in handles' accessible names and in messages: the node's
 * label when it has one, else the block title with the number the editor gave it ("SMA 1").
 */
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import { isBlockType, type BlockDefinition, type BlockType } from '../../../../shared/strategy/block-types';
import type { StrategyEdge, StrategyGraph, StrategyNode } from '../../../../shared/strategy/graph-schema';

export function blockOf(node: Pick<StrategyNode, 'type'>): BlockDefinition | undefined {
  return isBlockType(node.type) ? BLOCKS[node.type] : undefined;
}

export function nodeDisplayName(node: StrategyNode): string {
  if (node.label) return node.label;
  const block = blockOf(node);
  if (!block) return node.id;
  const numbered = /^([A-Za-z]+?)(\d+)$/.exec(node.id);
  if (numbered && numbered[1] === node.type) return `${block.title} ${numbered[2]}`;
  // A block whose id is its type (a template's single Candle) needs no suffix.
  return node.id === node.type ? block.title : `${block.title} (${node.id})`;
}

/** The first free id of the form `<type><n>`, e.g. `sma1`, `sma2` (ids must stay valid node ids). */
export function nextNodeId(taken: ReadonlySet<string>, type: BlockType | string): string {
  const prefix = /^[A-Za-z][A-Za-z0-9]{0,40}$/.test(type) ? type : 'node';
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Stable id of a connection: one output port to one input port. */
export function edgeKey(edge: StrategyEdge): string {
  return `${edge.from.node}.${edge.from.port}>${edge.to.node}.${edge.to.port}`;
}

export function findNode(graph: StrategyGraph, id: string): StrategyNode | undefined {
  return graph.nodes.find((n) => n.id === id);
}
