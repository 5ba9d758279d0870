/**
 * The optimiser's sweeps on a Redis-backed worker fleet (BullMQ): a sweep is cut into chunk jobs,
 * the data set goes to Redis once by content hash, `tradewind worker` processes take the chunks,
 * and the results are merged by chunk index into the order of the points — the same outcomes,
 * in the same order, as the local pool. A chunk whose worker died is retried elsewhere by
 * BullMQ (stalled-job detection); a chunk's result is taken once, whatever arrives twice.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Queue, QueueEvents } from 'bullmq';
import type { CandleColumns } from '../../strategy/candle-columns';
import { BacktestCancelledError } from '../errors';
import type { SweepRunner } from '../optimiser/optimise';
import type { SweepOutcome, SweepTask } from '../optimiser/sweep';
import { publishDataset } from './datasets';
import {
  cancelKey,
  CANCEL_TTL_SECONDS,
  CHUNK_ATTEMPTS,
  CHUNK_JOB_NAME,
  chunkJobId,
  ChunkResultSchema,
  FLEET_PREFIX,
  FLEET_QUEUE,
  type ChunkJobData,
  type ChunkResult,
} from './protocol';
import { connectChecked } from './redis-connect';
import { describeRedisError, FleetUnavailableError, parseRedisUrl, type RedisTarget } from './redis-url';

export interface FleetSweepOptions {
  redisUrl: string;
  /** Points per chunk job; default: the sweep in about 32 chunks, at least 4 points each. */
  pointsPerChunk?: number;
  log?: (line: string) => void;
}

interface SweepState {
  ids: Map<string, number>;
  onProgress(chunk: number, done: number): void;
  onCompleted(chunk: number, result: ChunkResult): void;
  onFailed(chunk: number, reason: string): void;
  stop(error: Error): void;
}

const TARGET_CHUNKS = 32;
const MIN_CHUNK_POINTS = 4;

export class FleetSweeps {
  private readonly sweeps = new Set<SweepState>();
  /** Cancelled or failed sweeps being withdrawn from Redis (the caller is not kept waiting for it). */
  private readonly withdrawals = new Set<Promise<void>>();
  private closed = false;

  private constructor(
    readonly target: RedisTarget,
    private readonly redis: Redis,
    private readonly queue: Queue<ChunkJobData, ChunkResult>,
    private readonly events: QueueEvents,
    private readonly options: FleetSweepOptions,
  ) {
    events.on('progress', ({ jobId, data }) => this.route(jobId, (s, k) => s.onProgress(k, Number(data))));
    events.on('completed', ({ jobId, returnvalue }) =>
      this.route(jobId, (s, k) => s.onCompleted(k, returnvalue as unknown as ChunkResult)),
    );
    events.on('failed', ({ jobId, failedReason }) => this.route(jobId, (s, k) => s.onFailed(k, failedReason)));
  }

