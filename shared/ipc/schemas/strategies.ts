/**
 * Contract entries for the strategy workshop: saved strategies, data sets (bundled, downloaded,
 * imported), history downloads, backtests and the optimiser. Long work runs as a job: the call
 * returns a job id at once, progress arrives on `jobs.progress` (conflated, at most ~10 Hz per
 * job) and the result is read with `backtest.result` / `optimise.result` once the job is done.
 */
import { z } from 'zod';
import { TIMEFRAMES } from '../../domain/types';
import {
  BacktestMetricsSchema,
  BacktestSettingsSchema,
  BacktestTradeSchema,
  MAX_GRID_POINTS,
  OpenPositionSchema,
  OPTIMISE_METHODS,
  OPTIMISE_OBJECTIVES,
} from '../../strategy/backtest-schema';
import { NodeIdSchema, StrategyGraphSchema } from '../../strategy/graph-schema';
import { STRATEGY_TEMPLATES } from '../../strategy/templates/index';
import { RpcErrorSchema } from '../errors';

const finite = z.number().finite();
const id = z.string().min(1).max(64);
const empty = z.strictObject({}).optional();
/** Same rule as the contract's SymbolSchema (importing it from contract.ts would be a cycle). */
const symbol = z
  .string()
  .max(48)
  // A perpetual swap carries its settle currency after a colon, as ccxt spells it: BTC/USDT:USDT.
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}(:[A-Za-z0-9._-]{1,20})?$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');

export const STRATEGY_NAME_MAX = 120;
export const StrategyNameSchema = z
  .string()
  .trim()
  .min(1, 'a strategy needs a name')
  .max(STRATEGY_NAME_MAX)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

const TEMPLATE_NAMES = STRATEGY_TEMPLATES.map((t) => t.name) as [string, ...string[]];

export const StrategyIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  port: z.string().optional(),
  param: z.string().optional(),
  edgeIndex: z.number().int().optional(),
  path: z.string().optional(),
});

export const StrategySummarySchema = z.object({
  id,
  name: z.string(),
  createdAt: finite,
  updatedAt: finite,
  blocks: z.number().int(),
  /** Validation errors of the saved graph (a strategy may be saved unfinished). */
  errors: z.number().int(),
  /** The graph in plain words (shared/strategy/summary.ts), for the list's one-line description. */
  summary: z.string().optional(),
});
export type StrategySummary = z.infer<typeof StrategySummarySchema>;

export const StrategyRecordSchema = StrategySummarySchema.extend({
  graph: StrategyGraphSchema,
  /** Set when the stored document was written in an older format and upgraded on reading. */
  upgradedFrom: z.number().int().nullable(),
});
export type StrategyRecord = z.infer<typeof StrategyRecordSchema>;

/** What a backtest or sweep runs: a saved strategy, or the graph as it is in the editor. */
export const StrategySourceSchema = z.union([z.strictObject({ id }), z.strictObject({ graph: StrategyGraphSchema })]);

export const DATASET_KINDS = ['bundled', 'download', 'import'] as const;
export const DatasetSchema = z.object({
  /** `bundled:<folder>/<file stem>` or `cache:<series id>`. */
  id: z.string(),
  kind: z.enum(DATASET_KINDS),
  label: z.string(),
  /** Exchange the bars come from; null for imports and bundled files of unstated origin. */
  exchangeId: z.string().nullable(),
  symbol: z.string(),
  /** A timeframe such as 1h; imports whose spacing is not one of ours say e.g. "2h" or "irregular". */
  timeframe: z.string(),
  bars: z.number().int(),
  firstTime: finite.nullable(),
  lastTime: finite.nullable(),
  updatedAt: finite.nullable(),
});
export type Dataset = z.infer<typeof DatasetSchema>;
export const DatasetIdSchema = z.string().min(1).max(200);

export const CsvIssueSchema = z.object({ line: z.number().int(), message: z.string() });
export type CsvIssueView = z.infer<typeof CsvIssueSchema>;

