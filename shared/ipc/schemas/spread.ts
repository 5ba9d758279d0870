/**
 * The cross-exchange spread monitor and its two-leg ticket. The monitor compares the live best
 * bid/ask of one base asset on every connected (live) account; the ticket buys on one account and
 * sells on another in one action, both legs recorded in the order ledger before either is sent.
 */
import { z } from 'zod';
import { OrderSideSchema, OrderStatusSchema } from './orders';

const finite = z.number().finite();
const id = z.string().min(1).max(64);
const symbol = z
  .string()
  .max(48)
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');

export const SpreadPreferencesSchema = z.strictObject({
  /** Rows whose best net spread (after both taker fees) is at or above this % are highlighted and alerted. */
  thresholdPct: finite.min(0, 'must be 0 % or more').max(100, 'must be at most 100 %'),
  /** Treat USDT, USDC and USD quotes as the same money (taken 1:1). Off: only the same quote is compared. */
  stableQuotesComparable: z.boolean(),
});
export type SpreadPreferences = z.infer<typeof SpreadPreferencesSchema>;

export const SpreadVenueQuoteSchema = z.object({
  accountId: id,
  accountLabel: z.string(),
  exchangeName: z.string(),
  symbol: z.string(),
  bid: finite.nullable(),
  ask: finite.nullable(),
  /** The taker fee rate (fraction) used for the net spread. */
  takerFee: finite,
  /** True when the venue published no taker fee for the market and a default was assumed. */
  feeAssumed: z.boolean(),
  /** When core received the quote (wall clock); null before the first one. */
  receivedAt: finite.nullable(),
  /** No quote for longer than the stale limit: shown, never used as best. */
  stale: z.boolean(),
});
export type SpreadVenueQuote = z.infer<typeof SpreadVenueQuoteSchema>;

export const SpreadBestSchema = z.object({
  buyAccountId: id,
  buySymbol: z.string(),
  ask: finite,
  sellAccountId: id,
  sellSymbol: z.string(),
  bid: finite,
  /** (bid − ask) / ask, in %. */
  grossPct: finite,
  /** After the buy leg's and the sell leg's taker fees, in % of what the buy costs. */
  netPct: finite,
  /** Either leg's fee was assumed (the venue published none). */
  feeAssumed: z.boolean(),
});
export type SpreadBest = z.infer<typeof SpreadBestSchema>;

export const SpreadRowSchema = z.object({
  /** `BASE|QUOTE` (or `BASE|USD*` when stablecoin quotes are comparable). */
  key: z.string(),
  base: z.string(),
  /** The quote asset, or "USD stablecoins" when USDT/USDC/USD are compared together. */
  quote: z.string(),
  venues: z.array(SpreadVenueQuoteSchema),
  /** The richest fresh bid against the cheapest fresh ask on another account; null with `reason`. */
  best: SpreadBestSchema.nullable(),
  reason: z.string().nullable(),
  aboveThreshold: z.boolean(),
  updatedAt: finite,
});
export type SpreadRow = z.infer<typeof SpreadRowSchema>;

export const SpreadSnapshotSchema = z.object({
  rows: z.array(SpreadRowSchema),
  preferences: SpreadPreferencesSchema,
  /** Live accounts compared (with an active key). */
  accounts: z.number().int().nonnegative(),
  /** What limits the view: accounts whose markets could not be read, a capped list, too few accounts. */
  notes: z.array(z.string()),
  staleAfterMs: finite,
});
export type SpreadSnapshot = z.infer<typeof SpreadSnapshotSchema>;

export const TwoLegInputSchema = z.strictObject({
  buyAccountId: id,
  buySymbol: symbol,
  sellAccountId: id,
  sellSymbol: symbol,
  /** Base amount to buy on one account and sell on the other; rounded down to both venues' steps. */
  amount: finite.positive('must be more than 0'),
});
export type TwoLegInput = z.infer<typeof TwoLegInputSchema>;

export const LegRoleSchema = z.enum(['buy', 'sell', 'unwind']);
export type LegRole = z.infer<typeof LegRoleSchema>;

export const LegPlanSchema = z.object({
  role: LegRoleSchema,
  accountId: id,
  accountLabel: z.string(),
  exchangeName: z.string(),
  symbol: z.string(),
  side: OrderSideSchema,
  amount: finite,
  /** The ask (buy) or bid (sell) the leg is expected to fill near; null without a quote. */
  price: finite.nullable(),
  /** amount × price in the leg's quote asset. */
  cost: finite.nullable(),
  /** Expected taker fee in the quote asset. */
  fee: finite.nullable(),
  feeAssumed: z.boolean(),
  /** The balance the leg spends (quote on the buy leg, base on the sell leg) and how much of it is free. */
  spends: z.string(),
  free: finite,
  needed: finite.nullable(),
});
export type LegPlan = z.infer<typeof LegPlanSchema>;

