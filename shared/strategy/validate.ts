/**
 * Meaning checks on a graph that already has the right shape: every node a known block,
 * every edge between existing ports of the same type, every input connected exactly once,
 * no cycle, parameters in range. Each issue names the node, port or parameter, so the
 * editor can point at it and the CLI can print it. Isomorphic: the editor validates as the
 * user types, core validates again before compiling.
 */
import type { BlockDefinition } from './block-types';
import { isBlockType } from './block-types';
import { BLOCKS, findInput, findOutput } from './blocks/index';
import type { StrategyGraph, StrategyNode } from './graph-schema';
import type { StrategyIssue } from './issues';
import { checkParamValue, resolveParams } from './params';

const PROTECTIVE_TYPES = new Set([
  'stopLoss',
  'takeProfit',
  'trailingStop',
  'stopAtPrice',
  'targetAtPrice',
  'partialTakeProfit',
  'partialTargetAtPrice',
  'breakEvenStop',
  'limitEntry',
  'offsetEntry',
  'addToPosition',
]);
/** Linked blocks an entry may carry several of. */
const REPEATABLE_TYPES = new Set(['partialTakeProfit', 'partialTargetAtPrice']);
const MAX_REPORTED_CYCLES = 10;

export function describeNode(node: StrategyNode, block?: BlockDefinition): string {
  const kind = block?.title ?? node.type;
  return node.label ? `${kind} "${node.label}" (${node.id})` : `${kind} "${node.id}"`;
}

interface KnownNode {
  node: StrategyNode;
  block: BlockDefinition;
}

/** What the host knows beyond the document (the editor and core pass it; a bare parse does not). */
export interface ValidationContext {
  /** The configured signal sources: a "Signal received" block naming another id is an error. */
  signalSources?: readonly { id: string; name: string }[];
  /** The market the strategy runs on (a backtest's data set, a bot's market): an "Other market" block may not read it. */
  market?: string;
}

export function validateStrategyGraph(graph: StrategyGraph, context: ValidationContext = {}): StrategyIssue[] {
  const issues: StrategyIssue[] = [];
  const known = collectNodes(graph, issues);
  for (const { node, block } of known.values()) checkParams(node, block, issues);
  checkSignalSources(known, context, issues);
  checkOtherMarkets(known, context, issues);
  const { valid: validEdges, wired } = checkEdges(graph, known, issues);
  checkMissingInputs(known, wired, issues);
  checkModelBlocks(known, wired, issues);
  checkCycles(known, validEdges, issues);
  checkProtection(known, validEdges, issues);
  checkOrderPlans(known, validEdges, issues);
  checkActions(known, issues);
  return issues;
}

function collectNodes(graph: StrategyGraph, issues: StrategyIssue[]): Map<string, KnownNode> {
  const known = new Map<string, KnownNode>();
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    if (seen.has(node.id)) {
      issues.push({
        severity: 'error',
        code: 'duplicate_node_id',
        nodeId: node.id,
        message: `Node id "${node.id}" is used by more than one node.`,
      });
      continue;
    }
    seen.add(node.id);
    if (!isBlockType(node.type)) {
      issues.push({
        severity: 'error',
        code: 'unknown_block',
        nodeId: node.id,
        message: `Node "${node.id}" has unknown block type "${node.type}".`,
      });
      continue;
    }
    known.set(node.id, { node, block: BLOCKS[node.type] });
  }
  return known;
}

function checkSignalSources(known: Map<string, KnownNode>, context: ValidationContext, issues: StrategyIssue[]): void {
  for (const { node, block } of known.values()) {
    if (node.type !== 'signalReceived') continue;
    const source = node.params.source;
    if (source === undefined || source === '') {
      issues.push({
        severity: 'error',
        code: 'missing_input',
        nodeId: node.id,
        param: 'source',
        message: `${describeNode(node, block)}: no signal source chosen; pick one in the block's Source list (create sources under Signals).`,
      });
      continue;
    }
    if (typeof source !== 'string' || !context.signalSources) continue;
    if (context.signalSources.some((s) => s.id === source)) continue;
    issues.push({
      severity: 'error',
      code: 'unknown_signal_source',
      nodeId: node.id,
      param: 'source',
      message: `${describeNode(node, block)}: there is no signal source "${source}" (deleted?); pick an existing source in the block's Source list or create one under Signals.`,
    });
  }
}

