import { barStart, type Candle, type Timeframe } from '../../../shared/domain/types';

/**
 * Rolls finer bars up into `timeframe` buckets (open of the first, max high, min low,
 * close of the last, summed volume). Gaps stay gaps: an empty bucket produces no bar.
 */
export function aggregateCandles(bars: readonly Candle[], timeframe: Timeframe): Candle[] {
  const out: Candle[] = [];
  let current: Candle | undefined;
  for (const [t, o, h, l, c, v] of bars) {
    const bucket = barStart(t, timeframe);
    if (current && current[0] === bucket) {
      if (h > current[2]) current[2] = h;
      if (l < current[3]) current[3] = l;
      current[4] = c;
      current[5] += v;
    } else {
      current = [bucket, o, h, l, c, v];
      out.push(current);
    }
  }
  return out;
}

/** `since`/`limit` as exchanges apply them: from `since` forward, else the most recent `limit`. */
export function sliceCandles(candles: Candle[], since: number | undefined, limit: number): Candle[] {
  if (since === undefined) return candles.slice(Math.max(0, candles.length - limit));
  const from = candles.findIndex((c) => c[0] >= since);
  return from < 0 ? [] : candles.slice(from, from + limit);
}
