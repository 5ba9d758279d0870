/**
 * Filling the candle cache: history downloads (a job, resumable) and CSV imports (parsed on
 * the worker pool, then written in one transaction so an import lands whole or not at all).
 */
import { TIMEFRAMES, timeframeMs, type Timeframe } from '../../../shared/domain/types';
import type { CsvIssueView, Dataset } from '../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountRecord } from '../accounts/accounts-repo';
import type { BacktestWorkerPool } from '../backtest';
import type { JobRegistry } from '../jobs/job-registry';
import type { CandleCache } from '../market-data/candle-cache';
import { cacheDataset, type Datasets } from '../market-data/datasets';
import { downloadHistory } from '../market-data/history-download';
import type { MarketDataSource } from '../market-data/source';
import type { CsvUploads } from './csv-uploads';

export interface DataJobDeps {
  cache: CandleCache;
  datasets: Datasets;
  jobs: JobRegistry;
  uploads: CsvUploads;
  pool: () => BacktestWorkerPool;
  account: (accountId: string) => AccountRecord;
  sourceFor: (account: AccountRecord) => Promise<MarketDataSource>;
  /** First retry delay of a download after a 429 / network error (tests shorten it). */
  retryDelayMs?: number;
}

export interface DownloadInput {
  accountId: string;
  symbol: string;
  timeframe: Timeframe;
  since: number;
  until?: number;
}

export async function startDownload(deps: DataJobDeps, input: DownloadInput): Promise<{ jobId: string; datasetId: string }> {
  const account = deps.account(input.accountId);
  const source = await deps.sourceFor(account);
  if (!source.hasMarket(input.symbol)) {
    throw new TradewindError('not_found', `${input.symbol} is not a market on ${source.exchangeName}. Pick one from the markets list.`);
  }
  if (!source.timeframes.includes(input.timeframe)) {
    throw new TradewindError(
      'invalid_input',
      `${source.exchangeName} has no ${input.timeframe} candles; use one of ${source.timeframes.join(', ')}.`,
    );
  }
  const exchangeId = account.sandbox ? `${source.exchangeId}:sandbox` : source.exchangeId;
  const series = deps.cache.ensureSeries({
    kind: 'download',
    exchangeId,
    symbol: input.symbol,
    timeframe: input.timeframe,
    intervalMs: timeframeMs(input.timeframe),
    label: `${input.symbol} ${input.timeframe}`,
  });
  const datasetId = `cache:${series.id}`;
  if (deps.jobs.isRunning((p) => p.kind === 'download' && p.datasetId === datasetId)) {
    throw new TradewindError('invalid_input', `${input.symbol} ${input.timeframe} is already downloading.`);
  }
  const jobId = deps.jobs.start(
    'download',
    (job) =>
      downloadHistory({
        source,
        cache: deps.cache,
        seriesId: series.id,
        symbol: input.symbol,
        timeframe: input.timeframe,
        since: input.since,
        until: input.until,
        signal: job.signal,
        onProgress: job.progress,
        retryDelayMs: deps.retryDelayMs,
      }),
    {
      datasetId,
      summarise: (outcome) => {
        const held = deps.cache.getSeries(series.id)?.bars ?? 0;
        if (held === 0)
          return `No bars: ${source.exchangeName} has no closed ${input.timeframe} bars of ${input.symbol} from ${new Date(input.since).toISOString().slice(0, 10)} on.`;
        return `Done: ${outcome.stored.toLocaleString('en-US')} bars stored.`;
      },
    },
  );
  return { jobId, datasetId };
}

export type ImportOutcome =
  { ok: true; dataset: Dataset; warnings: CsvIssueView[] } | { ok: false; errors: CsvIssueView[]; warnings: CsvIssueView[] };

export async function importCsv(
  deps: DataJobDeps,
  sessionId: string,
  input: { uploadId: string; name: string; chunks: number },
): Promise<ImportOutcome> {
  const text = deps.uploads.take(sessionId, input.uploadId, input.chunks);
  const parsed = await deps.pool().parseCsv(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: parsed.warnings };
  const series = deps.cache.ensureSeries({
    kind: 'import',
    exchangeId: 'csv',
    symbol: input.name,
    timeframe: timeframeLabel(parsed.intervalMs),
    intervalMs: parsed.intervalMs,
    label: input.name,
  });
  deps.cache.replaceBars(series.id, parsed.candles);
  return { ok: true, dataset: cacheDataset(deps.cache.getSeries(series.id)!), warnings: parsed.warnings };
}

/** One of our timeframes when the spacing is one, else the spacing itself ("2h", "90s"). */
export function timeframeLabel(intervalMs: number): string {
  const known = TIMEFRAMES.find((tf) => timeframeMs(tf) === intervalMs);
  if (known) return known;
  if (intervalMs <= 0) return 'irregular';
  const units: Array<[number, string]> = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1_000, 's'],
  ];
  for (const [ms, unit] of units) if (intervalMs % ms === 0) return `${intervalMs / ms}${unit}`;
  return `${intervalMs}ms`;
}

export function deleteDataset(deps: DataJobDeps, datasetId: string): { deleted: boolean } {
  const seriesId = deps.datasets.seriesId(datasetId);
  if (seriesId === undefined) throw new TradewindError('invalid_input', 'Bundled data sets are part of Tradewind and cannot be deleted.');
  if (deps.jobs.isRunning((p) => p.datasetId === datasetId)) {
    throw new TradewindError('invalid_input', 'This data set is still downloading; cancel the download first.');
  }
  return { deleted: deps.cache.deleteSeries(seriesId) };
}
