/**
 * A pool of backtest worker threads: single backtests with progress and cancel, and sweeps
 * spread over every worker. Candles are copied once into shared memory, so each job message
 * carries a reference to them, not 50 MB of bars.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BacktestSettingsInput } from '../../../../shared/strategy/backtest-schema';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import type { SignalFeedData } from '../../strategy/signal-feed';
import { shareColumns, type CandleColumns } from '../../strategy/candle-columns';
import type { OtherMarketBars } from '../../strategy/compiler/batch-evaluator';
import { BacktestCancelledError, BacktestInputError } from '../errors';
import type { CsvImportResult } from '../../market-data/csv-import';
import type { SweepRunner } from '../optimiser/optimise';
import type { SweepOutcome, SweepTask } from '../optimiser/sweep';
import type { BacktestResult } from '../run-backtest';
import type { WorkerRequest, WorkerResponse, WorkerResult, WorkerTask } from './protocol';
import type { RebalanceBacktestSpec } from '../rebalance-backtest';
import type { RebalanceBacktestResult } from '../../../../shared/ipc/schemas/rebalance';
import type { ModelFeedData, OnnxColumns } from '../../ml/model-feed';
import type { TrainOutcome, TrainRequest } from '../../ml/train-task';
import { resolveBacktestWorker, type WorkerEntry } from './worker-entry';

export interface PoolOptions {
  /** Worker threads; default: one per core but one, at least 1. */
  size?: number;
  entry?: WorkerEntry;
}

export interface JobControl {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

interface Job {
  id: number;
  task: WorkerTask;
  cancelFlag: SharedArrayBuffer;
  /** Set on abort: a result that arrives afterwards is discarded, so abort always wins. */
  cancelled: boolean;
  onProgress?: (fraction: number) => void;
  resolve: (result: WorkerResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/**
 * Points per sweep job: small enough to balance the workers, large enough to amortise messages.
 * A worker keeps a sweep's indicator columns across its chunks, so a chunk costs one message and
 * one result, a few tenths of a millisecond; the last chunk to finish decides when the sweep
 * ends. With 4 chunks a worker (125 runs each in a 1,000-run grid, about half a second) a worker
 * that fell behind once (a cold start, a core taken by another process) left the other idle for
 * up to a chunk; at 16 the tail is an eighth of a second.
 */
const SWEEP_CHUNKS_PER_WORKER = 16;

export class BacktestWorkerPool {
  readonly size: number;
  private readonly entry: WorkerEntry;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Numbers the sweeps, so a worker knows which chunks may share indicator columns. */
  private sweeps = 0;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.max(1, os.availableParallelism() - 1));
    this.entry = options.entry ?? resolveBacktestWorker();
  }

  runBacktest(
    request: {
      graph: StrategyGraph;
      candles: CandleColumns;
      settings?: BacktestSettingsInput;
      signals?: SignalFeedData;
      models?: ModelFeedData;
      onnx?: OnnxColumns;
      otherMarkets?: OtherMarketBars;
    },
    control: JobControl = {},
  ): Promise<BacktestResult> {
    const task: WorkerTask = {
      kind: 'backtest',
      graph: request.graph,
      candles: shareColumns(request.candles),
      settings: request.settings,
      ...(request.signals ? { signals: request.signals } : {}),
      ...(request.models ? { models: request.models } : {}),
      ...(request.onnx ? { onnx: request.onnx } : {}),
      ...(request.otherMarkets ? { otherMarkets: shareOtherMarkets(request.otherMarkets) } : {}),
    };
    return this.submit(task, control) as Promise<BacktestResult>;
  }

  /** Walk-forward training of a model (see ml/train-task.ts) in a worker, with progress and cancel. */
  trainModel(request: TrainRequest, control: JobControl = {}): Promise<TrainOutcome> {
    const task: WorkerTask = { kind: 'train', request: { ...request, candles: shareColumns(request.candles) } };
    return this.submit(task, control) as Promise<TrainOutcome>;
  }

