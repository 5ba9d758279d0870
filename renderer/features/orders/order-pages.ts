/**
 * Live changes applied to the loaded pages of the orders panel: `orders.changed` and `fills`
 * carry the changed rows, so the panel updates them in place instead of re-reading every page
 * (which would also lose the reader's place in a long list).
 */
import type { OrderStatus, OrderView, TradeView } from '../../../shared/ipc/schemas/orders';

/** "Open" includes orders whose outcome is still being resolved, as core lists them. */
const LIVE: ReadonlySet<OrderStatus> = new Set(['intent', 'unknown', 'open', 'partially_filled']);

export type OrderList = 'open' | 'history';

export const orderKey = (order: Pick<OrderView, 'accountId' | 'clientOrderId'>): string => `${order.accountId}:${order.clientOrderId}`;
export const tradeKey = (trade: Pick<TradeView, 'accountId' | 'tradeId'>): string => `${trade.accountId}:${trade.tradeId}`;

export function belongsTo(list: OrderList, order: OrderView): boolean {
  return LIVE.has(order.status) === (list === 'open');
}

/**
 * Loaded orders (newest first by creation) after `changes`: a changed order that left the list
 * (filled, cancelled) goes, one that joined it comes in at its place, others are replaced. An
 * order older than the last loaded one is left to the page that holds it (`hasMore`).
 */
export function applyOrderChanges(
  items: readonly OrderView[],
  changes: readonly OrderView[],
  list: OrderList,
  wanted: (order: OrderView) => boolean,
  hasMore: boolean,
): OrderView[] {
  const byKey = new Map(changes.map((order) => [orderKey(order), order]));
  const next = items.filter((order) => {
    const change = byKey.get(orderKey(order));
    return !change || (belongsTo(list, change) && wanted(change));
  });
  const oldest = next.at(-1);
  const shown = new Set(next.map(orderKey));
  for (const [key, change] of byKey) {
    if (!belongsTo(list, change) || !wanted(change)) continue;
    if (shown.has(key)) {
      const index = next.findIndex((order) => orderKey(order) === key);
      next[index] = change;
      continue;
    }
    if (hasMore && oldest && change.createdAt < oldest.createdAt) continue;
    const at = next.findIndex((order) => order.createdAt <= change.createdAt);
    next.splice(at < 0 ? next.length : at, 0, change);
  }
  return next;
}

/** Loaded fills (newest first in ledger order) with new `fills` on top, each once. */
export function applyNewFills(
  items: readonly TradeView[],
  fills: readonly TradeView[],
  wanted: (trade: TradeView) => boolean,
): TradeView[] {
  const shown = new Set(items.map(tradeKey));
  const fresh = fills.filter((fill) => wanted(fill) && !shown.has(tradeKey(fill))).sort((a, b) => b.seq - a.seq);
  return fresh.length === 0 ? (items as TradeView[]) : [...fresh, ...items];
}
