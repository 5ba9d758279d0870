/**
 * Leaders whose orders the ledger already follows: another connected account (every order of it
 * the ledger knows — ticket, brackets, bots, orders adopted at reconciliation — kept up to date
 * by the order poll and each venue's streams) and one of the person's own bots. No second watcher
 * is opened: every ledger change of a filled order becomes a `LeaderFill`, and a restart catches
 * up from the ledger itself. Copies (origin `copy`) are never leaders, so two links cannot feed
 * each other in a loop. Every other filled order is a leader fill, perpetuals and reduce-only ones
 * included: the engine decides each (copies it, or writes why not), none vanishes here.
 */
import type { OrderRow } from '../orders/orders-repo';
import type { OrdersRepo } from '../orders/orders-repo';
import type { CopyRepo } from './copy-repo';
import type { LeaderFill } from './leader-fill';
import { ENTRY_ROLE } from '../orders/origin-roles';

export function leaderFillsOf(order: OrderRow): LeaderFill[] {
  if (order.origin === 'copy' || !(order.filled > 0)) return [];
  const price = order.averagePrice ?? (order.filled > 0 && order.cost > 0 ? order.cost / order.filled : null);
  if (price === null) return [];
  const orderId = `${order.accountId}|${order.clientOrderId}`;
  const fill = (leaderId: string): LeaderFill => ({
    leaderId,
    accountId: order.accountId,
    eventId: `${orderId}@${order.filled}`,
    symbol: order.symbol,
    side: order.side,
    amount: order.filled,
    price,
    ...(order.reduceOnly === true ? { reduceOnly: true } : {}),
    filledAt: order.updatedAt,
    fillOf: { orderId, cumulative: order.filled, cost: order.cost > 0 ? order.cost : order.filled * price, openedAt: order.createdAt },
  });
  const exit = order.origin === 'bracket' && order.originId && order.originRole && order.originRole !== ENTRY_ROLE;
  const fills = [
    exit
      ? { ...fill(`account:${order.accountId}`), exitOf: { key: `${order.accountId}|${order.originId}`, role: order.originRole as string } }
      : fill(`account:${order.accountId}`),
  ];
  if (order.origin === 'bot' && order.originId) fills.push(fill(`bot:${order.originId}`));
  return fills;
}

/**
 * Every fill the ledger recorded for a link's leader since the link was made (start-up catch-up;
 * repeats copy nothing). Paused and stopped links are caught up too: each missed fill gets its
 * "skipped: the link is paused" decision now, as it would have live, so resuming the link later
 * never copies those old fills at a later start-up (nothing else marks them as seen).
 */
export function ledgerBacklog(orders: OrdersRepo, links: CopyRepo): LeaderFill[] {
  // Keyed by leader + event: the engine hands each fill to every link of its leader, so one delivery is enough.
  const fills = new Map<string, LeaderFill>();
  for (const link of links.list()) {
    if (link.leader.kind === 'feed') continue; // a feed resumes from its own sequence
    const rows =
      link.leader.kind === 'account'
        ? orders.filledSince({ accountId: link.leader.accountId }, link.createdAt)
        : orders.filledSince({ originId: link.leader.botId }, link.createdAt);
    for (const row of rows)
      for (const fill of leaderFillsOf(row)) if (fill.leaderId === link.leaderId) fills.set(`${fill.leaderId}|${fill.eventId}`, fill);
  }
  return [...fills.values()].sort((a, b) => a.filledAt - b.filledAt);
}