  /** Connects (a clear FleetUnavailableError when Redis is unreachable or refuses the password). */
  static async connect(options: FleetSweepOptions): Promise<FleetSweeps> {
    const target = parseRedisUrl(options.redisUrl);
    const redis = await connectChecked(target);
    const connection = { url: target.url, maxRetriesPerRequest: null };
    const queue = new Queue<ChunkJobData, ChunkResult>(FLEET_QUEUE, { connection, prefix: FLEET_PREFIX });
    const events = new QueueEvents(FLEET_QUEUE, { connection, prefix: FLEET_PREFIX });
    const report = (error: Error) => options.log?.(describeRedisError(target, error).message);
    queue.on('error', report);
    events.on('error', report);
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    } catch (error) {
      await Promise.allSettled([queue.close(), events.close()]);
      redis.disconnect();
      throw describeRedisError(target, error);
    }
    return new FleetSweeps(target, redis, queue, events, options);
  }

  /** How many `tradewind worker` processes are connected (null when the server hides client lists). */
  async workerCount(): Promise<number | null> {
    try {
      return await this.queue.getWorkersCount();
    } catch {
      return null;
    }
  }

  /** Refuses to queue a sweep nobody would take. */
  async requireWorkers(): Promise<void> {
    if ((await this.workerCount()) === 0) {
      throw new FleetUnavailableError(
        `No Tradewind worker is connected to Redis at ${this.target.safe}. Start one or more with \`tradewind worker --redis ${this.target.safe}\` (one per core), or clear the Redis URL to run sweeps on this machine.`,
      );
    }
  }

  readonly sweepRunner: SweepRunner = (task, candles, control) => this.runSweep(task, candles, control);

  async runSweep(
    task: SweepTask,
    candles: CandleColumns,
    control: { onPoint?: (done: number) => void; signal?: AbortSignal } = {},
  ): Promise<SweepOutcome[]> {
    if (this.closed) throw new FleetUnavailableError('the worker fleet connection is closed');
    const { signal } = control;
    if (signal?.aborted) throw new BacktestCancelledError();
    if (task.points.length === 0) return [];
    const datasetHash = await publishDataset(this.redis, candles);
    // The other markets' bars go to Redis the same way, once each; the jobs name them by hash.
    const { otherMarkets: otherBars, ...plainTask } = task;
    const otherMarkets = otherBars
      ? Object.fromEntries(
          await Promise.all(Object.entries(otherBars).map(async ([market, bars]) => [market, await publishDataset(this.redis, bars)])),
        )
      : undefined;
    const sweepId = randomUUID();
    const chunks = splitPoints(task.points, this.options.pointsPerChunk);
    const results: (SweepOutcome[] | undefined)[] = chunks.map(() => undefined);
    const doneByChunk = chunks.map(() => 0);
    let remaining = chunks.length;
    const report = () => control.onPoint?.(doneByChunk.reduce((a, b) => a + b, 0));

    return new Promise<SweepOutcome[]>((resolve, reject) => {
      let settled = false;
      const state: SweepState = {
        ids: new Map(chunks.map((_, k) => [chunkJobId(sweepId, k), k])),
        onProgress: (k, done) => {
          // A retried chunk starts again from 0: progress never goes backwards.
          if (results[k] !== undefined || !(done > doneByChunk[k]!)) return;
          doneByChunk[k] = Math.min(done, chunks[k]!.length);
          report();
        },
        onCompleted: (k, result) => {
          if (results[k] !== undefined) return; // merged once, whatever arrives twice
          // Results come through Redis: merged only in the exact shape a worker writes (finite metrics or an error).
          if (
            !ChunkResultSchema.safeParse(result).success ||
            result.sweepId !== sweepId ||
            result.chunk !== k ||
            result.outcomes.length !== chunks[k]!.length
          ) {
            finish(new Error(`chunk ${k} of the sweep came back malformed from a worker`));
            return;
          }
          results[k] = result.outcomes;
          doneByChunk[k] = chunks[k]!.length;
          report();
          if (--remaining === 0) finish(null);
        },
        onFailed: (k, reason) => {
          if (results[k] === undefined)
            finish(new Error(`a worker failed on chunk ${k + 1} of ${chunks.length}: ${String(reason).slice(0, 300)}`));
        },
        stop: (error) => finish(error),
      };
      const finish = (error: Error | null) => {
        if (settled) return;
        settled = true;
        this.sweeps.delete(state);
        signal?.removeEventListener('abort', onAbort);
        if (error) {
          const withdrawal = this.dropSweep(sweepId, chunks.length).finally(() => this.withdrawals.delete(withdrawal));
          this.withdrawals.add(withdrawal);
          reject(error);
        } else {
          resolve(results.flatMap((r) => r!));
        }
      };
      const onAbort = () => finish(new BacktestCancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sweeps.add(state);
      this.queue
        .addBulk(
          chunks.map((points, k) => ({
            name: CHUNK_JOB_NAME,
            data: { sweepId, chunk: k, datasetHash, ...(otherMarkets ? { otherMarkets } : {}), task: { ...plainTask, points } },
            opts: {
              jobId: chunkJobId(sweepId, k),
              attempts: CHUNK_ATTEMPTS,
              removeOnComplete: true,
              removeOnFail: { age: 3600 },
            },
          })),
        )
        .catch((error: unknown) => finish(describeRedisError(this.target, error)));
    });
  }

  /** Resolves when every cancelled or failed sweep has been withdrawn from the queue. */
  async withdrawn(): Promise<void> {
    await Promise.allSettled([...this.withdrawals]);
  }

  /** Chunks queued or in hand on a worker, of every sweep. */
  async pendingChunks(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const state of [...this.sweeps]) state.stop(new BacktestCancelledError());
    await this.withdrawn();
    await Promise.allSettled([this.queue.close(), this.events.close()]);
    this.redis.disconnect();
  }

  private route(jobId: string, fn: (state: SweepState, chunk: number) => void): void {
    for (const state of this.sweeps) {
      const k = state.ids.get(jobId);
      if (k !== undefined) {
        fn(state, k);
        return;
      }
    }
  }

  /** Cancel or failure: workers drop the sweep's chunk in hand; queued chunks are removed. */
  private async dropSweep(sweepId: string, chunks: number): Promise<void> {
    try {
      await this.redis.set(cancelKey(sweepId), '1', 'EX', CANCEL_TTL_SECONDS);
      // A chunk being processed is locked and cannot be removed: its worker stops at the mark.
      await Promise.allSettled(Array.from({ length: chunks }, (_, k) => this.queue.remove(chunkJobId(sweepId, k))));
    } catch (error) {
      this.options.log?.(`fleet: could not withdraw a cancelled sweep: ${describeRedisError(this.target, error).message}`);
    }
  }
}

export function splitPoints(points: number[][], pointsPerChunk?: number): number[][][] {
  const size = Math.max(1, pointsPerChunk ?? Math.max(MIN_CHUNK_POINTS, Math.ceil(points.length / TARGET_CHUNKS)));
  const chunks: number[][][] = [];
  for (let i = 0; i < points.length; i += size) chunks.push(points.slice(i, i + size));
  return chunks;
}
