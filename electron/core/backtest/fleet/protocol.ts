/**
 * What the optimiser and `tradewind worker` exchange through Redis. A sweep becomes chunk jobs
 * on one BullMQ queue; each job names its data set by content hash (the bars are stored once
 * under `datasetKey`, not sent with every job) and its sweep (so a worker shares indicator
 * columns across the chunks of one sweep, as the local pool does).
 */
import type { SweepOutcome, SweepTask } from '../optimiser/sweep';

export const FLEET_QUEUE = 'tradewind-sweeps';
/** BullMQ's key prefix and ours: everything Tradewind keeps in Redis starts with it. */
export const FLEET_PREFIX = 'tradewind';

export interface ChunkJobData {
  sweepId: string;
  /** Index of the chunk in the sweep: results are merged by it, so a retried chunk counts once. */
  chunk: number;
  datasetHash: string;
  task: SweepTask;
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
