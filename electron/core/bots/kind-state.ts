/**
 * What each bot kind persists about its progress (bots.state_json). It holds the *desired*
 * slots (which order each level or deal should have, under which role); whether that order
 * exists and what happened to it is always read from the ledger, never remembered here.
 * A slot is written before its order is submitted, so a crash in between leaves a slot whose
 * role the ledger does not know yet: it is placed on resume, exactly once.
 */

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

/**
 * The fields every kind's state shares; each kind extends it with its own (kinds/<kind>/*-state.ts).
 * `kind` names the registered kind, `lastBar` is kept by kinds that act on closed candles, `day`
 * is the daily-loss guard's mark and `oversold` the base sold beyond what the run held, as last
 * reported in its events (reported again only when it grows).
 */
export interface KindStateBase {
  kind: string;
  lastBar?: number | null;
  day?: DayMark;
  oversold?: number;
}

/** A kind's persisted state as the runtime sees it (the kind itself reads its own fields). */
export type KindState = KindStateBase;

export const rolePrefix = (kind: string, run: number) => `${kind}:r${run}:`;
