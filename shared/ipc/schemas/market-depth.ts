/**
 * Contract entries for the order book panel: a snapshot of the book and the public trade tape.
 * Both say `available: false` with a reason when the source cannot honestly provide them
 * (the offline replay has bars only), rather than inventing data.
 */
import { z } from 'zod';

const finite = z.number().finite();
const id = z.string().min(1).max(64);
const symbol = z
  .string()
  .max(48)
  // A perpetual swap carries its settle currency after a colon, as ccxt spells it: BTC/USDT:USDT.
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}(:[A-Za-z0-9._-]{1,20})?$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');

/** [price, amount in base units]. */
export const DepthLevelSchema = z.tuple([finite, finite]);
export type DepthLevel = z.infer<typeof DepthLevelSchema>;

export const OrderBookSnapshotSchema = z.object({
  symbol: z.string(),
  /** Best (highest) bid first. */
  bids: z.array(DepthLevelSchema),
  /** Best (lowest) ask first. */
  asks: z.array(DepthLevelSchema),
  timestamp: finite,
  available: z.boolean(),
  reason: z.string().optional(),
  /** Served from a websocket-maintained book: cheap to ask for again at once. */
  streaming: z.boolean().optional(),
});
export type OrderBookSnapshot = z.infer<typeof OrderBookSnapshotSchema>;

export const PublicTradeSchema = z.object({
  id: z.string(),
  price: finite,
  amount: finite,
  /** The taker's side; null when the exchange does not say. */
  side: z.enum(['buy', 'sell']).nullable(),
  timestamp: finite,
});
export type PublicTrade = z.infer<typeof PublicTradeSchema>;

export const RecentTradesSchema = z.object({
  symbol: z.string(),
  /** Newest first. */
  trades: z.array(PublicTradeSchema),
  available: z.boolean(),
  reason: z.string().optional(),
  /** Served from a websocket-maintained tape: cheap to ask for again at once. */
  streaming: z.boolean().optional(),
});
export type RecentTrades = z.infer<typeof RecentTradesSchema>;

export const DEPTH_LIMITS = { min: 5, max: 100, default: 50 } as const;

export const marketDepthMethods = {
  'market.depth': {
    input: z.strictObject({
      accountId: id,
      symbol,
      limit: z.number().int().min(DEPTH_LIMITS.min).max(DEPTH_LIMITS.max).optional(),
    }),
    output: OrderBookSnapshotSchema,
  },
  'market.trades': {
    input: z.strictObject({
      accountId: id,
      symbol,
      limit: z.number().int().min(1).max(100).optional(),
    }),
    output: RecentTradesSchema,
  },
} as const;
