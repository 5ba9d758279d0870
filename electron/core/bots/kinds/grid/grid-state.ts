/** What a grid run persists: its levels and the order each cell should have (see kind-state.ts). */
import type { KindStateBase } from '../../kind-state';

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

export interface GridState extends KindStateBase {
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
