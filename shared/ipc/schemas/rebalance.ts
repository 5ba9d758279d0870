/**
 * Index following: a basket of assets with target weights (percent), the rebalance bot's settings,
 * its order plan (the preview shown before a round runs) and the rebalance backtest. Weights are
 * percentages of the value the bot manages; drift is in percentage points.
 */
import { z } from 'zod';

const finite = z.number().finite();
const id = z.string().min(1).max(64);

/** Tolerance on the weights' sum: 33.33 + 33.33 + 33.34 is 100, 99.9 is not. */
export const WEIGHT_SUM_TOLERANCE = 0.005;
export const BASKET_MAX_ASSETS = 50;

export const AssetCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,20}$/, 'must be an asset code such as BTC (letters, digits, . _ -)')
  .transform((code) => code.toUpperCase());

export const BasketEntrySchema = z.strictObject({
  asset: AssetCodeSchema,
  /** Percent of the managed value; 0 means "hold none of it" (sell what is held). */
  weight: finite,
});
export type BasketEntry = z.infer<typeof BasketEntrySchema>;

const fmt = (n: number) => String(Math.round(n * 10_000) / 10_000);

/**
 * A basket: each asset once, no negative weight, weights adding up to 100 %. Each refusal names
 * the asset or the sum, so an imported file can be fixed without guessing.
 */
export const BasketSchema = z
  .array(BasketEntrySchema)
  .min(1, 'a basket needs at least one asset')
  .max(BASKET_MAX_ASSETS, `a basket holds at most ${BASKET_MAX_ASSETS} assets`)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (entry.weight < 0) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'weight'],
          message: `${entry.asset} has a negative weight (${fmt(entry.weight)} %); weights are percentages from 0 to 100`,
        });
      }
      if (seen.has(entry.asset)) {
        ctx.addIssue({ code: 'custom', path: [index, 'asset'], message: `${entry.asset} is listed twice; list each asset once` });
      }
      seen.add(entry.asset);
    });
    const sum = entries.reduce((total, entry) => total + entry.weight, 0);
    if (Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) {
      ctx.addIssue({ code: 'custom', path: [], message: `the weights add up to ${fmt(sum)} %; they must add up to 100 %` });
    }
  });
export type Basket = z.infer<typeof BasketSchema>;

/** The JSON file a basket is imported from (and exported to). */
export const BasketFileSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  /** The currency the basket is valued and traded in, e.g. USDT. */
  quote: AssetCodeSchema.optional(),
  assets: BasketSchema,
});
export type BasketFile = z.infer<typeof BasketFileSchema>;

/** Largest basket file read (a basket of 50 assets is a few KB). */
export const BASKET_FILE_MAX_BYTES = 64 * 1024;

export const RebalanceConfigSchema = z
  .strictObject({
    kind: z.literal('rebalance'),
    /** The currency every leg trades against (each asset's market is ASSET/quote); it may be in the basket as cash. */
    quote: AssetCodeSchema,
    basket: BasketSchema,
    /** Rebalance when any asset's weight is this many percentage points off its target; null = off. */
    driftPct: finite.gt(0).max(50).nullable(),
    /** Rebalance every this many hours (the first round at start); null = off. */
    intervalHours: finite
      .gt(0)
      .max(24 * 366)
      .nullable(),
    /** Legs worth less than this (quote) are left out of a round, like legs below the venue's minimum. */
    minTrade: finite.min(0),
  })
  .refine((c) => c.driftPct !== null || c.intervalHours !== null, {
    message: 'choose a drift threshold, a schedule or both: with neither the bot never rebalances',
    path: ['driftPct'],
  });
export type RebalanceConfig = z.infer<typeof RebalanceConfigSchema>;

export const PlanLegSchema = z.object({
  asset: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  /** Base amount, rounded down to the market's step (0 for a leg that rounds away). */
  amount: finite,
  /** The price the plan valued the leg at. */
  price: finite,
  /** amount × price, in the quote. */
  value: finite,
  /** The fee the leg is expected to pay, valued in the quote. */
  fee: finite,
  /** null: the leg is sent. Otherwise why it is left out (below a minimum, rounds to 0...). */
  dropped: z.string().nullable(),
});
export type PlanLeg = z.infer<typeof PlanLegSchema>;

export const PlanAssetSchema = z.object({
  asset: z.string(),
  /** Held now (for the quote: the cash the bot counts). */
  amount: finite,
  price: finite,
  value: finite,
  weightPct: finite,
  targetPct: finite,
  /** weightPct − targetPct, in percentage points. */
  driftPct: finite,
  /** The weight after the plan's legs fill at the plan's prices and fees. */
  afterPct: finite,
});
export type PlanAsset = z.infer<typeof PlanAssetSchema>;

export const RebalancePlanSchema = z.object({
  quote: z.string(),
  /** Value the bot manages: the basket's holdings plus the cash it counts, in the quote. */
  totalValue: finite,
  assets: z.array(PlanAssetSchema),
  /** Sells first, then buys. */
  legs: z.array(PlanLegSchema),
  /** Largest |drift| in percentage points. */
  maxDriftPct: finite,
  fees: finite,
  /** Quote left after the buys (rounding, fees, dropped legs). */
  cashAfter: finite,
});
export type RebalancePlan = z.infer<typeof RebalancePlanSchema>;

