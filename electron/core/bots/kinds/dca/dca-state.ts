/** What a DCA run persists: its deals (see kind-state.ts). */
import type { KindStateBase } from '../../kind-state';

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

export interface DcaState extends KindStateBase {
  kind: 'dca';
  deals: DcaDealState[];
  nextKey: number;
  /** Open time of the last closed candle evaluated for the signal. */
  lastBar: number | null;
}
