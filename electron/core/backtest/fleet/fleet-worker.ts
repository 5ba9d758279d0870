/**
 * `tradewind worker`: takes sweep chunks from the BullMQ queue and runs them with the same
 * shared-column evaluation as the local pool. One chunk at a time per process (a backtest is
 * CPU-bound: scale with processes, one per core). Between points the loop yields to the event
 * loop, so BullMQ can renew the chunk's lock (a worker that stops renewing is declared stalled
 * and its chunk handed to another) and a cancel mark is noticed within one point.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { SharedColumns } from '../../strategy/compiler/shared-columns';
import type { CandleColumns } from '../../strategy/candle-columns';
import { runSweep, type SweepOutcome } from '../optimiser/sweep';
import { DatasetCache } from './datasets';
import { cancelKey, CHUNK_JOB_NAME, ChunkJobDataSchema, FLEET_PREFIX, FLEET_QUEUE, type ChunkJobData, type ChunkResult } from './protocol';
import { describeRedisError, parseRedisUrl, type RedisTarget } from './redis-url';
import { connectChecked } from './redis-connect';

export interface FleetWorkerOptions {
  redisUrl: string;
  /** How long a chunk's lock lasts without renewal before the chunk counts as stalled (BullMQ default 30 s). */
  lockDurationMs?: number;
  /** How often this worker looks for stalled chunks of dead workers (BullMQ default 30 s). */
  stalledIntervalMs?: number;
  log?: (line: string) => void;
}

export interface FleetWorker {
  target: RedisTarget;
  /** Finishes the chunk in hand, then disconnects. */
  close(): Promise<void>;
}

/** Progress is reported about this many times per chunk. */
const PROGRESS_STEPS = 20;

export async function startFleetWorker(options: FleetWorkerOptions): Promise<FleetWorker> {
  const target = parseRedisUrl(options.redisUrl);
  const log = options.log ?? (() => {});
  const redis = await connectChecked(target);
  // A sweep's own bars and those of the other markets it reads (up to a few) stay in hand together.
  const datasets = new DatasetCache(redis, log, 6);
  // The indicator columns of the sweep in hand: its later chunks on this worker reuse them.
  let columns: { sweepId: string; shared: SharedColumns } | null = null;
  const columnsFor = (sweepId: string): SharedColumns => {
    if (columns?.sweepId !== sweepId) columns = { sweepId, shared: new SharedColumns() };
    return columns.shared;
  };

  const processChunk = async (job: Job<ChunkJobData, ChunkResult>): Promise<ChunkResult> => {
    // Anyone who can write to this Redis can add jobs: only sweep chunks of the exact shape run.
    if (job.name !== CHUNK_JOB_NAME) throw new UnrecoverableError(`job "${clip(job.name)}" is not a sweep chunk; refused`);
    const checked = ChunkJobDataSchema.safeParse(job.data);
    if (!checked.success)
      throw new UnrecoverableError(
        `chunk ${clip(String(job.id))} is malformed (${clip(checked.error.issues[0]?.message ?? 'invalid')}); refused`,
      );
    const { sweepId, chunk, datasetHash, task, otherMarkets: otherHashes } = job.data;
    log(`chunk ${job.id} started (${task.points.length} points, attempt ${job.attemptsStarted})`);
    const candles = await datasets.get(datasetHash);
    const otherMarkets: Record<string, CandleColumns> = {};
    for (const [market, hash] of Object.entries(otherHashes ?? {})) otherMarkets[market] = await datasets.get(hash);
    const shared = columnsFor(sweepId);
    const outcomes: SweepOutcome[] = [];
    const every = Math.max(1, Math.ceil(task.points.length / PROGRESS_STEPS));
    for (let i = 0; i < task.points.length; i++) {
      // An awaited round trip per point: it yields (lock renewal) and notices a cancel.
      if ((await redis.exists(cancelKey(sweepId))) === 1) throw new UnrecoverableError('the sweep was cancelled');
      outcomes.push(...runSweep({ ...task, points: [task.points[i]!], ...(otherHashes ? { otherMarkets } : {}) }, candles, {}, { shared }));
      if ((i + 1) % every === 0 && i + 1 < task.points.length) await job.updateProgress(i + 1);
    }
    log(`chunk ${job.id} done`);
    return { sweepId, chunk, outcomes };
  };

  const worker = new Worker<ChunkJobData, ChunkResult>(FLEET_QUEUE, processChunk, {
    connection: { url: target.url, maxRetriesPerRequest: null },
    prefix: FLEET_PREFIX,
    concurrency: 1,
    ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
    // A chunk whose worker died twice is more likely a poison chunk than bad luck.
    maxStalledCount: 2,
  });
  worker.on('error', (error) => log(describeRedisError(target, error).message));
  worker.on('failed', (job, error) => log(`chunk ${job?.id ?? '?'} failed: ${error.message}`));
  await worker.waitUntilReady();
  log(`ready: taking sweep chunks from ${target.safe} (queue ${FLEET_QUEUE}, pid ${process.pid})`);
  return {
    target,
    async close() {
      await worker.close();
      redis.disconnect();
    },
  };
}

const clip = (text: string): string => (text.length > 80 ? `${text.slice(0, 80)}…` : text);