export const RebalanceRoundSchema = z.object({
  n: z.number().int(),
  reason: z.enum(['drift', 'schedule', 'start']),
  startedAt: finite,
  finishedAt: finite.nullable(),
  phase: z.enum(['selling', 'buying', 'done']),
  /** Legs sent (buys appear once the sells have filled) and the ones left out, with why. */
  legs: z.array(PlanLegSchema.extend({ status: z.string() })),
  maxDriftPct: finite,
});
export type RebalanceRound = z.infer<typeof RebalanceRoundSchema>;

export const IndexViewSchema = z.object({
  botId: id,
  name: z.string(),
  accountId: id,
  state: z.string(),
  config: RebalanceConfigSchema,
  /** Null when the plan could not be made now (the reason in `planError`). */
  plan: RebalancePlanSchema.nullable(),
  planError: z.string().nullable(),
  /** What would start the next round: the drift threshold, the time the schedule is due. */
  nextDueAt: finite.nullable(),
  rounds: z.array(RebalanceRoundSchema),
});
export type IndexView = z.infer<typeof IndexViewSchema>;

export const TopNPresetSchema = z.object({
  quote: z.string(),
  /** The markets' quote volume over 24 h, the ranking used (ccxt market data carries no market cap). */
  ranking: z.literal('quote_volume_24h'),
  assets: z.array(z.object({ asset: z.string(), symbol: z.string(), quoteVolume: finite, weight: finite })),
});
export type TopNPreset = z.infer<typeof TopNPresetSchema>;

export const RebalanceBacktestInputSchema = z.strictObject({
  quote: AssetCodeSchema,
  basket: BasketSchema,
  /** One data set per basket asset other than the quote (its ASSET/quote candles). */
  datasets: z.record(z.string(), z.string().min(1).max(200)),
  driftPct: finite.gt(0).max(50).nullable(),
  intervalHours: finite
    .gt(0)
    .max(24 * 366)
    .nullable(),
  minTrade: finite.min(0),
  startingCash: finite.gt(0),
  /** Taker fee rate per leg, e.g. 0.001 = 0.1 %. */
  feeRate: finite.min(0).max(0.05),
});
export type RebalanceBacktestInput = z.infer<typeof RebalanceBacktestInputSchema>;

const SummarySchema = z.object({
  finalEquity: finite,
  returnPct: finite,
  cagrPct: finite.nullable(),
  maxDrawdownPct: finite,
  sharpe: finite.nullable(),
  sortino: finite.nullable(),
  feesPaid: finite,
});

export const RebalanceBacktestResultSchema = z.object({
  startingCash: finite,
  bars: z.number().int(),
  firstBarTime: finite,
  lastBarTime: finite,
  barIntervalMs: finite,
  rebalance: SummarySchema.extend({ rounds: z.number().int(), turnover: finite }),
  buyAndHold: SummarySchema,
  /** Equity of both, sampled to at most 500 points (time, rebalance, buy and hold). */
  curve: z.array(z.tuple([finite, finite, finite])),
});
export type RebalanceBacktestResult = z.infer<typeof RebalanceBacktestResultSchema>;

const accountId = id;

export const indexMethods = {
  /** Every rebalance bot with its target vs actual weights, the next round's plan and its last rounds. */
  'index.list': { input: z.strictObject({}).optional(), output: z.array(IndexViewSchema) },
  /**
   * The plan a basket would make on an account now, before a bot exists or starts: what would be
   * sent, what is left out and why. `capitalCap` bounds the value it manages (cash beyond stays).
   */
  'index.preview': {
    input: z.strictObject({ accountId, config: RebalanceConfigSchema, capitalCap: finite.gt(0) }),
    output: RebalancePlanSchema,
  },
  /** Reads a basket file's text (JSON, ≤ 64 KB) and checks its assets against the account's venue. */
  'index.importBasket': {
    input: z.strictObject({ accountId, text: z.string().max(BASKET_FILE_MAX_BYTES * 2), quote: AssetCodeSchema }),
    output: BasketFileSchema,
  },
  /** "Top N, equal weight" from the venue's markets in `quote`, ranked by 24 h quote volume (no market cap in ccxt's data). */
  'index.topN': {
    input: z.strictObject({ accountId, quote: AssetCodeSchema, n: z.number().int().min(1).max(BASKET_MAX_ASSETS) }),
    output: TopNPresetSchema,
  },
  /**
   * The basket on history with the bot's own planning and triggers, against buy-and-hold: a job on
   * the backtest worker pool (kind `indexBacktest`, progress on `jobs.progress`, `jobs.cancel`).
   * One at a time: a second run while one is running is refused, naming the running job.
   */
  'index.backtest': { input: RebalanceBacktestInputSchema, output: z.object({ jobId: id }) },
  /** A finished index backtest's result (results are kept for the last few jobs). */
  'index.backtestResult': { input: z.strictObject({ jobId: id }), output: RebalanceBacktestResultSchema },
} as const;
