/**
 * Inputs and outputs of a backtest and of a parameter sweep, as zod schemas so the RPC
 * contract and the CLI parse the same thing. Times are bar open times in UTC milliseconds;
 * money is in the quote currency.
 */
import { z } from 'zod';
import { NodeIdSchema } from './graph-schema';
import { TIMEFRAMES } from '../domain/types';

const finite = z.number().finite();

export const BacktestSettingsSchema = z
  .object({
    startingCash: finite.positive().max(1e15).default(10_000),
    /** Charged on every fill, as a fraction of the fill's value (0.001 = 0.1 %). */
    feeRate: finite.min(0).max(0.1).default(0.001),
    /** Market fills are this many basis points worse than the bar's open (stops: than the stop). */
    slippageBps: finite.min(0).max(1000).default(0),
    /** Order amounts are rounded down to a multiple of this (the market's lot step). */
    amountStep: finite.positive().max(1e9).default(1e-8),
    /**
     * Timeframe of the bars (the data set's). Needed by a strategy with a higher-timeframe block,
     * whose bars are built from these (closed bars only); set from the data set by the backtest jobs.
     */
    timeframe: z.enum(TIMEFRAMES).optional(),
    /** First bar traded (inclusive). Earlier bars still warm up the indicators. */
    startTime: finite.optional(),
    /** End of the traded range (exclusive). */
    endTime: finite.optional(),
  })
  .refine((s) => s.startTime === undefined || s.endTime === undefined || s.startTime < s.endTime, {
    message: 'startTime must be before endTime',
    path: ['endTime'],
  });
export type BacktestSettings = z.output<typeof BacktestSettingsSchema>;
export type BacktestSettingsInput = z.input<typeof BacktestSettingsSchema>;

export const EXIT_REASONS = ['signal', 'stopLoss', 'takeProfit', 'trailingStop', 'partialTakeProfit', 'breakEven'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export const BacktestTradeSchema = z.object({
  entryTime: finite,
  entryPrice: finite,
  exitTime: finite,
  exitPrice: finite,
  amount: finite,
  /** Net of both fills' fees. */
  pnl: finite,
  /** pnl relative to what the entry cost (a short: its value at entry), fee included. */
  pnlPct: finite,
  fees: finite,
  exitReason: z.enum(EXIT_REASONS),
  /** Node id of the entry block (long or short) that opened it. */
  entryNodeId: z.string(),
  entryBar: z.number().int(),
  exitBar: z.number().int(),
  /** Absent: long. */
  side: z.enum(['long', 'short']).optional(),
  /** A short's borrowing/funding cost for this part (included in pnl; absent for longs). */
  borrowCost: finite.optional(),
});
export type BacktestTrade = z.infer<typeof BacktestTradeSchema>;

export const OpenPositionSchema = z.object({
  entryTime: finite,
  entryPrice: finite,
  amount: finite,
  /** Last close, used to value the position in the final equity. */
  markPrice: finite,
  unrealisedPnl: finite,
  entryNodeId: z.string(),
  /** Absent: long. */
  side: z.enum(['long', 'short']).optional(),
});
export type OpenPosition = z.infer<typeof OpenPositionSchema>;

/** Ratios with no defined value (no trades, no losing trade, flat equity) are null. */
export const BacktestMetricsSchema = z.object({
  startingCash: finite,
  finalEquity: finite,
  netProfit: finite,
  returnPct: finite,
  cagrPct: finite.nullable(),
  maxDrawdownPct: finite,
  /** From the peak before the deepest drawdown to the bar that regains it (or the last bar). */
  maxDrawdownDurationMs: finite,
  maxDrawdownRecovered: z.boolean(),
  sharpe: finite.nullable(),
  sortino: finite.nullable(),
  winRatePct: finite.nullable(),
  profitFactor: finite.nullable(),
  /** Mean pnl per closed trade. */
  expectancy: finite.nullable(),
  trades: z.number().int(),
  avgHoldingMs: finite.nullable(),
  exposurePct: finite,
  buyAndHoldReturnPct: finite,
  feesPaid: finite,
  /** Entry signals that could not buy even one amount step. */
  skippedEntries: z.number().int(),
  bars: z.number().int(),
  barIntervalMs: finite,
  firstBarTime: finite,
  lastBarTime: finite,
});
export type BacktestMetrics = z.infer<typeof BacktestMetricsSchema>;

export const OPTIMISE_OBJECTIVES = ['sharpe', 'sortino', 'returnPct', 'cagrPct', 'profitFactor', 'expectancy'] as const;
export type OptimiseObjective = (typeof OPTIMISE_OBJECTIVES)[number];

export const OptimiseAxisSchema = z.object({
  nodeId: NodeIdSchema,
  param: z.string().min(1).max(64),
  values: z.array(finite).min(1).max(1000),
});
export type OptimiseAxis = z.infer<typeof OptimiseAxisSchema>;

export const MAX_GRID_POINTS = 20_000;

export const OPTIMISE_METHODS = ['grid', 'random', 'tpe'] as const;
export type OptimiseMethod = (typeof OPTIMISE_METHODS)[number];
export const DEFAULT_SEARCH_BUDGET = 100;

export const OptimiseOptionsSchema = z.object({
  axes: z.array(OptimiseAxisSchema).min(1).max(4),
  objective: z.enum(OPTIMISE_OBJECTIVES).default('sharpe'),
  /** Share of the traded bars (from the start) used to choose parameters; the rest tests them. */
  inSampleFraction: finite.min(0.5).max(0.95).default(0.7),
  /** How many of the best in-sample points are re-run out of sample. */
  topN: z.number().int().min(1).max(50).default(5),
  /** Out-of-sample objective below this share of the in-sample one raises the overfitting warning. */
  warnBelowRatio: finite.min(0).max(1).default(0.5),
  /** grid: every point; random / tpe: `budget` distinct points of the grid chosen by seeded search. */
  method: z.enum(OPTIMISE_METHODS).default('grid'),
  /** Backtests per search (random / tpe), capped at the grid size. */
  budget: z.number().int().min(1).max(MAX_GRID_POINTS).default(DEFAULT_SEARCH_BUDGET),
  seed: z.number().int().min(0).max(0xffff_ffff).default(1),
  /**
   * A run with fewer closed trades gets no score and ranks last: an entry that never exited
   * would otherwise rank on an unrealised mark-to-market gain.
   */
  minTrades: z.number().int().min(0).max(1000).default(1),
  /** Walk-forward: optimise in sample, test on the next window, `folds` times; null: one split. */
  walkForward: z
    .object({ folds: z.number().int().min(2).max(20), anchored: z.boolean().default(false) })
    .nullable()
    .default(null),
});
export type OptimiseOptions = z.output<typeof OptimiseOptionsSchema>;
export type OptimiseOptionsInput = z.input<typeof OptimiseOptionsSchema>;

/** Evenly spaced grid values from..to (inclusive), without float creep (0.1 + 0.2 …). */
export function gridValues(from: number, to: number, step: number): number[] {
  if (!(step > 0) || to < from) return [from];
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  const decimals = Math.min(12, Math.max(decimalPlaces(from), decimalPlaces(step)));
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(decimals)));
}

function decimalPlaces(n: number): number {
  const text = String(n);
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
