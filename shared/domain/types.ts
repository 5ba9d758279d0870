/**
 * Branded primitives: a Price cannot be passed where an Amount is expected, and a
 * millisecond timestamp cannot be mixed up with a bar index. Brands are erased at
 * runtime; schemas at the boundaries produce them.
 */
declare const brand: unique symbol;
export type Nominal<T, Name extends string> = T & { readonly [brand]: Name };

export type Price = Nominal<number, 'Price'>;
export type Amount = Nominal<number, 'Amount'>;
export type TimestampMs = Nominal<number, 'TimestampMs'>;
export type MarketSymbol = Nominal<string, 'MarketSymbol'>;

export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d', '1w'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
  '1w': 604_800_000,
};

export function timeframeMs(tf: Timeframe): number {
  return TIMEFRAME_MS[tf];
}

/** Start of the bar that contains `ts`. Weeks start on Monday 00:00 UTC, as on exchanges. */
export function barStart(ts: number, tf: Timeframe): number {
  if (tf === '1w') {
    const mondayOffset = 4 * 86_400_000; // 1970-01-01 was a Thursday
    const week = TIMEFRAME_MS['1w'];
    return Math.floor((ts - mondayOffset) / week) * week + mondayOffset;
  }
  const ms = TIMEFRAME_MS[tf];
  return Math.floor(ts / ms) * ms;
}

/** One OHLCV bar: [open time ms, open, high, low, close, volume (base)]. Compact for IPC. */
export type Candle = [number, number, number, number, number, number];