/** Whole import (checked again in core) and the size of each chunk a caller sends it in. */
export const CSV_IMPORT_MAX_CHARS = 20 * 1024 * 1024;
/** WebSocket frames are capped at 256 KB, so a large file travels in pieces of at most this. */
export const CSV_CHUNK_MAX_CHARS = 200_000;
export const UploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or -');
export const DatasetNameSchema = z
  .string()
  .trim()
  .min(1, 'a data set needs a name')
  .max(60)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const JOB_KINDS = ['backtest', 'optimise', 'download', 'botBacktest', 'train', 'retrain', 'indexBacktest'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
/** What a person calls each kind of job (the Jobs panel's titles, core's messages about a job). */
export const JOB_KIND_TITLES: Record<JobKind, string> = {
  backtest: 'Backtest',
  optimise: 'Optimisation',
  download: 'History download',
  botBacktest: 'Bot backtest',
  train: 'Model training',
  retrain: 'Bot model retrain',
  indexBacktest: 'Index backtest',
};
export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JobProgressSchema = z.object({
  jobId: id,
  kind: z.enum(JOB_KINDS),
  state: z.enum(JOB_STATES),
  /** Units done of `total` (percent for a backtest, grid points for a sweep, bar slots for a download). */
  done: finite,
  total: finite,
  message: z.string(),
  error: RpcErrorSchema.optional(),
  /** For downloads: the data set being filled. */
  datasetId: z.string().optional(),
  /** What the Jobs panel names the job by ("Retrain "Up next" — bot "BTC model""); absent: its kind. */
  title: z.string().optional(),
  /** For a bot's retrain: the bot it belongs to. */
  botId: z.string().optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

const CandleTupleSchema = z.tuple([finite, finite, finite, finite, finite, finite]);

export const BacktestRunResultSchema = z.object({
  jobId: id,
  strategyName: z.string(),
  dataset: DatasetSchema,
  settings: z.object({
    startingCash: finite,
    feeRate: finite,
    slippageBps: finite,
    amountStep: finite,
    startTime: finite.optional(),
    endTime: finite.optional(),
  }),
  metrics: BacktestMetricsSchema,
  /** The first trades (all of them up to the cap); `tradesTotal` counts every one. */
  trades: z.array(BacktestTradeSchema),
  tradesTotal: z.number().int(),
  openPosition: OpenPositionSchema.nullable(),
  warnings: z.array(z.string()),
  /** Equity and drawdown at display resolution (long runs are bucketed: last equity, deepest drawdown). */
  curve: z.object({ time: z.array(finite), equity: z.array(finite), drawdownPct: z.array(finite) }),
  /**
   * Buy and hold on the same bars, at `curve.time`'s points: the starting cash bought at the first
   * traded bar's open with the run's slippage and fee, valued at each point's last close.
   */
  buyAndHold: z.array(finite),
  /** The traded bars at display resolution: consecutive bars merged into one when there are many. */
  candles: z.object({ barsPerCandle: z.number().int().positive(), bars: z.array(CandleTupleSchema) }),
});
export type BacktestRunResult = z.infer<typeof BacktestRunResultSchema>;

export const OptimiseAxisInputSchema = z.strictObject({
  nodeId: NodeIdSchema,
  param: z.string().min(1).max(64),
  from: finite,
  to: finite,
  step: finite.positive(),
});

/** The metrics a results table shows per grid point. */
export const PointMetricsSchema = z.object({
  returnPct: finite,
  cagrPct: finite.nullable(),
  sharpe: finite.nullable(),
  sortino: finite.nullable(),
  maxDrawdownPct: finite,
  winRatePct: finite.nullable(),
  profitFactor: finite.nullable(),
  expectancy: finite.nullable(),
  trades: z.number().int(),
});
export type PointMetrics = z.infer<typeof PointMetricsSchema>;

const SampleRangeSchema = z.object({ startTime: finite, endTime: finite, bars: z.number().int() });

export const OptimiseRunResultSchema = z.object({
  jobId: id,
  strategyName: z.string(),
  dataset: DatasetSchema,
  axes: z.array(z.object({ nodeId: z.string(), param: z.string(), values: z.array(finite) })),
  objective: z.enum(OPTIMISE_OBJECTIVES),
  inSample: SampleRangeSchema,
  outOfSample: SampleRangeSchema,
  /** Best in-sample score first (capped); `rowsTotal` counts every grid point. */
  rows: z.array(
    z.object({
      values: z.array(finite),
      score: finite.nullable(),
      inSample: PointMetricsSchema.nullable(),
      outOfSample: PointMetricsSchema.nullable(),
      error: z.string().optional(),
      /** Why a run that worked has no score (too few closed trades). */
      unranked: z.string().optional(),
    }),
  ),
  rowsTotal: z.number().int(),
  method: z.enum(OPTIMISE_METHODS),
  overfitting: z.object({
    metric: z.enum(OPTIMISE_OBJECTIVES),
    inSample: finite.nullable(),
    outOfSample: finite.nullable(),
    ratio: finite.nullable(),
    warning: z.string().nullable(),
  }),
  heatmap: z
    .object({
      xAxis: z.number().int(),
      yAxis: z.number().int(),
      xValues: z.array(finite),
      yValues: z.array(finite),
      cells: z.array(z.array(finite.nullable())),
    })
    .nullable(),
  /** Walk-forward runs only. */
  walkForward: z
    .object({
      anchored: z.boolean(),
      folds: z.array(
        z.object({
          inSample: SampleRangeSchema,
          outOfSample: SampleRangeSchema,
          values: z.array(finite).nullable(),
          inSampleScore: finite.nullable(),
          outOfSampleMetrics: PointMetricsSchema.nullable(),
        }),
      ),
      /** The stitched out-of-sample equity at display resolution. */
      equity: z.object({ time: z.array(finite), equity: z.array(finite), drawdownPct: z.array(finite) }),
      stitchedReturnPct: finite,
    })
    .nullable(),
});
export type OptimiseRunResult = z.infer<typeof OptimiseRunResultSchema>;

export const strategyMethods = {
  'strategies.list': { input: empty, output: z.array(StrategySummarySchema) },
  'strategies.get': { input: z.strictObject({ id }), output: StrategyRecordSchema },
  /** From a template, from a graph (import), or blank (a Candle block) when neither is given. */
  'strategies.create': {
    input: z
      .strictObject({
        name: StrategyNameSchema.optional(),
        template: z.enum(TEMPLATE_NAMES).optional(),
        graph: StrategyGraphSchema.optional(),
      })
      .refine((v) => v.template === undefined || v.graph === undefined, {
        message: 'give a template or a graph, not both',
        path: ['graph'],
      }),
    output: StrategyRecordSchema,
  },
  /** Stores the editor's graph (it may still have errors); the record's name wins over graph.name. */
  'strategies.save': { input: z.strictObject({ id, graph: StrategyGraphSchema }), output: StrategySummarySchema },
  'strategies.rename': { input: z.strictObject({ id, name: StrategyNameSchema }), output: StrategySummarySchema },
  'strategies.duplicate': { input: z.strictObject({ id, name: StrategyNameSchema.optional() }), output: StrategyRecordSchema },
  'strategies.delete': { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
  /** Migrate + shape + meaning checks of any document (untrusted: it is parsed, never trusted). */
  'strategies.validate': {
    input: z.strictObject({ graph: z.unknown() }),
    output: z.object({ valid: z.boolean(), issues: z.array(StrategyIssueSchema) }),
  },
  'datasets.list': { input: empty, output: z.array(DatasetSchema) },
  /** Downloaded and imported data sets only; bundled ones are part of the app. */
  'datasets.delete': { input: z.strictObject({ datasetId: DatasetIdSchema }), output: z.object({ deleted: z.boolean() }) },
  /** History into the candle cache; a second call for the same market continues where the last stopped. */
  'data.download': {
    input: z.strictObject({
      accountId: id,
      symbol,
      timeframe: z.enum(TIMEFRAMES),
      since: z.number().int().nonnegative(),
      until: z.number().int().nonnegative().optional(),
    }),
    output: z.object({ jobId: id, datasetId: z.string() }),
  },
  /** One piece of a CSV file, in order from index 0; `data.importCsv` then imports the whole. */
  'data.importCsvChunk': {
    input: z.strictObject({
      uploadId: UploadIdSchema,
      index: z.number().int().min(0).max(10_000),
      text: z.string().max(CSV_CHUNK_MAX_CHARS),
    }),
    output: z.object({ received: z.number().int() }),
  },
  'data.importCsv': {
    input: z.strictObject({ uploadId: UploadIdSchema, name: DatasetNameSchema, chunks: z.number().int().min(1).max(10_000) }),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), dataset: DatasetSchema, warnings: z.array(CsvIssueSchema) }),
      z.object({ ok: z.literal(false), errors: z.array(CsvIssueSchema), warnings: z.array(CsvIssueSchema) }),
    ]),
  },
  'jobs.cancel': { input: z.strictObject({ jobId: id }), output: z.object({ cancelled: z.boolean() }) },
  /** Running jobs first, then the last few finished ones (newest first): the Jobs panel's list. */
  'jobs.list': { input: z.strictObject({}), output: z.object({ jobs: z.array(JobProgressSchema) }) },
  'backtest.run': {
    input: z.strictObject({ strategy: StrategySourceSchema, dataset: DatasetIdSchema, settings: BacktestSettingsSchema.optional() }),
    output: z.object({ jobId: id }),
  },
  'backtest.result': { input: z.strictObject({ jobId: id }), output: BacktestRunResultSchema },
  'optimise.run': {
    input: z.strictObject({
      strategy: StrategySourceSchema,
      dataset: DatasetIdSchema,
      settings: BacktestSettingsSchema.optional(),
      axes: z.array(OptimiseAxisInputSchema).min(1).max(4),
      objective: z.enum(OPTIMISE_OBJECTIVES).optional(),
      /** Share of the range, in percent, used to choose parameters; the rest tests them. */
      inSamplePct: finite.min(50).max(95).optional(),
      topN: z.number().int().min(1).max(50).optional(),
      /** grid (default), random or tpe; random and tpe run `budget` distinct grid points chosen with `seed`. */
      method: z.enum(OPTIMISE_METHODS).optional(),
      budget: z.number().int().min(1).max(MAX_GRID_POINTS).optional(),
      seed: z.number().int().min(0).max(0xffff_ffff).optional(),
      /** Runs with fewer closed trades get no score and rank last (default 1). */
      minTrades: z.number().int().min(0).max(1000).optional(),
      /** Walk-forward: `folds` out-of-sample windows after the first in-sample share; rolling unless anchored. */
      walkForward: z.strictObject({ folds: z.number().int().min(2).max(20), anchored: z.boolean() }).optional(),
    }),
    output: z.object({ jobId: id, points: z.number().int() }),
  },
  'optimise.result': { input: z.strictObject({ jobId: id }), output: OptimiseRunResultSchema },
} as const;

export const strategyEvents = {
  /** Progress and the end (done / failed / cancelled) of backtests, sweeps and downloads. */
  'jobs.progress': JobProgressSchema,
} as const;
