import type { BlockDefinition, ParamSpec, ParamValue, ResolvedParams } from './block-types';
import { MARKET_PATTERN, SIGNAL_SOURCE_PATTERN } from './blocks/signal-blocks';
import { MODEL_ID_PATTERN } from './blocks/model-blocks';
import type { StrategyGraph, StrategyNode } from './graph-schema';

/** The node's parameters with defaults filled in for those the document leaves out. */
export function resolveParams(block: BlockDefinition, raw: Readonly<Record<string, ParamValue>>): ResolvedParams {
  const out: Record<string, ParamValue> = {};
  for (const spec of block.params) out[spec.name] = raw[spec.name] ?? spec.default;
  return out;
}

/** Why a single value does not fit its parameter spec, or undefined when it fits. */
export function checkParamValue(
  spec: ParamSpec,
  value: ParamValue,
):
  | {
      code: 'param_not_number' | 'param_not_integer' | 'param_out_of_range' | 'param_invalid_choice' | 'param_invalid_text';
      problem: string;
    }
  | undefined {
  if (spec.kind === 'text') {
    if (typeof value !== 'string') return { code: 'param_invalid_text', problem: `is ${JSON.stringify(value)}, must be text` };
    if (value === '') return undefined; // whether empty is allowed is the validator's call (it names what to pick)
    const pattern = spec.format === 'market' ? MARKET_PATTERN : spec.format === 'model' ? MODEL_ID_PATTERN : SIGNAL_SOURCE_PATTERN;
    if (pattern.test(value)) return undefined;
    const expected =
      spec.format === 'market'
        ? 'a market such as BTC/USDT'
        : spec.format === 'model'
          ? 'a model id such as mdl_0123456789abcdef (trained) or onnx_0123456789abcdef (imported)'
          : 'a signal source id such as sig_0123456789abcdef';
    return { code: 'param_invalid_text', problem: `is ${JSON.stringify(value)}, must be ${expected}` };
  }
  if (spec.kind === 'choice') {
    if (typeof value === 'string' && spec.options.some((o) => o.value === value)) return undefined;
    const allowed = spec.options.map((o) => `"${o.value}"`).join(', ');
    return { code: 'param_invalid_choice', problem: `is ${JSON.stringify(value)}, must be one of ${allowed}` };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { code: 'param_not_number', problem: `is ${JSON.stringify(value)}, must be a number` };
  }
  if (spec.kind === 'integer' && !Number.isInteger(value)) {
    return { code: 'param_not_integer', problem: `is ${value}, must be a whole number` };
  }
  if (value < spec.min || value > spec.max) {
    return { code: 'param_out_of_range', problem: `is ${value}, must be between ${spec.min} and ${spec.max}` };
  }
  return undefined;
}

export interface ParamAssignment {
  nodeId: string;
  param: string;
  value: ParamValue;
}

/** A copy of the graph with some node parameters replaced (templates, optimiser grid points). */
export function withParams(graph: StrategyGraph, assignments: readonly ParamAssignment[]): StrategyGraph {
  const byNode = new Map<string, Record<string, ParamValue>>();
  for (const a of assignments) {
    if (!graph.nodes.some((n) => n.id === a.nodeId)) throw new Error(`no node "${a.nodeId}" in strategy "${graph.name}"`);
    const entry = byNode.get(a.nodeId) ?? {};
    entry[a.param] = a.value;
    byNode.set(a.nodeId, entry);
  }
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const changes = byNode.get(n.id);
      return changes ? { ...n, params: { ...n.params, ...changes } } : n;
    }),
  };
}

/**
 * Parameters of the node that have no effect in this graph: the typed level of an input that is
 * connected (a comparison's B wired to a series). The editor hides them and the optimiser skips them.
 */
export function unusedParams(graph: StrategyGraph, node: StrategyNode, block: BlockDefinition): string[] {
  return block.inputs.flatMap((input) =>
    input.constantParam !== undefined && graph.edges.some((e) => e.to.node === node.id && e.to.port === input.name)
      ? [input.constantParam]
      : [],
  );
}
