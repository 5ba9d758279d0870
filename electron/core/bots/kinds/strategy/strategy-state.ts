/** What a strategy run persists: the decisions taken and the one waiting for its order (see kind-state.ts). */
import type { KindStateBase } from '../../kind-state';

export interface StrategyState extends KindStateBase {
  kind: 'strategy';
  /** Open time of the last closed candle evaluated. */
  lastBar: number | null;
  /** Entries and exits decided so far: the roles are `strategy:r<run>:entry:<n>` / `exit:<n>`. */
  entries: number;
  exits: number;
  /** The decision waiting for its order (placed on resume if a crash came in between). */
  pending: { action: 'entry' | 'exit'; n: number } | null;
}