export const TwoLegPreviewSchema = z.object({
  valid: z.boolean(),
  /** Each issue names the leg it is about (or both). */
  issues: z.array(z.object({ leg: z.enum(['buy', 'sell', 'both']), message: z.string() })),
  /** The amount both legs trade: rounded down to both venues' steps, never above what was asked. */
  amount: finite.nullable(),
  buy: LegPlanSchema.nullable(),
  sell: LegPlanSchema.nullable(),
  /** Sell proceeds − buy cost − both fees, in the quote asset, at the current quotes. */
  expectedNet: finite.nullable(),
  expectedNetPct: finite.nullable(),
  requiresConfirmation: z.boolean(),
});
export type TwoLegPreview = z.infer<typeof TwoLegPreviewSchema>;

export const LegViewSchema = z.object({
  role: LegRoleSchema,
  accountId: id,
  accountLabel: z.string(),
  exchangeName: z.string(),
  clientOrderId: z.string(),
  symbol: z.string(),
  side: OrderSideSchema,
  status: OrderStatusSchema,
  amount: finite,
  filled: finite,
  averagePrice: finite.nullable(),
  /** Quote spent (buy) or received (sell) by the fills. */
  cost: finite,
  /** Fees of the fills, converted to the quote asset at the fill price when charged in base. */
  feeQuote: finite,
  /** The part of those fees charged in the base asset (a buy receives that much less). */
  feeBase: finite,
  /** Every fill of the leg is in the ledger (fees are final); false while the venue's trades are still being read. */
  fillsRecorded: z.boolean(),
  /** Fees in assets other than base and quote (e.g. an exchange token), not converted. */
  otherFees: z.array(z.object({ asset: z.string(), amount: finite })),
  error: z.string().nullable(),
});
export type LegView = z.infer<typeof LegViewSchema>;

export const SpreadTradeViewSchema = z.object({
  id,
  createdAt: finite,
  legs: z.array(LegViewSchema),
  state: z.enum(['sending', 'complete', 'open', 'unbalanced', 'unwinding', 'unwound', 'failed']),
  /** One sentence per venue: what is filled and what is still open. */
  summary: z.array(z.string()),
  /** What an unwind would do now: sell the surplus bought, or buy back the surplus sold; null when balanced. */
  unwind: z.object({ accountId: id, accountLabel: z.string(), symbol: z.string(), side: OrderSideSchema, amount: finite }).nullable(),
  /** Over the matched amount (both legs filled): sell proceeds − buy cost − fees, in the quote asset. */
  realised: z
    .object({
      amount: finite,
      buyCost: finite,
      sellProceeds: finite,
      fees: finite,
      net: finite,
      netPct: finite,
      /** False while a leg's fills (and so its fees) are still being read from the venue. */
      final: z.boolean(),
    })
    .nullable(),
});
export type SpreadTradeView = z.infer<typeof SpreadTradeViewSchema>;

const empty = z.strictObject({}).optional();

export const spreadMethods = {
  /** Starts (or joins) the monitor for this session and answers the current rows. */
  'spread.watch': { input: empty, output: SpreadSnapshotSchema },
  /** This session no longer looks at the monitor (it stops when nobody does). */
  'spread.unwatch': { input: empty, output: z.object({ watching: z.boolean() }) },
  'spread.setPreferences': { input: SpreadPreferencesSchema.partial(), output: SpreadPreferencesSchema },
  /** Sizes both legs (both venues' precision and minimums) and checks both balances, sending nothing. */
  'spread.preview': { input: TwoLegInputSchema, output: TwoLegPreviewSchema },
  /** Records both legs, then sends them together; answers once both answered (or failed). */
  'spread.trade': { input: TwoLegInputSchema.extend({ confirmed: z.boolean().optional() }), output: SpreadTradeViewSchema },
  /** A market order for the unmatched filled amount, opposite to the leg that filled (recorded before sending). */
  'spread.unwind': { input: z.strictObject({ id, confirmed: z.boolean().optional() }), output: SpreadTradeViewSchema },
  'spread.trades': {
    input: z.strictObject({ limit: z.number().int().min(1).max(100).optional() }).optional(),
    output: z.array(SpreadTradeViewSchema),
  },
} as const;

export const spreadEvents = {
  /** Rows whose quotes changed since the last batch (at most ~4 batches a second), and rows gone. */
  'spread.rows': z.object({ rows: z.array(SpreadRowSchema), removed: z.array(z.string()) }),
  /** A two-leg trade whose legs changed (fills, refusals, an unwind). */
  'spread.trade': z.object({ trade: SpreadTradeViewSchema }),
} as const;