/** An "Other market" block needs a market, and one other than the strategy's own (where that is known). */
function checkOtherMarkets(known: Map<string, KnownNode>, context: ValidationContext, issues: StrategyIssue[]): void {
  for (const { node, block } of known.values()) {
    if (node.type !== 'otherMarket') continue;
    const market = node.params.market;
    if (market === undefined || market === '') {
      issues.push({
        severity: 'error',
        code: 'missing_input',
        nodeId: node.id,
        param: 'market',
        message: `${describeNode(node, block)}: no market chosen; pick the other market to read (e.g. BTC/USDT) in the block's Market field.`,
      });
      continue;
    }
    if (typeof market === 'string' && context.market !== undefined && market === context.market) {
      issues.push({
        severity: 'error',
        code: 'same_market',
        nodeId: node.id,
        param: 'market',
        message: `${describeNode(node, block)}: ${market} is the market the strategy runs on; use the Candle block for it, or pick another market.`,
      });
    }
  }
}

function checkParams(node: StrategyNode, block: BlockDefinition, issues: StrategyIssue[]): void {
  const where = describeNode(node, block);
  let allValid = true;
  for (const name of Object.keys(node.params)) {
    if (!block.params.some((p) => p.name === name)) {
      allValid = false;
      const expected = block.params.length ? `; it has ${block.params.map((p) => `"${p.name}"`).join(', ')}` : '; it has none';
      issues.push({
        severity: 'error',
        code: 'unknown_param',
        nodeId: node.id,
        param: name,
        message: `${where}: unknown parameter "${name}"${expected}.`,
      });
    }
  }
  for (const spec of block.params) {
    const value = node.params[spec.name];
    if (value === undefined) continue;
    const bad = checkParamValue(spec, value);
    if (bad) {
      allValid = false;
      issues.push({
        severity: 'error',
        code: bad.code,
        nodeId: node.id,
        param: spec.name,
        message: `${where}: parameter "${spec.name}" ${bad.problem}.`,
      });
    }
  }
  if (allValid && block.checkParams) {
    for (const conflict of block.checkParams(resolveParams(block, node.params))) {
      issues.push({
        severity: 'error',
        code: 'param_conflict',
        nodeId: node.id,
        param: conflict.param,
        message: `${where}: ${conflict.message}.`,
      });
    }
  }
}

export interface ValidEdge {
  from: string;
  fromPort: string;
  to: string;
  toPort: string;
}

/** `wired`: inputs with a connection, even a wrong one (already reported, so not "missing" too). */
function checkEdges(
  graph: StrategyGraph,
  known: Map<string, KnownNode>,
  issues: StrategyIssue[],
): { valid: ValidEdge[]; wired: Set<string> } {
  const valid: ValidEdge[] = [];
  const wired = new Set<string>();
  const fedInputs = new Map<string, number>();
  graph.edges.forEach((edge, edgeIndex) => {
    const label = `Connection ${edge.from.node}.${edge.from.port} → ${edge.to.node}.${edge.to.port}`;
    const source = known.get(edge.from.node);
    const target = known.get(edge.to.node);
    for (const [end, ref] of [
      [source, edge.from],
      [target, edge.to],
    ] as const) {
      if (!end && !graph.nodes.some((n) => n.id === ref.node)) {
        issues.push({
          severity: 'error',
          code: 'unknown_node',
          edgeIndex,
          nodeId: ref.node,
          port: ref.port,
          message: `${label}: there is no node "${ref.node}".`,
        });
      }
    }
    const targetInput = target && findInput(target.block, edge.to.port);
    if (targetInput) wired.add(`${target.node.id}\u0000${targetInput.name}`);
    if (!source || !target) return;
    const output = findOutput(source.block, edge.from.port);
    const input = findInput(target.block, edge.to.port);
    if (!output) {
      issues.push({
        severity: 'error',
        code: 'unknown_port',
        edgeIndex,
        nodeId: source.node.id,
        port: edge.from.port,
        message: `${label}: ${describeNode(source.node, source.block)} has no output "${edge.from.port}"${portList(source.block.outputs)}.`,
      });
    }
    if (!input) {
      issues.push({
        severity: 'error',
        code: 'unknown_port',
        edgeIndex,
        nodeId: target.node.id,
        port: edge.to.port,
        message: `${label}: ${describeNode(target.node, target.block)} has no input "${edge.to.port}"${portList(target.block.inputs)}.`,
      });
    }
    if (!output || !input) return;
    if (output.type !== input.type) {
      issues.push({
        severity: 'error',
        code: 'wrong_type',
        edgeIndex,
        nodeId: target.node.id,
        port: input.name,
        message: `${describeNode(target.node, target.block)}: input "${input.name}" takes a ${input.type} but ${describeNode(source.node, source.block)} output "${output.name}" gives a ${output.type}.`,
      });
      return;
    }
    const key = `${target.node.id}\u0000${input.name}`;
    const count = (fedInputs.get(key) ?? 0) + 1;
    fedInputs.set(key, count);
    if (count === 2) {
      issues.push({
        severity: 'error',
        code: 'duplicate_input',
        edgeIndex,
        nodeId: target.node.id,
        port: input.name,
        message: `${describeNode(target.node, target.block)}: input "${input.name}" has more than one connection; an input takes exactly one.`,
      });
    }
    if (count === 1) valid.push({ from: source.node.id, fromPort: output.name, to: target.node.id, toPort: input.name });
  });
  return { valid, wired };
}

