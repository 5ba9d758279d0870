/**
 * A link's copied positions, recomputed from the ledger every time (its orders carry origin
 * `copy` and the link's id), never from a counter that a crash could leave behind: average cost,
 * realised PnL per market, in the order the ledger recorded the orders. Fees are not deducted yet.
 * On a perpetual swap (`BTC/USDT:USDT`) the position is signed: a sale beyond what is held opens
 * a short (negative amount), a buy covers it first at (average sale price − buy price) per unit.
 */
import { clean } from '../exchange/precision';
import type { OrderRow } from '../orders/orders-repo';
import { sellsShort } from '../bots/position';

export interface CopyPosition {
  symbol: string;
  /** Base held; negative: a short (perpetual swaps only). */
  amount: number;
  averagePrice: number | null;
  /** Cost of what is held (|amount| × average price): paid for a long, received for a short. */
  cost: number;
  realisedPnl: number;
}

/** A position being replayed: signed base and the (positive) cost of it at its average price. */
export interface SignedHolding {
  amount: number;
  cost: number;
}

/**
 * One fill of `amount` base at `price` applied to a signed holding by the average-cost method;
 * returns the PnL it realised. A fill against the position closes it first (a long sold, a short
 * bought back); the rest opens the other side at the fill's price — a flip. `shorts` false (spot):
 * a sale never goes beyond what is held (the rest is not the link's) and realises nothing for it.
 */
export function applyFill(h: SignedHolding, side: 'buy' | 'sell', amount: number, price: number, shorts: boolean): number {
  const direction = side === 'buy' ? 1 : -1;
  const held = Math.abs(h.amount);
  const against = h.amount !== 0 && Math.sign(h.amount) !== direction;
  let realised = 0;
  let rest = amount;
  if (against) {
    const closed = Math.min(amount, held);
    const average = held > 0 ? h.cost / held : 0;
    // A long gains when it is sold above its average; a short when it is bought back below it.
    realised = closed * (price - average) * Math.sign(h.amount);
    h.cost -= closed * average;
    h.amount += direction * closed;
    rest = amount - closed;
  }
  if (rest > 0 && (direction > 0 || shorts)) {
    h.amount += direction * rest;
    h.cost += rest * price;
  }
  h.amount = clean(h.amount);
  h.cost = clean(h.cost);
  if (Math.abs(h.amount) <= 1e-12) {
    h.amount = 0;
    h.cost = 0;
  }
  return clean(realised);
}

/**
 * `baseFee` is what the order's fills paid in the market's base asset (a buy whose fee is taken
 * from the coins bought holds less than it filled), so a sell of "everything" asks for what is there.
 */
export function copyPositions(orders: readonly OrderRow[], baseFee: (order: OrderRow) => number = () => 0): Map<string, CopyPosition> {
  const positions = new Map<string, CopyPosition>();
  for (const order of orders) {
    if (!(order.filled > 0) || order.averagePrice === null) continue;
    const p = positions.get(order.symbol) ?? { symbol: order.symbol, amount: 0, averagePrice: null, cost: 0, realisedPnl: 0 };
    const shorts = sellsShort(order.symbol);
    const fee = baseFee(order);
    if (shorts) {
      p.realisedPnl += applyFill(p, order.side, order.filled, order.averagePrice, true);
    } else if (order.side === 'buy') {
      p.cost += order.filled * order.averagePrice;
      p.amount += order.filled - fee;
    } else {
      const sold = Math.min(order.filled + fee, p.amount);
      const average = p.amount > 0 ? p.cost / p.amount : 0;
      p.realisedPnl += Math.min(order.filled, sold) * order.averagePrice - sold * average;
      p.cost -= sold * average;
      p.amount -= sold;
    }
    p.amount = clean(p.amount);
    p.realisedPnl = clean(p.realisedPnl);
    if (Math.abs(p.amount) <= 1e-12) {
      p.amount = 0;
      p.cost = 0;
    }
    p.averagePrice = p.amount !== 0 ? p.cost / Math.abs(p.amount) : null;
    positions.set(order.symbol, p);
  }
  return positions;
}
