/**
 * The position-aware values of the Position block. The evaluators do not own a position: the
 * backtest's simulator or the live bot hands them a `PositionSnapshot` per bar (the position as
 * it stood at that bar's close), and this tracker derives the rest from the snapshots and bars it
 * has seen. One `next()` for the batch pass and the streaming step, so both agree bit for bit.
 */
import { FALSE, TRUE } from './conditions';

export interface PositionSnapshot {
  /** True while a position is held at the bar's close. */
  open: boolean;
  /** Average fill price of the open position's buys (a short's sales; fees not included); NaN when flat. */
  entryPrice: number;
  /** When the position's first buy filled (ms); a new value starts a new position. NaN when flat. */
  entryTime: number;
  /** A short position (backtests only): its unrealised profit is measured downwards. Absent: long. */
  short?: boolean;
}

export const FLAT: Readonly<PositionSnapshot> = Object.freeze({ open: false, entryPrice: NaN, entryTime: NaN });

export interface PositionValues {
  inPosition: number;
  entryPrice: number;
  unrealisedPct: number;
  barsInTrade: number;
  highestSinceEntry: number;
  lowestSinceEntry: number;
}

export class PositionTracker {
  private entryTime = NaN;
  private bars = 0;
  private highest = NaN;
  private lowest = NaN;

  /** Feeds one bar and the position at its close; `out` receives the block's values. */
  next(position: PositionSnapshot, high: number, low: number, close: number, out: PositionValues): void {
    if (!position.open) {
      this.entryTime = NaN;
      out.inPosition = FALSE;
      out.entryPrice = NaN;
      out.unrealisedPct = NaN;
      out.barsInTrade = NaN;
      out.highestSinceEntry = NaN;
      out.lowestSinceEntry = NaN;
      return;
    }
    // The first bar a position (identified by its first fill's time) is seen at is its entry bar.
    if (position.entryTime !== this.entryTime) {
      this.entryTime = position.entryTime;
      this.bars = 0;
      this.highest = high;
      this.lowest = low;
    } else {
      this.bars++;
      if (high > this.highest) this.highest = high;
      if (low < this.lowest) this.lowest = low;
    }
    out.inPosition = TRUE;
    out.entryPrice = position.entryPrice;
    out.unrealisedPct = position.short === true ? (1 - close / position.entryPrice) * 100 : (close / position.entryPrice - 1) * 100;
    out.barsInTrade = this.bars;
    out.highestSinceEntry = this.highest;
    out.lowestSinceEntry = this.lowest;
  }
}
