/**
 * Trusted confirmations and per-account limits. A weakening action (confirmations off, a
 * withdraw-capable or unverifiable key, a live bot start, a change of limits) is confirmed by the
 * HOST, outside the renderer: Electron shows a native dialog; the headless host prints a one-time
 * code on its own terminal that the person types back as `confirmationCode`. A flag the renderer
 * sets is only ever a request.
 */
import { z } from 'zod';

const finite = z.number().finite();
const id = z.string().min(1).max(64);

/** Six digits as printed by the headless host ("123-456"; the dash and spaces are optional). */
export const ConfirmationCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{3}[- ]?\d{3}$/, 'must be the 6-digit code the host printed, e.g. 123-456');

/** Optional field on every input whose action needs the host's confirmation. */
export const confirmationCodeField = { confirmationCode: ConfirmationCodeSchema.optional() };

/** Limits are in US dollars: a USD stablecoin quote counts 1:1, any other quote is converted at its USDT/USDC price. */
export const AccountLimitsSchema = z.object({
  accountId: id,
  /** Refuse a live order worth more than this (USD). */
  maxOrderNotional: finite.positive(),
  /** Refuse a live order that would take the UTC day's ordered notional past this (USD). */
  maxDailyNotional: finite.positive(),
  /** Refuse a live limit price more than this many percent through the last price (buy above, sell below). */
  priceBandPct: finite.positive(),
  /** Ordered notional of the current UTC day (USD): open and filled orders in full, cancelled ones for what filled. */
  usedToday: finite.nonnegative(),
  /** True while the account still has the defaults (nothing was ever changed). */
  isDefault: z.boolean(),
  updatedAt: finite.nullable(),
});
export type AccountLimits = z.infer<typeof AccountLimitsSchema>;

export const limitMethods = {
  /** The account's limits for live orders and what today has used. */
  'limits.get': { input: z.strictObject({ accountId: id }), output: AccountLimitsSchema },
  /** Changes limits; every change is confirmed by the host (native dialog or the code it printed) and audit-logged. */
  'limits.set': {
    input: z.strictObject({
      accountId: id,
      maxOrderNotional: finite.positive().max(1e9).optional(),
      maxDailyNotional: finite.positive().max(1e10).optional(),
      priceBandPct: finite.min(0.1).max(50).optional(),
      ...confirmationCodeField,
    }),
    output: AccountLimitsSchema,
  },
} as const;
