/**
 * Long-running work (backtests, sweeps, downloads) as jobs: an id returned at once, progress
 * conflated to at most one event per job per flush (~10 Hz), cancel through an AbortSignal,
 * and the result kept for a while so the caller can read it when the end event arrives.
 */
import { JOB_KIND_TITLES, type JobKind, type JobProgress, type JobState } from '../../../shared/ipc/schemas/strategies';
import { TradewindError, type ErrorCode } from '../../../shared/ipc/errors';
import { LatestBatcher } from '../kit/latest-batcher';

export interface JobContext {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(done: number, total: number, message: string): void;
}

/** How a failure is reported: cancelled, a user-facing error, or an internal one (logged, generic message). */
export type ErrorDescriber = (error: unknown) => { cancelled: true } | { cancelled: false; code: ErrorCode; message: string };

interface Job {
  id: string;
  kind: JobKind;
  controller: AbortController;
  state: JobState;
  last: JobProgress;
  result?: unknown;
  error?: { code: ErrorCode; message: string };
  /** Order of ending (1, 2, …): two jobs can end in the same millisecond. */
  endedOrder?: number;
}

export interface JobRegistryOptions {
  emit: (progress: JobProgress) => void;
  describeError: ErrorDescriber;
  flushMs?: number;
  /** Finished jobs kept (with their results) before the oldest is forgotten. */
  keepFinished?: number;
}

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly pending: LatestBatcher<string, JobProgress>;
  private nextId = 1;
  private endings = 0;
  private closed = false;

  constructor(private readonly options: JobRegistryOptions) {
    this.pending = new LatestBatcher((batch) => {
      for (const progress of batch) options.emit(progress);
    }, options.flushMs ?? 100);
  }

  /** Starts `run` now; its resolved value becomes the job's result, `summarise` its end message. */
  start<T>(
    kind: JobKind,
    run: (job: JobContext) => Promise<T>,
    options: {
      datasetId?: string;
      title?: string;
      botId?: string;
      summarise?: (result: T) => string;
      /** Called once the job has ended and its end is recorded (its owner's own bookkeeping). */
      onEnd?: () => void;
    } = {},
  ): string {
    if (this.closed) throw new TradewindError('unavailable', 'Tradewind is shutting down.');
    const id = `job-${this.nextId++}`;
    const controller = new AbortController();
    const extra = {
      ...(options.datasetId === undefined ? {} : { datasetId: options.datasetId }),
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.botId === undefined ? {} : { botId: options.botId }),
    };
    const job: Job = {
      id,
      kind,
      controller,
      state: 'running',
      last: { jobId: id, kind, state: 'running', done: 0, total: 1, message: 'Starting…', ...extra },
    };
    this.jobs.set(id, job);
    const context: JobContext = {
      id,
      signal: controller.signal,
      progress: (done, total, message) => {
        if (job.state !== 'running') return;
        job.last = { ...job.last, done, total, message };
        this.pending.set(id, job.last);
      },
    };
    this.pending.set(id, job.last);
    // Run after the caller has the id, so no event can arrive before the caller knows the job.
    void Promise.resolve()
      .then(() => run(context))
      .then(
        (result) => this.finish(job, 'done', { result, message: options.summarise?.(result) }),
        (error: unknown) => {
          const described = this.options.describeError(error);
          if (described.cancelled || controller.signal.aborted) this.finish(job, 'cancelled', {});
          else this.finish(job, 'failed', { error: { code: described.code, message: described.message } });
        },
      )
      .finally(() => options.onEnd?.());
    return id;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  /** Running jobs first (oldest first), then the finished ones still kept (newest first). */
  list(): JobProgress[] {
    const all = [...this.jobs.values()];
    const running = all.filter((job) => job.state === 'running');
    const finished = all.filter((job) => job.state !== 'running').sort((a, b) => b.endedOrder! - a.endedOrder!);
    return [...running, ...finished].map((job) => job.last);
  }

  isRunning(predicate: (progress: JobProgress) => boolean): boolean {
    return [...this.jobs.values()].some((job) => job.state === 'running' && predicate(job.last));
  }

  /** The result of a finished job of this kind, or why there is none. */
  result<T>(jobId: string, kind: JobKind): T {
    const job = this.jobs.get(jobId);
    // Said in the person's words ("the index backtest"), not the contract's kind name ("indexBacktest").
    const name = JOB_KIND_TITLES[kind].toLowerCase();
    if (!job || job.kind !== kind)
      throw new TradewindError('not_found', `No ${name} job "${jobId}" (results are kept for the last few jobs only).`);
    if (job.state === 'running') throw new TradewindError('unavailable', `The ${name} is still running.`);
    if (job.state === 'cancelled') throw new TradewindError('unavailable', `The ${name} was cancelled.`);
    if (job.state === 'failed') throw new TradewindError(job.error!.code, job.error!.message);
    return job.result as T;
  }

  flush(): void {
    this.pending.flush();
  }

  /** Cancels every running job and stops the timer. */
  close(): void {
    this.closed = true;
    for (const job of this.jobs.values()) if (job.state === 'running') job.controller.abort();
    this.pending.stop();
  }

  private finish(
    job: Job,
    state: Exclude<JobState, 'running'>,
    outcome: { result?: unknown; message?: string; error?: { code: ErrorCode; message: string } },
  ): void {
    job.state = state;
    job.result = outcome.result;
    job.error = outcome.error;
    job.endedOrder = ++this.endings;
    // The end event supersedes any progress not yet sent, and is sent at once.
    this.pending.delete(job.id);
    const message =
      state === 'done' ? (outcome.message ?? 'Done.') : state === 'cancelled' ? 'Cancelled.' : (outcome.error?.message ?? 'Failed.');
    const done = state === 'done' ? job.last.total : job.last.done;
    job.last = { ...job.last, state, done, message, ...(outcome.error ? { error: outcome.error } : {}) };
    if (!this.closed) this.options.emit(job.last);
    this.evict();
  }

  private evict(): void {
    const keep = this.options.keepFinished ?? 12;
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running').sort((a, b) => a.endedOrder! - b.endedOrder!);
    for (const job of finished.slice(0, Math.max(0, finished.length - keep))) this.jobs.delete(job.id);
  }
}
