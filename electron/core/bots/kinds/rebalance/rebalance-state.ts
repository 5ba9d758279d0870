/** What a rebalance bot's run persists: its rounds and their legs (see kind-state.ts). */
import type { RebalanceRound } from '../../../../../shared/ipc/schemas/rebalance';
import type { KindStateBase } from '../../kind-state';

/** One leg of a round: the order (role `n<round>:<side>:<ASSET>`) written here before it is sent. */
export interface RebalanceLeg {
  asset: string;
  symbol: string;
  side: 'buy' | 'sell';
  amount: number;
  /** The price the plan valued it at (the order is a market order). */
  price: number;
  role: string;
  /** Left out of the round, and why (below a minimum, held by a guard); null when sent. */
  dropped: string | null;
  /** A guard refused it when it was to be sent (the round counts it as not filled). */
  refused?: boolean;
}

export interface RebalanceRoundState {
  n: number;
  reason: RebalanceRound['reason'];
  startedAt: number;
  finishedAt: number | null;
  /** selling: the sells go out and fill; buying: the buys, planned from the cash the sells brought. */
  phase: 'selling' | 'buying' | 'done';
  legs: RebalanceLeg[];
  maxDriftPct: number;
}

export const ROUNDS_KEPT = 20;

export interface RebalanceState extends KindStateBase {
  kind: 'rebalance';
  /** The quote the run started with (see `startingCash`); its fills' quote flows add to it. */
  cashStart: number;
  /** The basket coins the run took over at start (see `takeOver`); its fills add to them. Absent in runs saved before. */
  coinsStart?: Record<string, number>;
  nextRound: number;
  /** When the last round started (the schedule counts from it); null before the first. */
  lastRoundAt: number | null;
  current: RebalanceRoundState | null;
  /** Finished rounds, newest first (the last ROUNDS_KEPT). */
  rounds: RebalanceRoundState[];
  /**
   * Set when a round ended with a leg a guard refused: the prices and settings it saw. No drift
   * round starts again until a price moves `STALL_MOVE` or the settings change (the same round
   * would be refused again, every step).
   */
  stalled?: { prices: Record<string, number>; settings: string } | null;
  /**
   * True while the basket has drifted but every leg is below a minimum: that is said once, not on
   * every step, until the drift goes or a round runs.
   */
  driftUnsendable?: boolean;
}

/** How far (relative) a price must move before a stalled bot tries a drift round again. */
export const STALL_MOVE = 0.01;
