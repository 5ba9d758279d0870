/**
 * A link's copied positions, recomputed from the ledger every time (its orders carry origin
 * `copy` and the link's id), never from a counter that a crash could leave behind: average cost,
 * realised PnL per market, in the order the ledger recorded the orders. Fees are not deducted yet.
 */
import { clean } from '../exchange/precision';
import type { OrderRow } from '../orders/orders-repo';

export interface CopyPosition {
  symbol: string;
  amount: number;
  averagePrice: number | null;
  /** Cost of what is held (amount × average price). */
  cost: number;
  realisedPnl: number;
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
    if (order.side === 'buy') {
      p.cost += order.filled * order.averagePrice;
      p.amount += order.filled - baseFee(order);
    } else {
      const sold = Math.min(order.filled + baseFee(order), p.amount);
      const average = p.amount > 0 ? p.cost / p.amount : 0;
      p.realisedPnl += Math.min(order.filled, sold) * order.averagePrice - sold * average;
      p.cost -= sold * average;
      p.amount -= sold;
    }
    p.amount = clean(p.amount);
    p.realisedPnl = clean(p.realisedPnl);
    if (p.amount <= 1e-12) {
      p.amount = 0;
      p.cost = 0;
    }
    p.averagePrice = p.amount > 0 ? p.cost / p.amount : null;
    positions.set(order.symbol, p);
  }
  return positions;
}