  /** Splits the points over the workers; `onPoint` gets the number of points done so far. */
  async runSweep(
    task: SweepTask,
    candles: CandleColumns,
    control: { onPoint?: (done: number) => void; signal?: AbortSignal } = {},
  ): Promise<SweepOutcome[]> {
    const shared = shareColumns(candles);
    // One shared copy of the other markets' bars for every chunk, as for the strategy's own.
    if (task.otherMarkets) task = { ...task, otherMarkets: shareOtherMarkets(task.otherMarkets) };
    const sweepId = ++this.sweeps;
    const chunkSize = Math.max(1, Math.ceil(task.points.length / (this.size * SWEEP_CHUNKS_PER_WORKER)));
    const chunks: number[][][] = [];
    for (let i = 0; i < task.points.length; i += chunkSize) chunks.push(task.points.slice(i, i + chunkSize));
    const doneByChunk = chunks.map(() => 0);
    const report = () => control.onPoint?.(doneByChunk.reduce((a, b) => a + b, 0));
    const results = await Promise.all(
      chunks.map(
        (points, k) =>
          this.submit(
            { kind: 'sweep', task: { ...task, points }, candles: shared, sweepId },
            {
              signal: control.signal,
              onProgress: (fraction) => {
                doneByChunk[k] = Math.round(fraction * points.length);
                report();
              },
            },
          ) as Promise<SweepOutcome[]>,
      ),
    );
    return results.flat();
  }

  /** The index (rebalance) backtest in a worker, with progress and cancel; each coin's candles go in shared memory. */
  runRebalance(spec: RebalanceBacktestSpec, control: JobControl = {}): Promise<RebalanceBacktestResult> {
    const series = new Map([...spec.series].map(([asset, candles]) => [asset, shareColumns(candles)]));
    return this.submit({ kind: 'rebalance', spec: { ...spec, series } }, control) as Promise<RebalanceBacktestResult>;
  }

  /** Parses an imported OHLCV CSV in a worker (see parseOhlcvCsv). */
  parseCsv(text: string, control: JobControl = {}): Promise<CsvImportResult> {
    return this.submit({ kind: 'csv', text }, control) as Promise<CsvImportResult>;
  }

  /** The pool as the optimiser's sweep runner. */
  readonly sweepRunner: SweepRunner = (task, candles, control) => this.runSweep(task, candles, control);

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new BacktestCancelledError());
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private submit(task: WorkerTask, control: JobControl): Promise<WorkerResult> {
    if (this.closed) return Promise.reject(new Error('the backtest pool is closed'));
    return new Promise((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        task,
        cancelFlag: new SharedArrayBuffer(4),
        cancelled: false,
        onProgress: control.onProgress,
        resolve,
        reject,
      };
      const { signal } = control;
      if (signal?.aborted) {
        reject(new BacktestCancelledError());
        return;
      }
      signal?.addEventListener('abort', () => this.cancel(job), { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  private cancel(job: Job): void {
    job.cancelled = true;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(new BacktestCancelledError());
      return;
    }
    Atomics.store(new Int32Array(job.cancelFlag), 0, 1);
    const slot = this.slots.find((s) => s.job === job);
    slot?.worker.postMessage({ type: 'cancel', jobId: job.id } satisfies WorkerRequest);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ type: 'run', jobId: job.id, cancelFlag: job.cancelFlag, task: job.task } satisfies WorkerRequest);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry.specifier);
    const slot: Slot = { worker, job: null };
    worker.on('message', (message: WorkerResponse) => this.onMessage(slot, message));
    worker.on('error', (error) => this.onCrash(slot, error));
    worker.on('exit', (code) => {
      if (!this.closed) this.onCrash(slot, new Error(`backtest worker exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  private onMessage(slot: Slot, message: WorkerResponse): void {
    const job = slot.job;
    if (!job || job.id !== message.jobId) return;
    if (message.type === 'progress') {
      job.onProgress?.(message.fraction);
      return;
    }
    slot.job = null;
    if (job.cancelled) job.reject(new BacktestCancelledError());
    else if (message.type === 'result') job.resolve(message.result);
    else if (message.code === 'cancelled') job.reject(new BacktestCancelledError());
    else if (message.code === 'invalid_input') job.reject(new BacktestInputError(message.message));
    else job.reject(new Error(`backtest worker failed: ${message.message}`));
    this.dispatch();
  }

  /** A crashed worker fails its job and is replaced on the next dispatch. */
  private onCrash(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.job?.reject(error);
    slot.job = null;
    void slot.worker.terminate();
    this.dispatch();
  }
}

/** The other markets' bars in shared memory: the workers read them without a copy each. */
function shareOtherMarkets(markets: OtherMarketBars): OtherMarketBars {
  return Object.fromEntries(Object.entries(markets).map(([market, bars]) => [market, shareColumns(bars)]));
}
