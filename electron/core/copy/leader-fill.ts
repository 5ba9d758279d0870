/**
 * The one typed stream every leader feeds the follow engine with. A leader of any kind (another
 * account, one of the person's bots; later a signed remote feed or an index) turns what it saw
 * into `LeaderFill`s; the engine never asks where one came from.
 */
import type { LeaderSpec } from '../../../shared/ipc/schemas/copy';

export interface LeaderFill {
  /** `account:<accountId>`, `bot:<botId>` or `feed:<url>#<public key>` (later `index:<…>`). */
  leaderId: string;
  /** Unique per leader and fill state: a repeated event (same id) is copied once. */
  eventId: string;
  symbol: string;
  side: 'buy' | 'sell';
  /** The leader order's filled amount so far (base) — the engine copies only what is new since the last event. */
  amount: number;
  /** Average price of the leader order so far. */
  price: number;
  /** The connected account the leader's order traded on (account and bot leaders): its venue can say the leader's real position. */
  accountId?: string;
  /** The leader order was reduce-only (perpetual swaps): it reduced a position and opened nothing. */
  reduceOnly?: boolean;
  /** When the fill was observed (wall clock, ms). */
  filledAt: number;
  /** The leader order and its cumulative filled amount and cost: partial fills are copied by difference. */
  fillOf: {
    orderId: string;
    cumulative: number;
    cost: number;
    /** When the leader order was created: links made after it do not copy it. */
    openedAt?: number;
  };
  /** The leader order is an exit of a leader position whose protection links may mirror (`LeaderProtection.key`, the order's role: `target:<n>`, `close`, `oco-stop`). */
  exitOf?: { key: string; role: string };
}

/** A feed leader is its (normalised) URL and pinned key: the same feed under another key is another leader. */
export function leaderIdOf(leader: LeaderSpec): string {
  if (leader.kind === 'account') return `account:${leader.accountId}`;
  if (leader.kind === 'bot') return `bot:${leader.botId}`;
  return `feed:${leader.url}#${leader.publicKey}`;
}