function portList(ports: readonly { name: string }[]): string {
  return ports.length ? ` (it has ${ports.map((p) => `"${p.name}"`).join(', ')})` : ' (it has none)';
}

function checkMissingInputs(known: Map<string, KnownNode>, wired: Set<string>, issues: StrategyIssue[]): void {
  for (const { node, block } of known.values()) {
    for (const input of block.inputs) {
      if (wired.has(`${node.id}\u0000${input.name}`)) continue;
      if (input.optional) continue;
      // Unconnected, this input takes the number typed on the block; never a default nobody typed.
      if (input.constantParam !== undefined && node.params[input.constantParam] !== undefined) continue;
      const typed = input.constantParam === undefined ? '' : `; connect a series or type a number for "${input.constantParam}"`;
      issues.push({
        severity: 'error',
        code: 'missing_input',
        nodeId: node.id,
        port: input.name,
        message: `${describeNode(node, block)}: input "${input.name}" (${input.type}) is not connected${typed}.`,
      });
    }
  }
}

/** A Model block names a model and takes its features from input 1 up, with no gap. */
function checkModelBlocks(known: Map<string, KnownNode>, wired: Set<string>, issues: StrategyIssue[]): void {
  for (const { node, block } of known.values()) {
    if (node.type !== 'model') continue;
    if (node.params.model === undefined || node.params.model === '') {
      issues.push({
        severity: 'error',
        code: 'missing_input',
        nodeId: node.id,
        param: 'model',
        message: `${describeNode(node, block)}: no model chosen; train one on its features in the Models panel, or pick a trained model.`,
      });
    }
    let gap: string | null = null;
    for (const input of block.inputs) {
      const connected = wired.has(`${node.id}\u0000${input.name}`);
      if (!connected && gap === null) gap = input.name;
      else if (connected && gap !== null) {
        issues.push({
          severity: 'error',
          code: 'missing_input',
          nodeId: node.id,
          port: gap,
          message: `${describeNode(node, block)}: input "${input.name}" is connected but "${gap}" is not; connect the features from 1 up, in the model's order.`,
        });
        break;
      }
    }
  }
}

function checkCycles(known: Map<string, KnownNode>, edges: ValidEdge[], issues: StrategyIssue[]): void {
  const downstream = new Map<string, ValidEdge[]>();
  for (const e of edges) downstream.set(e.from, [...(downstream.get(e.from) ?? []), e]);
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  const stack: ValidEdge[] = [];

  const visit = (id: string): void => {
    state.set(id, 'open');
    for (const edge of downstream.get(id) ?? []) {
      if (reported.size >= MAX_REPORTED_CYCLES) return;
      const next = state.get(edge.to);
      if (next === 'open') {
        const start = stack.findIndex((e) => e.from === edge.to);
        const loop = [...stack.slice(start < 0 ? stack.length : start), edge];
        const key = loop
          .map((e) => e.from)
          .sort()
          .join('\u0000');
        if (!reported.has(key)) {
          reported.add(key);
          const entry = known.get(edge.to)!;
          const path = [...loop.map((e) => `"${e.from}"`), `"${edge.to}"`].join(' → ');
          issues.push({
            severity: 'error',
            code: 'cycle',
            nodeId: edge.to,
            port: edge.toPort,
            message: `${describeNode(entry.node, entry.block)}: input "${edge.toPort}" closes a cycle ${path}; a block cannot depend on its own output.`,
          });
        }
      } else if (next === undefined) {
        stack.push(edge);
        visit(edge.to);
        stack.pop();
      }
    }
    state.set(id, 'done');
  };
  for (const id of known.keys()) if (!state.has(id)) visit(id);
}

