/**
 * The ledger's state machine. An order starts as an `intent` (recorded, not yet sent); the
 * venue's answer moves it to `open` / `partially_filled` / `filled` / `cancelled` / `rejected` /
 * `expired`. When a send fails without telling whether the venue accepted it, the order is
 * `unknown` and is looked up by client id; "not found" is counted (Hummingbot's lesson: not found
 * N times is a state of its own), and only after the last lookup does it become `failed`.
 * Nothing in here ever re-sends an order.
 */
import type { OrderStatus } from '../../../shared/ipc/schemas/orders';
import type { VenueStatus } from '../exchange/venue';

export const OPEN_STATUSES: readonly OrderStatus[] = ['open', 'partially_filled'];
export const UNRESOLVED_STATUSES: readonly OrderStatus[] = ['intent', 'unknown'];
/** Statuses whose orders may still change on the venue. */
export const LIVE_STATUSES: readonly OrderStatus[] = [...UNRESOLVED_STATUSES, ...OPEN_STATUSES];
export const FINAL_STATUSES: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected', 'expired', 'failed'];

export function isFinal(status: OrderStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function isOpen(status: OrderStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Normalises the venue's word: an open order with fills is partially filled. */
export function venueStatus(status: VenueStatus, filled: number): VenueStatus {
  return status === 'open' && filled > 0 ? 'partially_filled' : status;
}

/**
 * The status after the venue reported `reported`. The venue is the truth for anything not yet
 * final, and for a `failed` order it finds after all (adopted late). A final state never moves
 * back: a stale poll answer cannot reopen a filled or cancelled order.
 */
export function nextStatus(current: OrderStatus, reported: VenueStatus): OrderStatus {
  if (current === 'filled' || current === 'cancelled' || current === 'rejected' || current === 'expired') return current;
  return reported;
}

export interface LookupPolicy {
  /** Wait before each lookup after an unknown outcome: the first is immediate, then backing off. */
  delaysMs: readonly number[];
}

export const DEFAULT_LOOKUP_POLICY: LookupPolicy = { delaysMs: [0, 1_000, 2_000, 4_000, 8_000] };

/** After a lookup found nothing: the next state and, while unknown, when to look again. */
export function afterLookupMiss(
  lookups: number,
  now: number,
  policy: LookupPolicy,
): { status: OrderStatus; lookups: number; nextLookupAt: number | null } {
  const count = lookups + 1;
  if (count >= policy.delaysMs.length) return { status: 'failed', lookups: count, nextLookupAt: null };
  return { status: 'unknown', lookups: count, nextLookupAt: now + policy.delaysMs[count]! };
}
