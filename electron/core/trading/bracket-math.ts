/**
 * Bracket arithmetic, free of I/O: target and stop prices from % distances, the split of a
 * position over targets, the stop in force with a trailing stop, and the position and realised
 * PnL from the fills. A "buy" bracket is long (exits sell above, stop below); a "sell" bracket
 * sells first and buys back (exits below, stop above).
 */
import { asAmount, type Amount } from '../../../shared/domain/types';
import type { OrderSide, TradeView } from '../../../shared/ipc/schemas/orders';
import type { MarketRules, Precision } from '../exchange/venue';
import { clean, floorToStep } from '../exchange/precision';

export interface LevelSpec {
  price: number | null;
  percent: number | null;
}

/** +1 for a long (buy) bracket, -1 for a short (sell) one: the direction profit lies in. */
export const directionOf = (side: OrderSide): 1 | -1 => (side === 'buy' ? 1 : -1);
export const exitSideOf = (side: OrderSide): OrderSide => (side === 'buy' ? 'sell' : 'buy');

/** A target lies `percent` beyond the entry in the profit direction, a stop `percent` against it. */
export function resolveLevel(spec: LevelSpec, entry: number, side: OrderSide, kind: 'target' | 'stop', precision: Precision): number {
  if (spec.price !== null) return spec.price;
  const sign = directionOf(side) * (kind === 'target' ? 1 : -1);
  return precision.price(entry * (1 + (sign * (spec.percent ?? 0)) / 100));
}

/** The stop in force: the stop-loss, or the trailing level when it is tighter. */
export function effectiveStop(
  side: OrderSide,
  stopPrice: number | null,
  callbackPct: number | null,
  extreme: number | null,
): { price: number | null; trailing: boolean } {
  const trail = callbackPct !== null && extreme !== null ? extreme * (1 - (directionOf(side) * callbackPct) / 100) : null;
  if (trail === null) return { price: stopPrice, trailing: false };
  if (stopPrice === null) return { price: trail, trailing: true };
  const tighter = side === 'buy' ? trail > stopPrice : trail < stopPrice;
  return tighter ? { price: trail, trailing: true } : { price: stopPrice, trailing: false };
}

/** Whether the traded range reached the stop (a long's stop is hit from above, a short's from below). */
export function stopHit(side: OrderSide, stop: number, range: { low: number; high: number }): boolean {
  return side === 'buy' ? range.low <= stop : range.high >= stop;
}

/** The best price seen so far, which the trailing stop follows. */
export function nextExtreme(side: OrderSide, extreme: number | null, range: { low: number; high: number }): number {
  if (side === 'buy') return Math.max(extreme ?? range.high, range.high);
  return Math.min(extreme ?? range.low, range.low);
}

/**
 * Amounts for targets still to be placed. Each takes its share of the whole position, rounded
 * down to the step; the last one takes whatever is left of `free`, so rounding never strands a
 * remainder that no order sells.
 */
export function splitTargets(held: number, free: number, shares: readonly number[], step: number | null, lastTakesRest: boolean): Amount[] {
  const amounts: Amount[] = [];
  let left = free;
  shares.forEach((share, i) => {
    const isLast = i === shares.length - 1;
    const wanted = isLast && lastTakesRest ? left : Math.min(left, (held * share) / 100);
    const amount = asAmount(floorToStep(Math.max(0, wanted), step));
    amounts.push(amount);
    left = clean(left - amount);
  });
  return amounts;
}

export interface PositionFigures {
  /** Base bought (long) or sold (short) by the entry, net of fees charged in base. */
  entryUnits: number;
  /** Quote paid (long) or received (short) for it, fees in quote included. */
  entryValue: number;
  entryAverage: number | null;
  /** Base still to exit. */
  position: number;
  realizedPnl: number;
}

/**
 * Position and realised PnL from the fills alone (so they survive restarts and edits): each exit
 * is charged its proportional part of the entry's cost, fees included on both sides; fees paid
 * in a third asset (e.g. BNB) are outside the PnL.
 */
export function positionFigures(
  side: OrderSide,
  rules: Pick<MarketRules, 'base' | 'quote'>,
  entry: readonly TradeView[],
  exits: readonly TradeView[],
): PositionFigures {
  const baseFee = (t: TradeView) => (t.feeAsset === rules.base ? t.fee : 0);
  const quoteFee = (t: TradeView) => (t.feeAsset === rules.quote ? t.fee : 0);
  const long = side === 'buy';
  let entryUnits = 0;
  let entryValue = 0;
  let entryAmount = 0;
  let entryCost = 0;
  for (const t of entry) {
    entryAmount += t.amount;
    entryCost += t.cost;
    entryUnits += long ? t.amount - baseFee(t) : t.amount + baseFee(t);
    entryValue += long ? t.cost + quoteFee(t) : t.cost - quoteFee(t);
  }
  let unitsOut = 0;
  let exitValue = 0;
  for (const t of exits) {
    unitsOut += long ? t.amount + baseFee(t) : t.amount - baseFee(t);
    exitValue += long ? t.cost - quoteFee(t) : t.cost + quoteFee(t);
  }
  const perUnit = entryUnits > 0 ? entryValue / entryUnits : 0;
  const realizedPnl = long ? exitValue - unitsOut * perUnit : unitsOut * perUnit - exitValue;
  return {
    entryUnits: clean(entryUnits),
    entryValue: clean(entryValue),
    entryAverage: entryAmount > 0 ? clean(entryCost / entryAmount) : null,
    position: clean(Math.max(0, entryUnits - unitsOut)),
    realizedPnl: clean(realizedPnl),
  };
}
