/**
 * Contract entries for a follow link's statistics (issue #14 item 4): the leader's performance
 * from its own fills, the follower's from its copies (net of fees), and how closely the follower
 * tracked the leader (slippage, delay, skipped copies and why), over 7/30/90 days or all time.
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
const finite = z.number().finite();

export const STATS_PERIODS = ['7d', '30d', '90d', 'all'] as const;
export const StatsPeriodSchema = z.enum(STATS_PERIODS);
export type StatsPeriod = z.infer<typeof StatsPeriodSchema>;

export const PerformanceSchema = z.object({
  /** The quote currency every money figure is in; null when there were no fills. */
  quote: z.string().nullable(),
  /** Realised + unrealised PnL over the period, net of fees (quote). */
  pnl: finite,
  /** Fees paid over the period, valued in the quote at the fill price. */
  fees: finite,
  /** The most the positions cost at once during the period (quote): what ROI is measured on. */
  capital: finite,
  /** pnl / capital; null while nothing was deployed. */
  roiPct: finite.nullable(),
  /** Closed round trips (flat → position → flat) that ended in the period. */
  trades: z.number().int(),
  winRatePct: finite.nullable(),
  avgHoldMs: finite.nullable(),
  /** Deepest fall of capital + PnL below its running peak, in percent. */
  maxDrawdownPct: finite,
  /** Of daily returns on capital, annualised; null under two days or with flat equity. */
  sharpe: finite.nullable(),
  /** Fills in the period (each order's fill counted once). */
  fills: z.number().int(),
  /** Markets left out: quoted in another currency whose rate into `quote` is not known. */
  otherQuoteMarkets: z.array(z.string()),
  /** Quote currencies converted into `quote` at today's rate (the portfolio's valuation rates). */
  convertedQuotes: z.array(z.string()).optional(),
});
export type Performance = z.infer<typeof PerformanceSchema>;

export const CurvePointSchema = z.object({ at: finite, returnPct: finite, drawdownPct: finite });
export type CurvePoint = z.infer<typeof CurvePointSchema>;

export const TrackingSchema = z.object({
  /** Follower ROI − leader ROI, percentage points; null when either is unknown. */
  returnGapPct: finite.nullable(),
  copied: z.number().int(),
  skipped: z.number().int(),
  ignored: z.number().int(),
  failed: z.number().int(),
  /** Skipped and ignored leader fills by reason, most frequent first. */
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  /** Of filled copies: follower price vs leader price, positive = worse for the follower (percent). */
  avgSlippagePct: finite.nullable(),
  worstSlippagePct: finite.nullable(),
  /** Leader fill → follower order sent (ms). */
  avgDelayMs: finite.nullable(),
  maxDelayMs: finite.nullable(),
});
export type Tracking = z.infer<typeof TrackingSchema>;

export const CopyStatsSchema = z.object({
  linkId: id,
  period: StatsPeriodSchema,
  /** Start of the period (null: all time) and when the figures were taken. */
  from: finite.nullable(),
  to: finite,
  leader: PerformanceSchema,
  follower: PerformanceSchema,
  tracking: TrackingSchema,
  /** Return on capital and drawdown after each fill (the period's end last), for the charts. */
  curves: z.object({ leader: z.array(CurvePointSchema), follower: z.array(CurvePointSchema) }),
});
export type CopyStats = z.infer<typeof CopyStatsSchema>;

export const copyStatsMethods = {
  /** One link's leader and follower performance and tracking over a period. */
  'copy.stats': { input: z.strictObject({ id, period: StatsPeriodSchema }), output: CopyStatsSchema },
} as const;