function checkProtection(known: Map<string, KnownNode>, edges: ValidEdge[], issues: StrategyIssue[]): void {
  const seen = new Map<string, string>();
  for (const e of edges) {
    const target = known.get(e.to)!;
    // Only the link from the entry counts: two stops may read the same level series.
    if (e.toPort !== 'entry' || !PROTECTIVE_TYPES.has(target.node.type) || REPEATABLE_TYPES.has(target.node.type)) continue;
    const key = `${e.from}\u0000${target.node.type}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, e.to);
      continue;
    }
    const entry = known.get(e.from)!;
    issues.push({
      severity: 'error',
      code: 'duplicate_protection',
      nodeId: e.to,
      port: e.toPort,
      message: `${describeNode(target.node, target.block)}: ${describeNode(entry.node, entry.block)} already has a ${target.block.title.toLowerCase()} ("${first}"); use one per entry.`,
    });
  }
}

function checkActions(known: Map<string, KnownNode>, issues: StrategyIssue[]): void {
  const types = new Set([...known.values()].map((k) => k.node.type));
  if (!types.has('enterLong') && !types.has('enterShort')) {
    issues.push({
      severity: 'error',
      code: 'no_entry',
      message: 'The strategy has no "Enter long" or "Enter short" block, so it can never open a position.',
    });
    return;
  }
  if (![...types].some((t) => t === 'exitLong' || t === 'exitShort' || (PROTECTIVE_TYPES.has(t) && !ENTRY_SHAPING_TYPES.has(t)))) {
    issues.push({
      severity: 'warning',
      code: 'no_exit',
      message: 'The strategy has no exit block, stop-loss, take-profit or trailing stop: a position is held to the end.',
    });
  }
}

/** Linked blocks that shape the entry rather than end the position. */
const ENTRY_SHAPING_TYPES = new Set(['limitEntry', 'offsetEntry', 'addToPosition']);

/**
 * Per entry: partial targets' shares at most 100 % in all, a break-even stop only after targets
 * that exist, one kind of limit entry; a short whose borrowing cost is 0 is said to leave it out.
 */
function checkOrderPlans(known: Map<string, KnownNode>, edges: ValidEdge[], issues: StrategyIssue[]): void {
  const linked = new Map<string, KnownNode[]>();
  for (const e of edges) {
    const target = known.get(e.to)!;
    if (e.toPort !== 'entry' || !PROTECTIVE_TYPES.has(target.node.type)) continue;
    linked.set(e.from, [...(linked.get(e.from) ?? []), target]);
  }
  for (const [entryId, blocks] of linked) {
    const entry = known.get(entryId)!;
    const entryName = describeNode(entry.node, entry.block);
    let shares = 0;
    let partials = 0;
    for (const { node, block } of blocks) {
      if (!REPEATABLE_TYPES.has(node.type)) continue;
      partials++;
      shares += Number(resolveParams(block, node.params).share);
      if (shares > 100 + 1e-9) {
        issues.push({
          severity: 'error',
          code: 'targets_over_100',
          nodeId: node.id,
          param: 'share',
          message: `${describeNode(node, block)}: the partial take-profits of ${entryName} add up to ${round(shares)} % of the position; together they may take at most 100 %. Lower this share or another one.`,
        });
      }
    }
    for (const { node, block } of blocks) {
      if (node.type !== 'breakEvenStop') continue;
      const after = Number(resolveParams(block, node.params).afterTarget);
      if (after > partials) {
        issues.push({
          severity: 'error',
          code: 'break_even_without_targets',
          nodeId: node.id,
          param: 'afterTarget',
          message: `${describeNode(node, block)}: it moves the stop after ${after} partial take-profit${after === 1 ? '' : 's'}, but ${entryName} has ${partials === 0 ? 'none' : partials}. Connect partial take-profits to the entry or lower "After target".`,
        });
      }
    }
    const limits = blocks.filter((b) => b.node.type === 'limitEntry' || b.node.type === 'offsetEntry');
    for (const extra of limits.slice(1)) {
      issues.push({
        severity: 'error',
        code: 'conflicting_orders',
        nodeId: extra.node.id,
        port: 'entry',
        message: `${describeNode(extra.node, extra.block)}: ${entryName} already enters with ${describeNode(limits[0]!.node, limits[0]!.block)}; an entry takes one limit order.`,
      });
    }
  }
  for (const { node, block } of known.values()) {
    if (node.type !== 'enterShort' || Number(resolveParams(block, node.params).borrowPctPerBar) > 0) continue;
    issues.push({
      severity: 'warning',
      code: 'short_costs_not_modelled',
      nodeId: node.id,
      param: 'borrowPctPerBar',
      message: `${describeNode(node, block)}: borrowing and funding costs are not modelled (0 % per bar), so short results leave them out; set "Borrow / funding per bar" to include them.`,
    });
  }
}

function round(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
