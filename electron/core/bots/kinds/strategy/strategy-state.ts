/** What a strategy run persists: the decisions taken and the one waiting for its order (see kind-state.ts). */
import type { KindStateBase } from '../../kind-state';

/** entry / exit: a long (buy, then sell); short / cover: a short on a perpetual swap (sell, then a reduce-only buy). */
export type StrategyAction = 'entry' | 'exit' | 'short' | 'cover';

export interface StrategyState extends KindStateBase {
  kind: 'strategy';
  /** Open time of the last closed candle evaluated. */
  lastBar: number | null;
  /** Entries and exits decided so far: the roles are `strategy:r<run>:entry:<n>` / `exit:<n>`. */
  entries: number;
  exits: number;
  /** Shorts and covers decided so far (`short:<n>` / `cover:<n>`); absent in runs saved before shorts. */
  shorts?: number;
  covers?: number;
  /** The decision waiting for its order (placed on resume if a crash came in between). */
  pending: { action: StrategyAction; n: number } | null;
}
