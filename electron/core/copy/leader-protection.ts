/**
 * The leader's own take-profit and stop, as a second typed stream beside `LeaderFill`: what a
 * link with `protection: leader` mirrors on the follower. One `LeaderProtection` is the whole
 * current state of one leader position's exits (a bracket), so a repeated or late event is
 * harmless: the follower compares revisions. Producer today: the leader account's brackets
 * (ticket brackets, native OCO included). No bot kind places brackets; the DCA bot's resting
 * take-profit is an ordinary bot order, copied as the sell it becomes.
 */
import { createHash } from 'node:crypto';
import type { OrderRow } from '../orders/orders-repo';
import { ENTRY_ROLE } from '../orders/origin-roles';
import type { BracketRecord } from '../trading/brackets-repo';

export interface LeaderProtection {
  leaderId: string;
  /** The leader's position these exits protect: `<account>|<bracket id>`. */
  key: string;
  /** The leader order that opened it, as `LeaderFill.fillOf.orderId` names it: the follower's copies of it are what the mirror sells. */
  entryOrderId: string;
  /** Base the leader's entry filled (net of base fees): a leader exit's share of the position is its amount over this. */
  entryAmount: number;
  symbol: string;
  /** Digest of the targets, stop and trailing distance: a new revision replaces the follower's mirror. */
  revision: string;
  /** Take-profit targets in the leader's order; `share` is percent of the position, `done` when the leader's target already filled. */
  targets: Array<{ key: number; price: number; share: number; done: boolean }>;
  stopPrice: number | null;
  /** Trailing stop distance in percent below the highest price since the position opened. */
  trailingPct: number | null;
  /** `cancelled`: the leader cancelled or is closing the bracket; the follower drops its mirror and keeps the position. */
  state: 'active' | 'cancelled';
}

/** The bracket's entry order as a leader fill names it (`<account>|<client id>`). */
export const leaderOrderKey = (order: Pick<OrderRow, 'accountId' | 'clientOrderId'>) => `${order.accountId}|${order.clientOrderId}`;

/**
 * The protection a leader bracket gives its position now, or null while there is nothing to
 * mirror (the entry has not filled, or a sell bracket: copy follows longs only).
 */
export function leaderProtectionOf(record: BracketRecord, rows: readonly OrderRow[], entryAmount: number): LeaderProtection | null {
  if (record.side !== 'buy' || record.status === 'pending_entry') return null;
  const entry = rows.find((r) => r.originRole === ENTRY_ROLE);
  if (!entry || !(entry.filled > 0)) return null;
  const targets = record.state.targets
    .filter((t) => t.price !== null && t.status !== 'cancelled' && t.status !== 'failed')
    .map((t) => ({ key: t.key, price: t.price as number, share: t.share, done: t.status === 'filled' }));
  const stopPrice = record.state.stopPrice;
  const trailingPct = record.plan.trailing?.callbackPct ?? null;
  // `done` stays out of the digest: a leader target filling is copied as the leader's sell, not as a move.
  const revision = createHash('sha256')
    .update(JSON.stringify([targets.map((t) => [t.key, t.price, t.share]), stopPrice, trailingPct]))
    .digest('hex')
    .slice(0, 12);
  return {
    leaderId: `account:${record.accountId}`,
    key: `${record.accountId}|${record.id}`,
    entryOrderId: leaderOrderKey(entry),
    entryAmount,
    symbol: record.symbol,
    revision,
    targets,
    stopPrice,
    trailingPct,
    state: record.status === 'open_position' ? 'active' : 'cancelled',
  };
}
