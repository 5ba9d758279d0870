/**
 * Which blocks run on a higher timeframe's bars, told without compiling: the words the summary
 * and the canvas use for a lookback ("3 4h bars ago", "Period (4h bars)") must follow the rule the
 * compiler plans by (`electron/core/strategy/compiler/timeframe-domains.ts`, checked against it by
 * `node-timeframes.test.ts` in the compiler): a block whose inputs all come from one
 * "Candle (higher timeframe)" source, directly or through other such blocks, runs on that
 * timeframe; typed levels and Number blocks count as neither; a block without inputs, a feed
 * block (signals, models), a Position block or anything mixing timeframes runs on the base bars.
 */
import { BLOCKS } from './blocks/index';
import { isBlockType } from './block-types';
import type { StrategyGraph, StrategyNode } from './graph-schema';
import { resolveParams } from './params';

/** Feed blocks read the base bars (one value per base bar) even when their inputs are 4h series. */
const BASE_ONLY = new Set(['signalReceived', 'model', 'position']);

/** `any`: a constant, readable on every timeframe. */
type Domain = string | 'base' | 'any';

/** Node id → the higher timeframe ("4h") its bars are, for the blocks that run on one. */
export function higherTimeframeNodes(graph: StrategyGraph): Map<string, string> {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const sourceOf = new Map(graph.edges.map((e) => [`${e.to.node}.${e.to.port}`, e.from.node]));
  const domains = new Map<string, Domain>();
  const visiting = new Set<string>();

  const domainOf = (node: StrategyNode): Domain => {
    const known = domains.get(node.id);
    if (known !== undefined) return known;
    // A loop is refused by validation; until it is fixed its blocks read as base bars.
    if (visiting.has(node.id)) return 'base';
    visiting.add(node.id);
    const domain = computeDomain(node);
    visiting.delete(node.id);
    domains.set(node.id, domain);
    return domain;
  };

  const computeDomain = (node: StrategyNode): Domain => {
    if (!isBlockType(node.type)) return 'base';
    const block = BLOCKS[node.type];
    if (node.type === 'higherTimeframe') return String(resolveParams(block, node.params).timeframe);
    if (node.type === 'constant') return 'any';
    if (BASE_ONLY.has(node.type) || block.inputs.length === 0) return 'base';
    const found = new Set<Domain>();
    let read = 0;
    for (const input of block.inputs) {
      const from = sourceOf.get(`${node.id}.${input.name}`);
      const upstream = from === undefined ? undefined : nodes.get(from);
      if (upstream) {
        found.add(domainOf(upstream));
        read++;
      } else if (!input.optional) read++; // a typed level: a constant
    }
    if (read === 0) return 'base';
    found.delete('any');
    return found.size === 0 ? 'any' : found.size === 1 ? [...found][0]! : 'base';
  };

  const out = new Map<string, string>();
  for (const node of graph.nodes) {
    const domain = domainOf(node);
    if (domain !== 'base' && domain !== 'any') out.set(node.id, domain);
  }
  return out;
}

/** "1 bar", "3 bars", or on a higher timeframe "1 4h bar", "3 4h bars". */
export function barCount(count: number, timeframe?: string): string {
  const bars = count === 1 ? 'bar' : 'bars';
  return timeframe ? `${count} ${timeframe} ${bars}` : `${count} ${bars}`;
}
