import type { Candle } from '../../../../shared/domain/types';

/**
 * A recorded bar only tells open, high, low and close. To replay it as a live feed we walk
 * the conventional path: a rising bar goes open → low → high → close, a falling one
 * open → high → low → close, each leg taking a third of the bar. At the bar's end the
 * partial bar equals the recorded one exactly, so replayed history is never altered.
 */
export function partialBar(bar: Candle, fraction: number): Candle {
  const [t, open, , , , volume] = bar;
  const f = Math.min(Math.max(fraction, 0), 1);
  const points = intrabarPath(bar);
  const leg = Math.min(Math.floor(f * 3), 2);
  const within = f * 3 - leg;
  const price = points[leg]! + (points[leg + 1]! - points[leg]!) * within;
  let hi = Math.max(open, price);
  let lo = Math.min(open, price);
  for (let i = 1; i <= leg; i++) {
    hi = Math.max(hi, points[i]!);
    lo = Math.min(lo, points[i]!);
  }
  return [t, open, hi, lo, price, volume * f];
}

/**
 * The four prices a bar's path visits, in order: open, the extreme on the far side of the close,
 * the other extreme, close (a rising bar: open, low, high, close). The replay walks between them;
 * bot backtests sample exactly these points, so both see the same path.
 */
export function intrabarPath(bar: Candle): [number, number, number, number] {
  const [, open, high, low, close] = bar;
  return close >= open ? [open, low, high, close] : [open, high, low, close];
}
