import type { BlockType, ParamValue } from '../block-types';
import { STRATEGY_FORMAT, STRATEGY_SCHEMA_VERSION, type StrategyEdge, type StrategyGraph, type StrategyNode } from '../graph-schema';

/** Editor grid used to lay out template nodes left (data) to right (actions). */
const COLUMN_WIDTH = 240;
const ROW_HEIGHT = 140;

export function node(
  id: string,
  type: BlockType,
  params: Record<string, ParamValue>,
  column: number,
  row: number,
  label?: string,
): StrategyNode {
  return { id, type, params, position: { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT }, ...(label ? { label } : {}) };
}

/** `edge('candle.close', 'fast.source')`: output port → input port. */
export function edge(from: string, to: string): StrategyEdge {
  const [fromNode, fromPort] = from.split('.') as [string, string];
  const [toNode, toPort] = to.split('.') as [string, string];
  return { from: { node: fromNode, port: fromPort }, to: { node: toNode, port: toPort } };
}

export function graph(name: string, description: string, nodes: StrategyNode[], edges: StrategyEdge[]): StrategyGraph {
  return { format: STRATEGY_FORMAT, version: STRATEGY_SCHEMA_VERSION, name, description, nodes, edges };
}
