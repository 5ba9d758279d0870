/**
 * The strategy workshop inside core: saved strategies, the candle cache and data sets, and the
 * jobs that run on them (downloads, backtests, sweeps). The worker pool is created on the first
 * job that needs it, so a session that never backtests never starts a thread, and closed with core.
 */
import type { JobProgress } from '../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountService } from '../accounts/account-service';
import { BacktestCancelledError, BacktestInputError, BacktestWorkerPool } from '../backtest';
import type { Db } from '../db/connection';
import { JobRegistry, type ErrorDescriber } from '../jobs/job-registry';
import { CandleCache } from '../market-data/candle-cache';
import { Datasets } from '../market-data/datasets';
import { DownloadCancelledError } from '../market-data/history-download';
import type { MarketSources } from '../market-data/market-sources';
import { resolveAssetsDir } from '../paths';
import { StrategyCompileError } from '../strategy/compiler/compile';
import type { SignalLogReader } from '../signals/signal-log-feed';
import type { BacktestJobDeps } from './backtest-jobs';
import { ModelRegistry } from '../ml/registry';
import type { OnnxModelStore } from '../ml/onnx/onnx-model-store';
import { ModelInputError, ModelTrainingCancelledError } from '../ml/errors';
import { CsvUploads } from './csv-uploads';
import type { DataJobDeps } from './data-jobs';
import { StrategiesRepo } from './strategies-repo';
import { SweepPlacer } from './sweep-placement';
import type { OptimiserSettings } from '../../../shared/ipc/schemas/settings';
import { DEFAULT_OPTIMISER_SETTINGS } from '../../../shared/ipc/schemas/settings';

export interface StrategyServicesOptions {
  db: Db;
  accountService: Pick<AccountService, 'requireAccount'>;
  sources: Pick<MarketSources, 'forAccount'>;
  emit: (progress: JobProgress) => void;
  log: (line: string) => void;
  assetsDir?: string;
  /** Worker threads for backtests and sweeps; default: one per core but one. */
  poolSize?: number;
  downloadRetryDelayMs?: number;
  /** The model registry's folder (`<data folder>/models`). */
  modelsDir: string;
  /** Signal sources and their logs (backtests of graphs with "Signal received" blocks). */
  signalLog?: SignalLogReader;
  /** Imported ONNX models (backtests of graphs whose Model blocks name one). */
  onnx?: OnnxModelStore;
  /** Where sweeps run (Settings → optimiser); default: this machine. */
  optimiserSettings?: () => OptimiserSettings;
  /** TRADEWIND_REDIS_URL: a worker fleet's Redis, winning over the setting. */
  envRedisUrl?: string;
}

export interface StrategyServices extends BacktestJobDeps, DataJobDeps {
  close(): Promise<void>;
}

export function createStrategyServices(options: StrategyServicesOptions): StrategyServices {
  const cache = new CandleCache(options.db);
  const datasets = new Datasets(cache, options.assetsDir ?? resolveAssetsDir());
  const jobs = new JobRegistry({ emit: options.emit, describeError: jobErrorDescriber(options.log) });
  let pool: BacktestWorkerPool | undefined;
  let closed = false;
  const getPool = () => {
    if (closed) throw new TradewindError('unavailable', 'Tradewind is shutting down.');
    pool ??= new BacktestWorkerPool(options.poolSize === undefined ? {} : { size: options.poolSize });
    return pool;
  };
  const placer = new SweepPlacer({
    pool: getPool,
    settings: options.optimiserSettings ?? (() => DEFAULT_OPTIMISER_SETTINGS),
    envRedisUrl: options.envRedisUrl,
    log: options.log,
  });
  return {
    repo: new StrategiesRepo(options.db),
    models: new ModelRegistry(options.modelsDir),
    cache,
    datasets,
    jobs,
    uploads: new CsvUploads(),
    pool: getPool,
    ...(options.signalLog ? { signalLog: options.signalLog } : {}),
    ...(options.onnx ? { onnx: options.onnx } : {}),
    placeSweeps: () => {
      if (closed) throw new TradewindError('unavailable', 'Tradewind is shutting down.');
      return placer.place();
    },
    account: (accountId) => options.accountService.requireAccount(accountId),
    sourceFor: (account) => options.sources.forAccount(account),
    retryDelayMs: options.downloadRetryDelayMs,
    async close() {
      closed = true;
      jobs.close();
      await Promise.all([pool?.close(), placer.close()]);
    },
  };
}

/** Cancellations end quietly; bad input is shown as is; anything else is logged and reported generically. */
/** How every job's failure is told: cancellations, refusals with their reason, internal errors logged and generic. */
export function jobErrorDescriber(log: (line: string) => void): ErrorDescriber {
  return (error) => {
    if (error instanceof BacktestCancelledError || error instanceof DownloadCancelledError || error instanceof ModelTrainingCancelledError)
      return { cancelled: true };
    if (error instanceof ModelInputError) return { cancelled: false, code: 'invalid_input', message: error.message };
    if (error instanceof TradewindError) return { cancelled: false, code: error.code, message: error.message };
    if (error instanceof BacktestInputError) return { cancelled: false, code: 'invalid_input', message: error.message };
    if (error instanceof StrategyCompileError) return { cancelled: false, code: 'invalid_input', message: error.message.split('\n')[0]! };
    log(`job failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return {
      cancelled: false,
      code: 'internal',
      message: 'Tradewind hit an internal error while running this job; details are in the log.',
    };
  };
}
