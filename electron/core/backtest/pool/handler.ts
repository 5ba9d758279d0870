/**
 * The body of a backtest worker thread, kept in core so it is tested without threads. The
 * worker entry (electron/workers/backtest-worker.ts) only wires it to `parentPort`.
 */
import { parseOhlcvCsv } from '../../market-data/csv-import';
import { StrategyCompileError } from '../../strategy/compiler/compile';
import { SharedColumns } from '../../strategy/compiler/shared-columns';
import { BacktestCancelledError, BacktestInputError } from '../errors';
import { runSweep } from '../optimiser/sweep';
import { SignalTape } from '../../strategy/signal-feed';
import { runBacktest } from '../run-backtest';
import { runRebalanceBacktest } from '../rebalance-backtest';
import type { WorkerRequest, WorkerResponse, WorkerTask } from './protocol';
import { ModelInputError, ModelTrainingCancelledError } from '../../ml/errors';
import { modelFeedFromData } from '../../ml/model-feed';
import { runTraining } from '../../ml/train-task';
import { loadXGBoost } from '../../ml/models/xgboost-wasm';
import { XGBOOST_KINDS } from '../../../../shared/ml/model-spec';

export type PostResponse = (message: WorkerResponse, transfer?: ArrayBuffer[]) => void;

/** Progress is posted at most this often (fraction steps), not once per bar or point. */
const PROGRESS_STEP = 0.01;

export function createWorkerHandler(post: PostResponse): (request: WorkerRequest) => void {
  const flags = new Map<number, Int32Array>();
  // The indicator columns of the sweep this worker is on: its later chunks reuse them; a
  // new sweep (other candles, range or graph) drops them.
  let columns: { sweepId: number; shared: SharedColumns } | null = null;
  const columnsFor = (sweepId: number | undefined): SharedColumns | undefined => {
    if (sweepId === undefined) return undefined;
    if (columns?.sweepId !== sweepId) columns = { sweepId, shared: new SharedColumns() };
    return columns.shared;
  };
  return (request) => {
    if (request.type === 'cancel') {
      const flag = flags.get(request.jobId);
      if (flag) Atomics.store(flag, 0, 1);
      return;
    }
    const { jobId, task } = request;
    flags.set(jobId, new Int32Array(request.cancelFlag));
    if (needsXGBoost(task) && !xgboostLoaded) {
      // The wasm loads asynchronously, once per worker; the task then runs as any other (a
      // cancel that arrives meanwhile is seen by its first check).
      loadXGBoost().then(
        () => {
          xgboostLoaded = true;
          run(request);
        },
        (error: unknown) => {
          flags.delete(jobId);
          post({ type: 'error', jobId, ...describeError(error) });
        },
      );
      return;
    }
    run(request);
  };

  function run(request: Extract<WorkerRequest, { type: 'run' }>): void {
    const { jobId, task } = request;
    const flag = flags.get(jobId) ?? new Int32Array(request.cancelFlag);
    const isCancelled = () => Atomics.load(flag, 0) === 1;
    let lastPosted = -1;
    const progress = (fraction: number) => {
      if (fraction - lastPosted < PROGRESS_STEP && fraction < 1) return;
      lastPosted = fraction;
      post({ type: 'progress', jobId, fraction });
    };
    try {
      if (isCancelled()) throw new BacktestCancelledError();
      if (task.kind === 'backtest') {
        const result = runBacktest(
          {
            strategy: task.graph,
            candles: task.candles,
            settings: task.settings,
            ...(task.signals ? { signals: SignalTape.from(task.signals) } : {}),
            ...(task.models || task.onnx ? { models: modelFeedFromData(task.models ?? [], task.onnx) } : {}),
            ...(task.otherMarkets ? { otherMarkets: task.otherMarkets } : {}),
          },
          { onProgress: progress, isCancelled },
        );
        // The curves are fresh arrays: move them to the pool instead of copying. The time
        // axis is a view on the candles (shared memory or the caller's copy), so it is cloned.
        post({ type: 'result', jobId, result }, [
          result.curves.equity.buffer as ArrayBuffer,
          result.curves.drawdownPct.buffer as ArrayBuffer,
        ]);
      } else if (task.kind === 'train') {
        post({ type: 'result', jobId, result: runTraining(task.request, { onProgress: progress, isCancelled }) });
      } else if (task.kind === 'rebalance') {
        post({ type: 'result', jobId, result: runRebalanceBacktest(task.spec, { onProgress: progress, isCancelled }) });
      } else if (task.kind === 'csv') {
        const parsed = parseOhlcvCsv(task.text);
        const c = parsed.ok ? parsed.candles : null;
        post(
          { type: 'result', jobId, result: parsed },
          c ? [c.time, c.open, c.high, c.low, c.close, c.volume].map((a) => a.buffer as ArrayBuffer) : [],
        );
      } else {
        const total = task.task.points.length;
        const outcomes = runSweep(
          task.task,
          task.candles,
          { onPoint: (done) => progress(done / total), isCancelled },
          { shared: columnsFor(task.sweepId) },
        );
        post({ type: 'result', jobId, result: outcomes });
      }
    } catch (error) {
      post({ type: 'error', jobId, ...describeError(error) });
    } finally {
      flags.delete(jobId);
    }
  }
}

let xgboostLoaded = false;

/** Training or backtesting an XGBoost model needs its WebAssembly loaded in this thread first. */
function needsXGBoost(task: WorkerTask): boolean {
  if (task.kind === 'train') return XGBOOST_KINDS.includes(task.request.spec.kind);
  if (task.kind === 'backtest') return (task.models ?? []).some((version) => XGBOOST_KINDS.includes(version.spec.kind));
  return false;
}

function describeError(error: unknown): { code: 'cancelled' | 'invalid_input' | 'internal'; message: string } {
  if (error instanceof BacktestCancelledError || error instanceof ModelTrainingCancelledError)
    return { code: 'cancelled', message: error.message };
  if (error instanceof BacktestInputError || error instanceof StrategyCompileError || error instanceof ModelInputError) {
    return { code: 'invalid_input', message: error.message };
  }
  return { code: 'internal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
