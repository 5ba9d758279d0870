import type { OrderVenue } from '../exchange/venue';
import type { NewIntent } from './orders-repo';

/** A checked order: its notional in USD, recorded with the intent so the day's use is summed from the ledger. */
export interface CheckedNotional {
  notionalUsd: number;
}

/**
 * What `OrderService.submit` asks of the per-account live-order limits (limits/live-order-limits.ts
 * implements it). Declared here so the ledger does not depend on the limits folder, which
 * depends on the ledger's intents.
 */
export interface OrderLimits {
  /** Null when the order is exempt; throws a `limit_*` TradewindError when it is over a limit. */
  check(venue: OrderVenue, intent: NewIntent, accountLabel: string): Promise<CheckedNotional | null>;
  /** Throws when the order would take the account over its daily limit (checked again just before sending). */
  assertDaily(intent: NewIntent, checked: CheckedNotional, accountLabel: string): void;
  record(accountId: string, clientOrderId: string, checked: CheckedNotional): void;
}
