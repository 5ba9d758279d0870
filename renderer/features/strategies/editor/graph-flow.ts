/**
 * The strategy graph is the truth; @xyflow/react gets a view of it. Nodes and edges are derived
 * here (with selection and validation issues attached), and the canvas's gestures come back as
 * graph edits. Edge ids are `node.port>node.port`, node ids are the strategy's own.
 */
import type { Edge, Node } from '@xyflow/react';
import type { PortType } from '../../../../shared/strategy/block-types';
import { findOutput } from '../../../../shared/strategy/blocks/index';
import type { StrategyEdge, StrategyGraph } from '../../../../shared/strategy/graph-schema';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import { higherTimeframeNodes } from '../../../../shared/strategy/node-timeframes';
import { unusedParams } from '../../../../shared/strategy/params';
import { blockOf, edgeKey, findNode, nodeDisplayName } from './graph-names';

export interface BlockNodeData extends Record<string, unknown> {
  nodeId: string;
  type: string;
  name: string;
  params: Readonly<Record<string, number | string>>;
  /** Errors and warnings that name this node. */
  issues: readonly StrategyIssue[];
  /** Parameters not shown because they have no effect here (a typed level whose input is connected). */
  hiddenParams: readonly string[];
  /** The block runs on this higher timeframe's bars ("4h"): its lookbacks read "Period (4h bars)". */
  barTimeframe?: string;
}

export type BlockFlowNode = Node<BlockNodeData, 'block'>;

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

export function issuesByNode(issues: readonly StrategyIssue[]): Map<string, StrategyIssue[]> {
  const map = new Map<string, StrategyIssue[]>();
  for (const issue of issues) {
    if (!issue.nodeId) continue;
    map.set(issue.nodeId, [...(map.get(issue.nodeId) ?? []), issue]);
  }
  return map;
}

export function toFlowNodes(graph: StrategyGraph, issues: ReadonlyMap<string, StrategyIssue[]>, selection: Selection): BlockFlowNode[] {
  const selected = new Set(selection.nodes);
  const barTimeframes = higherTimeframeNodes(graph);
  return graph.nodes.map((node, index) => {
    const name = nodeDisplayName(node);
    const block = blockOf(node);
    const barTimeframe = barTimeframes.get(node.id);
    return {
      id: node.id,
      type: 'block',
      // Nodes without a stored position (hand-written files) are laid out in a column.
      position: node.position ?? { x: 0, y: index * 140 },
      selected: selected.has(node.id),
      ariaLabel: `Block ${name}`,
      data: {
        nodeId: node.id,
        type: node.type,
        name,
        params: node.params,
        issues: issues.get(node.id) ?? [],
        hiddenParams: block ? unusedParams(graph, node, block) : [],
        ...(barTimeframe ? { barTimeframe } : {}),
      },
    };
  });
}

export function portTypeOfEdge(graph: StrategyGraph, edge: StrategyEdge): PortType | null {
  const node = findNode(graph, edge.from.node);
  const block = node && blockOf(node);
  return (block && findOutput(block, edge.from.port)?.type) ?? null;
}

export function toFlowEdges(graph: StrategyGraph, selection: Selection): Edge[] {
  const selected = new Set(selection.edges);
  return graph.edges.map((edge) => {
    const id = edgeKey(edge);
    const from = findNode(graph, edge.from.node);
    const to = findNode(graph, edge.to.node);
    const type = portTypeOfEdge(graph, edge) ?? 'unknown';
    return {
      id,
      source: edge.from.node,
      sourceHandle: edge.from.port,
      target: edge.to.node,
      targetHandle: edge.to.port,
      selected: selected.has(id),
      className: `strategy-edge strategy-edge--${type}`,
      ariaLabel: `Connection ${from ? nodeDisplayName(from) : edge.from.node} ${edge.from.port} to ${to ? nodeDisplayName(to) : edge.to.node} ${edge.to.port}`,
    };
  });
}

/** A completed canvas connection as a strategy edge (output → input). */
export function edgeFromConnection(connection: {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}): StrategyEdge | null {
  if (!connection.sourceHandle || !connection.targetHandle) return null;
  return {
    from: { node: connection.source, port: connection.sourceHandle },
    to: { node: connection.target, port: connection.targetHandle },
  };
}
