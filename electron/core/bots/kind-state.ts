/**
 * What each bot kind persists about its progress (bots.state_json). It holds the *desired*
 * slots (which order each level or deal should have, under which role); whether that order
 * exists and what happened to it is always read from the ledger, never remembered here.
 * A slot is written before its order is submitted, so a crash in between leaves a slot whose
 * role the ledger does not know yet: it is placed on resume, exactly once.
 */

export interface GridSlot {
  /** The order this level should have; null = idle (the level next to the price). */
  side: 'buy' | 'sell' | null;
  /** Bumped every time the level gets a new order: the role is `grid:r<run>:L<level>:c<cycle>`. */
  cycle: number;
  /** Base of the order at this level. */
  amount: number;
  /** Quote paid per unit (fees included) for the base a sell carries; null for buys. */
  basis: number | null;
  /** Definite refusals in a row (the bot stops after a few rather than loop). */
  refusals: number;
  /**
   * Base a buy of this level already bought (net of fees) and what it paid, when that buy was
   * cancelled outside the bot after a partial fill: the next buy tops it up, the sell carries it.
   */
  held?: { base: number; cost: number };
}

export interface GridState {
  kind: 'grid';
  levels: number[];
  /** Base per level after precision. */
  amount: number;
  phase: 'init' | 'active' | 'closing' | 'closed';
  slots: GridSlot[];
  /** Completed buy→sell pairs and their profit net of fees. */
  pairs: number;
  /** Base bought at market when the run starts (0 when no level is above the price). */
  initAmount: number;
  /** Start-up buys that were never placed or were refused by a busy exchange; each retry has its own role. */
  initAttempt: number;
  /** Why the grid is closing (stop-loss / take-profit bound reached). */
  closeReason: 'stop_loss' | 'take_profit' | null;
}

export interface DcaDealState {
  key: number;
  status: 'opening' | 'open' | 'closing' | 'closed';
  openedAt: number;
  closedAt: number | null;
  /** Price of the base order's fill: safety orders are placed below it. */
  firstPrice: number | null;
  /** Take-profit order generation: `tp<k>`; a new one replaces the old after each safety fill. */
  tp: number;
  realisedPnl: number;
}

export interface DcaState {
  kind: 'dca';
  deals: DcaDealState[];
  nextKey: number;
  /** Open time of the last closed candle evaluated for the signal. */
  lastBar: number | null;
}

export interface StrategyState {
  kind: 'strategy';
  /** Open time of the last closed candle evaluated. */
  lastBar: number | null;
  /** Entries and exits decided so far: the roles are `strategy:r<run>:entry:<n>` / `exit:<n>`. */
  entries: number;
  exits: number;
  /** The decision waiting for its order (placed on resume if a crash came in between). */
  pending: { action: 'entry' | 'exit'; n: number } | null;
}

/**
 * Realised and unrealised PnL when the current UTC day began: the daily-loss guard counts today's
 * loss from there, so a position already under water yesterday is not counted again today.
 */
export interface DayMark {
  start: number;
  realised: number;
  /** Absent in marks saved before it was kept: counted as 0 (the whole open loss is today's). */
  unrealised?: number;
}

/** `oversold`: base sold beyond what the run held, as last reported in its events (reported again only when it grows). */
export type KindState = (GridState | DcaState | StrategyState) & { day?: DayMark; oversold?: number };

export const rolePrefix = (kind: string, run: number) => `${kind}:r${run}:`;
