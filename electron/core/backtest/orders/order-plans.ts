/**
 * The per-entry inputs of the order simulator: each entry rule with its condition and level
 * columns taken from the batch evaluation, so the bar loop reads arrays only.
 */
import type { CompiledStrategy, EntryRule } from '../../strategy/compiler/compile';
import type { AddRule, BreakEvenRule } from '../../strategy/compiler/order-rules';

interface ColumnSource {
  numberColumn(slot: number): Float64Array;
  booleanColumn(slot: number): Uint8Array;
}

export interface PartialPlan {
  sharePct: number;
  /** Distance from the average entry in percent, or NaN for a wired level. */
  pct: number;
  level: Float64Array | null;
  follow: boolean;
}

export interface RulePlan {
  rule: EntryRule;
  side: 1 | -1;
  when: Uint8Array;
  stop: Float64Array | null;
  followStop: boolean;
  target: Float64Array | null;
  followTarget: boolean;
  partials: PartialPlan[];
  breakEven: BreakEvenRule | null;
  /** Limit entry: a wired price column, or an offset from the close (NaN: none); expiry in bars (0: market entry). */
  limitPrice: Float64Array | null;
  limitOffsetPct: number;
  expiryBars: number;
  add: AddRule | null;
  addWhen: Uint8Array | null;
  borrowPctPerBar: number;
}

export interface OrderPlans {
  /** Long entry rules first, then short ones: the first whose condition is true enters. */
  rules: RulePlan[];
  exitLong: Uint8Array[];
  exitShort: Uint8Array[];
}

export function orderPlans(compiled: CompiledStrategy, columns: ColumnSource): OrderPlans {
  const plan = (rule: EntryRule): RulePlan => {
    const orders = rule.orders;
    const limit = orders?.limit ?? null;
    return {
      rule,
      side: rule.side === 'short' ? -1 : 1,
      when: columns.booleanColumn(rule.condition),
      stop: rule.stopLevel ? columns.numberColumn(rule.stopLevel.slot) : null,
      followStop: rule.stopLevel?.follow ?? false,
      target: rule.targetLevel ? columns.numberColumn(rule.targetLevel.slot) : null,
      followTarget: rule.targetLevel?.follow ?? false,
      partials: (orders?.partials ?? []).map((p) => ({
        sharePct: p.sharePct,
        pct: p.pct ?? NaN,
        level: p.level ? columns.numberColumn(p.level.slot) : null,
        follow: p.level?.follow ?? false,
      })),
      breakEven: orders?.breakEven ?? null,
      limitPrice: limit !== null && limit.priceSlot !== null ? columns.numberColumn(limit.priceSlot) : null,
      limitOffsetPct: limit?.offsetPct ?? NaN,
      expiryBars: limit?.expiryBars ?? 0,
      add: orders?.add ?? null,
      addWhen: orders?.add ? columns.booleanColumn(orders.add.condition) : null,
      borrowPctPerBar: rule.borrowPctPerBar ?? 0,
    };
  };
  return {
    rules: [...compiled.entries, ...compiled.shortEntries].map(plan),
    exitLong: compiled.exits.map((e) => columns.booleanColumn(e.condition)),
    exitShort: compiled.shortExits.map((e) => columns.booleanColumn(e.condition)),
  };
}
