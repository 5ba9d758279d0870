/**
 * One follow link's statistics, read from what core already records: the leader's own fills in the
 * ledger (an account's orders other than copies, or one bot's; a remote feed's as the copy log
 * recorded them), the follower's copies of this link
 * (with their fees), and the link's copy log for tracking. Current prices mark what is still held;
 * a venue that does not answer leaves a market at its last fill price.
 */
import type { CopyStats, StatsPeriod } from '../../../../shared/ipc/schemas/copy-stats';
import type { OrderRow, OrdersRepo } from '../../orders/orders-repo';
import type { CopyLinkRecord, CopyRepo } from '../copy-repo';
import { logEntry } from '../copy-repo';
import { DAY_MS, performance, type StatsFill } from './performance';
import { tracking } from './tracking';

export const PERIOD_DAYS: Record<StatsPeriod, number | null> = { '7d': 7, '30d': 30, '90d': 90, all: null };

export interface LinkStatsDeps {
  orders: OrdersRepo;
  repo: CopyRepo;
  /** The account a bot trades on, or null when the bot is gone. */
  botAccount: (botId: string) => string | null;
  /** The last price of a market on an account, or null (never throws). */
  price: (accountId: string, symbol: string) => Promise<number | null>;
  /** One unit of `from` in `to` now at the portfolio's valuation rates, or null (absent: markets of other quotes are left out). */
  rate?: (from: string, to: string) => number | null;
}

/** The leader's own fills in the ledger: every filled order of the account except copies, or the bot's orders; none for a remote feed. */
export function leaderOrders(orders: OrdersRepo, link: CopyLinkRecord): OrderRow[] {
  if (link.leader.kind === 'account') return orders.filledSince({ accountId: link.leader.accountId }, 0).filter((o) => o.origin !== 'copy');
  if (link.leader.kind === 'bot') return orders.filledSince({ originId: link.leader.botId }, 0).filter((o) => o.origin === 'bot');
  return [];
}

/**
 * A remote feed leader's fills are not in this ledger: they are the ones the link decided on, as
 * the copy log recorded them (each new part of a leader order once, whatever was done with it; the
 * feed carries no fees).
 */
function feedFills(repo: CopyRepo, link: CopyLinkRecord): StatsFill[] {
  return repo
    .logSince(link.id, 0)
    .filter((r) => r.leaderOrder !== null && r.leaderAmount > 0 && r.leaderPrice > 0)
    .map((r) => ({ symbol: r.leaderSymbol, side: r.side, amount: r.leaderAmount, price: r.leaderPrice, at: r.leaderFilledAt, fees: [] }));
}

export function followerOrders(orders: OrdersRepo, link: CopyLinkRecord): OrderRow[] {
  return orders.byOrigin(link.id).filter((o) => o.origin === 'copy' && o.filled > 0);
}

export function statsFills(orders: OrdersRepo, rows: readonly OrderRow[]): StatsFill[] {
  return rows.flatMap((o) => {
    const price = o.averagePrice ?? (o.cost > 0 ? o.cost / o.filled : null);
    if (price === null || !(o.filled > 0)) return [];
    return [
      { symbol: o.symbol, side: o.side, amount: o.filled, price, at: o.updatedAt, fees: orders.feesOf(o.accountId, o.clientOrderId) },
    ];
  });
}

async function marks(deps: LinkStatsDeps, accountId: string | null, rows: ReadonlyArray<{ symbol: string }>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (accountId === null) return out;
  for (const symbol of new Set(rows.map((o) => o.symbol))) {
    const price = await deps.price(accountId, symbol);
    if (price !== null && price > 0) out.set(symbol, price);
  }
  return out;
}

export async function linkStats(deps: LinkStatsDeps, link: CopyLinkRecord, period: StatsPeriod, now: number): Promise<CopyStats> {
  const days = PERIOD_DAYS[period];
  const from = days === null ? null : now - days * DAY_MS;
  const leaderRows = leaderOrders(deps.orders, link);
  const followerRows = followerOrders(deps.orders, link);
  const leaderFills = link.leader.kind === 'feed' ? feedFills(deps.repo, link) : statsFills(deps.orders, leaderRows);
  // A feed leader's markets are priced where the follower trades them.
  const leaderAccount =
    link.leader.kind === 'account'
      ? link.leader.accountId
      : link.leader.kind === 'bot'
        ? deps.botAccount(link.leader.botId)
        : link.followerAccountId;
  const leader = performance({
    fills: leaderFills,
    from,
    to: now,
    marks: await marks(deps, leaderAccount, leaderFills),
    currency: link.rules.currency ?? null,
    rate: deps.rate,
  });
  const follower = performance({
    fills: statsFills(deps.orders, followerRows),
    from,
    to: now,
    marks: await marks(deps, link.followerAccountId, followerRows),
    currency: link.rules.currency ?? null,
    rate: deps.rate,
  });
  const gap =
    leader.performance.roiPct === null || follower.performance.roiPct === null
      ? null
      : follower.performance.roiPct - leader.performance.roiPct;
  const rows = deps.repo.logSince(link.id, from ?? 0).map(logEntry);
  return {
    linkId: link.id,
    period,
    from,
    to: now,
    leader: leader.performance,
    follower: follower.performance,
    tracking: tracking(rows, gap),
    curves: { leader: leader.curve, follower: follower.curve },
  };
}
