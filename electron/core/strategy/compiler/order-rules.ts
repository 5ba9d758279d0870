/**
 * The orders an entry block carries beyond its % stop/target/trailing and wired levels:
 * partial take-profits, a break-even stop, a limit entry and adds. Read from the blocks linked
 * to the entry's Position output; validation has already refused impossible combinations.
 */
import type { SizingMode } from '../../../../shared/strategy/blocks/action-blocks';
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import type { StrategyGraph, StrategyNode } from '../../../../shared/strategy/graph-schema';
import { resolveParams } from '../../../../shared/strategy/params';
import type { PriceLevel, SlotRef } from './compile';

export interface PartialTarget {
  nodeId: string;
  /** Percent of everything bought (sold short) in the position so far. */
  sharePct: number;
  /** Distance from the average entry price in percent, or null for a wired level. */
  pct: number | null;
  level: PriceLevel | null;
}

export interface BreakEvenRule {
  nodeId: string;
  /** Partial take-profits that must have filled. */
  afterTargets: number;
  /** Stop at the price that also pays the entry's and the exit's fee. */
  withFees: boolean;
}

export interface LimitEntryRule {
  nodeId: string;
  /** Limit = signal close × (1 + offsetPct ÷ 100), or null for a wired price. */
  offsetPct: number | null;
  /** Number slot of the wired limit price, or null. */
  priceSlot: number | null;
  expiryBars: number;
}

export interface AddRule {
  nodeId: string;
  /** Boolean slot of the add condition. */
  condition: number;
  sizing: SizingMode;
  size: number;
  maxAdds: number;
}

export interface OrderRules {
  partials: PartialTarget[];
  breakEven: BreakEvenRule | null;
  limit: LimitEntryRule | null;
  add: AddRule | null;
}

type Wiring = (node: StrategyNode, port: string) => SlotRef;

/** The blocks linked to entry `entryId`, in document order. */
function linked(graph: StrategyGraph, entryId: string): StrategyNode[] {
  const ids = new Set(graph.edges.filter((e) => e.from.node === entryId && e.from.port === 'position').map((e) => e.to.node));
  return graph.nodes.filter((n) => ids.has(n.id));
}

export function orderRulesOf(graph: StrategyGraph, entryId: string, wiring: Wiring): OrderRules {
  const rules: OrderRules = { partials: [], breakEven: null, limit: null, add: null };
  for (const node of linked(graph, entryId)) {
    switch (node.type) {
      case 'partialTakeProfit': {
        const p = resolveParams(BLOCKS.partialTakeProfit, node.params);
        rules.partials.push({ nodeId: node.id, sharePct: p.share as number, pct: p.percent as number, level: null });
        break;
      }
      case 'partialTargetAtPrice': {
        const p = resolveParams(BLOCKS.partialTargetAtPrice, node.params);
        rules.partials.push({
          nodeId: node.id,
          sharePct: p.share as number,
          pct: null,
          level: { slot: wiring(node, 'price').index, follow: p.mode === 'follow' },
        });
        break;
      }
      case 'breakEvenStop': {
        const p = resolveParams(BLOCKS.breakEvenStop, node.params);
        rules.breakEven = { nodeId: node.id, afterTargets: p.afterTarget as number, withFees: p.fees === 'entryPlusFees' };
        break;
      }
      case 'limitEntry': {
        const p = resolveParams(BLOCKS.limitEntry, node.params);
        rules.limit = { nodeId: node.id, offsetPct: null, priceSlot: wiring(node, 'price').index, expiryBars: p.expiryBars as number };
        break;
      }
      case 'offsetEntry': {
        const p = resolveParams(BLOCKS.offsetEntry, node.params);
        rules.limit = { nodeId: node.id, offsetPct: p.offsetPct as number, priceSlot: null, expiryBars: p.expiryBars as number };
        break;
      }
      case 'addToPosition': {
        const p = resolveParams(BLOCKS.addToPosition, node.params);
        rules.add = {
          nodeId: node.id,
          condition: wiring(node, 'when').index,
          sizing: p.sizing as SizingMode,
          size: p.size as number,
          maxAdds: p.maxAdds as number,
        };
        break;
      }
      default:
        break;
    }
  }
  return rules;
}

/** Whether an entry needs the order simulator rather than the plain one. */
export function usesOrderRules(rules: OrderRules): boolean {
  return rules.partials.length > 0 || rules.breakEven !== null || rules.limit !== null || rules.add !== null;
}
