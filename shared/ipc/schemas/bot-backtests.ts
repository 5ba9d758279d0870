/**
 * Contract entries for grid and DCA bot backtests: the bot's settings (as the form holds them,
 * before the bot exists) run on a data set's bars by the same kind code a paper bot runs, as a
 * job with progress on `jobs.progress` (kind `botBacktest`). The result has the strategy
 * backtest's shape (metrics, trades, equity and drawdown, bars) plus what the bot booked.
 */
import { z } from 'zod';
import { BacktestRunResultSchema, DatasetIdSchema } from './strategies';
import { BotInputSchema } from './bots';

const finite = z.number().finite();
const id = z.string().min(1).max(64);

export const BotBacktestSettingsSchema = z
  .strictObject({
    startingCash: finite.positive().max(1e15).default(10_000),
    /** Paper fee per fill, maker and taker alike (0.001 = 0.1 %); default: the market's maker fee on the bot's account. */
    feeRate: finite.min(0).max(0.1).optional(),
    /** Market orders fill this many basis points worse than the price. */
    slippageBps: finite.min(0).max(1000).default(0),
    /** First bar traded (inclusive); earlier bars are history the bot's signal can warm up on. */
    startTime: finite.optional(),
    /** End of the traded range (exclusive). */
    endTime: finite.optional(),
  })
  .refine((s) => s.startTime === undefined || s.endTime === undefined || s.startTime < s.endTime, {
    message: 'startTime must be before endTime',
    path: ['endTime'],
  });
export type BotBacktestSettingsInput = z.input<typeof BotBacktestSettingsSchema>;

export const BotBacktestFillSchema = z.object({
  /** The order's role in the run, e.g. `grid:r1:c3:2` (level 4, its third order) or `dca:r1:d2:so1`. */
  role: z.string(),
  side: z.enum(['buy', 'sell']),
  price: finite,
  amount: finite,
  fee: finite,
  feeAsset: z.string().nullable(),
  at: finite,
});
export type BotBacktestFill = z.infer<typeof BotBacktestFillSchema>;

export const BotBacktestResultSchema = BacktestRunResultSchema.extend({
  bot: z.object({
    kind: z.enum(['grid', 'dca']),
    /** What the bot booked, as a running bot shows it. */
    realisedPnl: finite,
    /** The bot's state at the end (running, or stopped by a bound or a guard: see stopDetail). */
    state: z.string(),
    stopDetail: z.string().nullable(),
  }),
  /** The first fills in the ledger's order (`fillsTotal` counts them all). */
  fills: z.array(BotBacktestFillSchema),
  fillsTotal: z.number().int(),
});
export type BotBacktestRunResult = z.infer<typeof BotBacktestResultSchema>;

export const botBacktestMethods = {
  /** Starts a backtest of a grid or DCA bot's settings on a data set of the bot's market; refused at once when they cannot run. */
  'bots.backtest': {
    input: z.strictObject({ input: BotInputSchema, dataset: DatasetIdSchema, settings: BotBacktestSettingsSchema.optional() }),
    output: z.object({ jobId: id }),
  },
  'bots.backtestResult': { input: z.strictObject({ jobId: id }), output: BotBacktestResultSchema },
} as const;
