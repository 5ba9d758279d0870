/**
 * The index (rebalance) backtest as a job on the backtest worker pool, like strategy and bot
 * backtests: refused before it starts when a coin has no data set, a data set is of another market,
 * too short, or the data sets do not overlap; then core loads each coin's candles, the pool shares
 * them with a worker, and the run reports progress on `jobs.progress` and stops on `jobs.cancel`.
 * Core's thread stays free for tickers, orders and copies while a long basket × years run goes on.
 */
import { TradewindError } from '../../../../../shared/ipc/errors';
import type { Dataset } from '../../../../../shared/ipc/schemas/strategies';
import type { RebalanceBacktestInput, RebalanceBacktestResult } from '../../../../../shared/ipc/schemas/rebalance';
import type { BacktestWorkerPool } from '../../../backtest';
import type { JobRegistry } from '../../../jobs/job-registry';
import type { Datasets } from '../../../market-data/datasets';
import type { CandleColumns } from '../../../strategy/candle-columns';

export interface IndexBacktestDeps {
  jobs: JobRegistry;
  datasets: Pick<Datasets, 'describe' | 'load'>;
  pool: () => Pick<BacktestWorkerPool, 'runRebalance'>;
}

/** A run needs this many bar times every coin has (the first allocation, a fill, a mark). */
const MIN_SHARED_BARS = 3;

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Refuses what the run would refuse later, naming the coin and what to do; returns each coin's data set. */
function checkDatasets(deps: IndexBacktestDeps, input: RebalanceBacktestInput): Array<{ asset: string; dataset: Dataset }> {
  const coins = input.basket.filter((e) => e.asset !== input.quote).map((e) => e.asset);
  if (coins.length === 0)
    throw new TradewindError('invalid_input', `The basket holds only ${input.quote}: add a coin to backtest (nothing would trade).`);
  const picked = coins.map((asset) => {
    const symbol = `${asset}/${input.quote}`;
    const id = input.datasets[asset];
    if (!id)
      throw new TradewindError(
        'invalid_input',
        `No history picked for ${symbol}: download it (Strategy lab → Download history…) or import a CSV there, then pick it for ${asset}.`,
      );
    const dataset = deps.datasets.describe(id);
    if (dataset.symbol !== symbol)
      throw new TradewindError(
        'invalid_input',
        `The data set picked for ${asset} holds ${dataset.symbol}, not ${symbol}: pick a ${symbol} data set.`,
      );
    if (dataset.bars < MIN_SHARED_BARS || dataset.firstTime === null || dataset.lastTime === null)
      throw new TradewindError(
        'invalid_input',
        `${dataset.label} has ${dataset.bars} bar${dataset.bars === 1 ? '' : 's'}; a backtest needs at least ${MIN_SHARED_BARS}. Download a longer range of ${symbol}.`,
      );
    return { asset, dataset };
  });
  const from = Math.max(...picked.map((p) => p.dataset.firstTime!));
  const to = Math.min(...picked.map((p) => p.dataset.lastTime!));
  if (from > to) {
    const spans = picked.map((p) => `${p.dataset.symbol} ${day(p.dataset.firstTime!)} to ${day(p.dataset.lastTime!)}`).join(', ');
    throw new TradewindError('invalid_input', `The data sets do not overlap in time (${spans}): pick data sets of the same period.`);
  }
  return picked;
}

export function startIndexBacktest(deps: IndexBacktestDeps, input: RebalanceBacktestInput): { jobId: string } {
  // One at a time: a second run would only share the pool with the first and halve both.
  if (deps.jobs.isRunning((p) => p.kind === 'indexBacktest'))
    throw new TradewindError(
      'unavailable',
      'An index backtest is already running: wait for it to finish or cancel it (Cancel beside its progress bar), then run again.',
    );
  const picked = checkDatasets(deps, input);
  const jobId = deps.jobs.start(
    'indexBacktest',
    async (job) => {
      const series = new Map<string, CandleColumns>();
      for (const { asset, dataset } of picked) series.set(asset, deps.datasets.load(dataset.id).candles);
      job.progress(0, 100, `Backtesting ${picked.length} coin${picked.length === 1 ? '' : 's'} against buy-and-hold…`);
      return deps.pool().runRebalance(
        {
          quote: input.quote,
          basket: input.basket,
          series,
          startingCash: input.startingCash,
          feeRate: input.feeRate,
          minTrade: input.minTrade,
          driftPct: input.driftPct,
          intervalHours: input.intervalHours,
        },
        {
          signal: job.signal,
          onProgress: (fraction) => job.progress(Math.round(fraction * 100), 100, `Backtesting… ${Math.round(fraction * 100)} %`),
        },
      );
    },
    {
      // Named in the Jobs panel by its basket, e.g. "Index backtest: BTC, ETH in USDT".
      title: `Index backtest: ${picked.map((p) => p.asset).join(', ')} in ${input.quote}`,
      summarise: (r) =>
        `Done: ${r.rebalance.rounds} round${r.rebalance.rounds === 1 ? '' : 's'} over ${r.bars.toLocaleString('en-US')} bars.`,
    },
  );
  return { jobId };
}

export function indexBacktestResult(jobs: JobRegistry, jobId: string): RebalanceBacktestResult {
  return jobs.result<RebalanceBacktestResult>(jobId, 'indexBacktest');
}
