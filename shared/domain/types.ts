import { z } from 'zod';

/**
 * Branded money and symbols, so a Price cannot be passed where an Amount is expected. The brands
 * are zod's: erased at runtime, produced by parsing at the boundary (the contract's order ticket
 * and bracket schemas build on these) and, inside core, only where a number becomes one for real
 * (a venue's `Precision` rounds to the step/tick and brands there: `asAmount`, `asPrice`). Core's
 * ticket arithmetic takes and returns them, and the ledger's `OrderService.submit` takes them, so
 * every order's money was rounded to the market first; the views still carry plain numbers.
 * Timestamps are plain epoch milliseconds (`…At`, `…Ms` names), not branded.
 */
export const PriceSchema = z.number().finite().positive().brand<'Price'>();
export type Price = z.output<typeof PriceSchema>;
/** A quantity of the base asset (BTC in BTC/USDT). */
export const AmountSchema = z.number().finite().positive().brand<'Amount'>();
export type Amount = z.output<typeof AmountSchema>;
export const MarketSymbolSchema = z
  .string()
  .max(48)
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}$/, 'must look like BASE/QUOTE, e.g. BTC/USDT')
  .brand<'MarketSymbol'>();
export type MarketSymbol = z.output<typeof MarketSymbolSchema>;

/** A base quantity core computed itself (sizing, then rounding to the step): no parse, it is one by construction. */
export const asAmount = (value: number): Amount => value as Amount;
/** A price core rounded to the market's tick itself (a venue's `Precision.price`): one by construction. */
export const asPrice = (value: number): Price => value as Price;

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
