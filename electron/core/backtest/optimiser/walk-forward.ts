/**
 * Walk-forward windows and the stitched out-of-sample equity. Each fold chooses parameters on
 * its in-sample window and is judged on the out-of-sample window right after it; the
 * out-of-sample windows follow each other without overlap and together cover the end of the range.
 */
import { lowerBound, type CandleColumns } from '../../strategy/candle-columns';
import { BacktestInputError } from '../errors';

export interface SampleRange {
  startTime: number;
  /** Exclusive. */
  endTime: number;
  bars: number;
}

export interface WalkForwardWindow {
  inSample: SampleRange;
  outOfSample: SampleRange;
}

/** The traded bars [from, to) of the range, as bar indices. */
export function barRange(candles: CandleColumns, startTime: number | undefined, endTime: number | undefined): { from: number; to: number } {
  const from = startTime === undefined ? 0 : lowerBound(candles.time, startTime, candles.length);
  const to = endTime === undefined ? candles.length : lowerBound(candles.time, endTime, candles.length);
  return { from, to };
}

/** Bars [a, b) as a time range (the end is the next bar's open, or one past the last bar). */
export function rangeOfBars(candles: CandleColumns, a: number, b: number): SampleRange {
  const time = candles.time;
  const endTime = b < candles.length ? time[b]! : time[b - 1]! + 1;
  return { startTime: time[a]!, endTime, bars: b - a };
}

/**
 * `folds` windows over bars [from, to): the first in-sample window takes `inSampleFraction` of
 * the bars, the rest is cut into `folds` equal out-of-sample windows (the last one takes the
 * remainder). Rolling: each in-sample window has the first one's length and ends where its
 * out-of-sample window starts; anchored: each starts at the range's first bar.
 */
export function walkForwardWindows(
  candles: CandleColumns,
  range: { from: number; to: number },
  folds: number,
  inSampleFraction: number,
  anchored: boolean,
): WalkForwardWindow[] {
  const bars = range.to - range.from;
  const inSampleBars = Math.floor(bars * inSampleFraction);
  const oosBars = Math.floor((bars - inSampleBars) / folds);
  if (inSampleBars < 2 || oosBars < 2) {
    throw new BacktestInputError(
      `Too few bars (${Math.max(0, bars)}) for ${folds} walk-forward folds: each window needs at least 2 bars. Use fewer folds or a longer range.`,
    );
  }
  const firstOos = range.to - folds * oosBars;
  const windows: WalkForwardWindow[] = [];
  for (let i = 0; i < folds; i++) {
    const oosStart = firstOos + i * oosBars;
    const oosEnd = i === folds - 1 ? range.to : oosStart + oosBars;
    const isStart = anchored ? range.from : oosStart - (firstOos - range.from);
    windows.push({ inSample: rangeOfBars(candles, isStart, oosStart), outOfSample: rangeOfBars(candles, oosStart, oosEnd) });
  }
  return windows;
}

export interface StitchedEquity {
  time: number[];
  equity: number[];
  drawdownPct: number[];
}

/**
 * One equity line from the out-of-sample runs: each run starts with the same cash, so each is
 * scaled to start where the previous one ended (compounding, as if the account carried over).
 */
export function stitchEquity(
  startingCash: number,
  pieces: readonly { time: ArrayLike<number>; equity: ArrayLike<number> }[],
): StitchedEquity {
  const out: StitchedEquity = { time: [], equity: [], drawdownPct: [] };
  let level = startingCash;
  let peak = startingCash;
  for (const piece of pieces) {
    const scale = level / startingCash;
    for (let i = 0; i < piece.time.length; i++) {
      const value = piece.equity[i]! * scale;
      peak = Math.max(peak, value);
      out.time.push(piece.time[i]!);
      out.equity.push(value);
      out.drawdownPct.push(peak > 0 ? ((peak - value) / peak) * 100 : 0);
    }
    if (piece.time.length > 0) level = piece.equity[piece.time.length - 1]! * scale;
  }
  return out;
}
