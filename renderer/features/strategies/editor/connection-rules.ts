/**
 * Whether a connection dragged on the canvas may be made, and if not, why, in words the status
 * line shows. The same rules validation applies to a saved graph (types match, one connection
 * per input, no cycle), checked at the moment of the drop instead of after it.
 */
import { findInput, findOutput } from '../../../../shared/strategy/blocks/index';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { blockOf, findNode, nodeDisplayName } from './graph-names';

export interface ConnectionAttempt {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
  targetHandle?: string | null;
}

export function connectionProblem(graph: StrategyGraph, attempt: ConnectionAttempt): string | null {
  const { source, target } = attempt;
  const sourceNode = source ? findNode(graph, source) : undefined;
  const targetNode = target ? findNode(graph, target) : undefined;
  if (!sourceNode || !targetNode || !attempt.sourceHandle || !attempt.targetHandle) {
    return 'Connect an output (right side of a block) to an input (left side of another block).';
  }
  const sourceBlock = blockOf(sourceNode);
  const targetBlock = blockOf(targetNode);
  const from = nodeDisplayName(sourceNode);
  const to = nodeDisplayName(targetNode);
  const output = sourceBlock && findOutput(sourceBlock, attempt.sourceHandle);
  const input = targetBlock && findInput(targetBlock, attempt.targetHandle);
  if (!output) return `${from} has no output "${attempt.sourceHandle}".`;
  if (!input) return `${to} has no input "${attempt.targetHandle}".`;
  if (sourceNode.id === targetNode.id) return `${to} cannot take its own output.`;
  if (output.type !== input.type) {
    return `${to} input "${input.title}" takes ${article(input.type)} ${input.type}, but ${from} output "${output.title}" gives ${article(output.type)} ${output.type}.`;
  }
  const existing = graph.edges.find((e) => e.to.node === targetNode.id && e.to.port === input.name);
  if (existing) {
    const feeder = findNode(graph, existing.from.node);
    const by = feeder ? ` (from ${nodeDisplayName(feeder)})` : '';
    return `${to} input "${input.title}" is already connected${by}; an input takes one connection, so delete that one first.`;
  }
  if (reaches(graph, targetNode.id, sourceNode.id)) {
    return `Connecting ${from} to ${to} would make a cycle: ${to} already feeds ${from}.`;
  }
  return null;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** Whether `to` is downstream of `from` (following connections output → input). */
function reaches(graph: StrategyGraph, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) next.set(e.from.node, [...(next.get(e.from.node) ?? []), e.to.node]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}
