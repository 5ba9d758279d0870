/**
 * What the optimiser and `tradewind worker` exchange through Redis. A sweep becomes chunk jobs
 * on one BullMQ queue; each job names its data set by content hash (the bars are stored once
 * under `datasetKey`, not sent with every job) and its sweep (so a worker shares indicator
 * columns across the chunks of one sweep, as the local pool does).
 */
import { z } from 'zod';
import { BacktestMetricsSchema, BacktestSettingsSchema, OptimiseAxisSchema } from '../../../../shared/strategy/backtest-schema';
import { StrategyGraphSchema } from '../../../../shared/strategy/graph-schema';
import type { SweepOutcome, SweepTask } from '../optimiser/sweep';
import { MARKET_PATTERN } from '../../../../shared/strategy/blocks/signal-blocks';

export const FLEET_QUEUE = 'tradewind-sweeps';
/** The one job name on the queue; a worker refuses any other. */
export const CHUNK_JOB_NAME = 'sweep-chunk';
/** BullMQ's key prefix and ours: everything Tradewind keeps in Redis starts with it. */
export const FLEET_PREFIX = 'tradewind';

export interface ChunkJobData {
  sweepId: string;
  /** Index of the chunk in the sweep: results are merged by it, so a retried chunk counts once. */
  chunk: number;
  datasetHash: string;
  /** The other markets an "Other market" block reads: market → hash of its bars (stored like the data set). */
  otherMarkets?: Record<string, string>;
  /** The task without its bars (those go by hash). */
  task: Omit<SweepTask, 'otherMarkets'>;
}

export interface ChunkResult {
  sweepId: string;
  chunk: number;
  outcomes: SweepOutcome[];
}

/** Job ids are deterministic: adding a chunk twice is a no-op in BullMQ. */
export function chunkJobId(sweepId: string, chunk: number): string {
  return `${sweepId}-${chunk}`;
}

export function datasetKey(hash: string): string {
  return `${FLEET_PREFIX}:dataset:${hash}`;
}

/** Set while a sweep is cancelled: workers check it between points and drop the chunk. */
export function cancelKey(sweepId: string): string {
  return `${FLEET_PREFIX}:cancelled:${sweepId}`;
}

/** Data sets and cancel marks expire on their own, so an abandoned sweep leaves nothing behind for long. */
export const DATASET_TTL_SECONDS = 24 * 3600;
export const CANCEL_TTL_SECONDS = 3600;

/** Chunk attempts: a chunk whose worker died is retried (stalled), one that throws is retried once more. */
export const CHUNK_ATTEMPTS = 3;

/** The most points one chunk may carry (the optimiser cuts sweeps into far smaller chunks). */
export const MAX_CHUNK_POINTS = 100_000;

/**
 * Redis is a trust boundary: whoever can write to it can add jobs and results. Workers run only
 * chunk jobs of this exact shape (a strategy graph of the app's own blocks, bounded points), and
 * the optimiser merges only results of this shape (finite metrics or an error text).
 */
export const ChunkJobDataSchema = z.strictObject({
  sweepId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  chunk: z.number().int().min(0).max(100_000),
  datasetHash: z.string().regex(/^[0-9a-f]{64}$/),
  otherMarkets: z
    .record(z.string().regex(MARKET_PATTERN), z.string().regex(/^[0-9a-f]{64}$/))
    .refine((markets) => Object.keys(markets).length <= 16, 'at most 16 other markets')
    .optional(),
  task: z.strictObject({
    graph: StrategyGraphSchema,
    axes: z.array(OptimiseAxisSchema).max(16),
    points: z.array(z.array(z.number().finite()).max(16)).min(1).max(MAX_CHUNK_POINTS),
    settings: BacktestSettingsSchema,
  }),
});

export const ChunkResultSchema = z.strictObject({
  sweepId: z.string(),
  chunk: z.number().int().min(0),
  outcomes: z.array(z.union([z.strictObject({ metrics: BacktestMetricsSchema }), z.strictObject({ error: z.string().max(2_000) })])),
});
