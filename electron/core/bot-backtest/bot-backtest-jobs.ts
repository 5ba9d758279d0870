/**
 * Bot backtests as jobs: everything that can be refused (a kind that is not backtested, a data
 * set of another market or of bars without a known timeframe, a market the account does not
 * have) is refused before the job starts, so the call fails with the reason; the run itself
 * reports progress on `jobs.progress` and stops on `jobs.cancel`.
 */
import type { z } from 'zod';
import { TIMEFRAMES, type Timeframe } from '../../../shared/domain/types';
import { TradewindError } from '../../../shared/ipc/errors';
import type { botBacktestMethods, BotBacktestRunResult } from '../../../shared/ipc/schemas/bot-backtests';
import type { BotInput } from '../../../shared/ipc/schemas/bots';
import type { AccountRecord } from '../accounts/accounts-repo';
import type { MarketModel } from '../exchange/market-rules-cache';
import type { JobRegistry } from '../jobs/job-registry';
import type { Datasets } from '../market-data/datasets';
import type { MarketDataSource } from '../market-data/source';
import type { StrategiesRepo } from '../strategies/strategies-repo';
import { MAX_TRADES_SENT, shapeBacktest } from '../strategies/result-shaping';
import { runBotBacktest } from './run-bot-backtest';

type Input<M extends keyof typeof botBacktestMethods> = z.output<(typeof botBacktestMethods)[M]['input']>;

export interface BotBacktestDeps {
  jobs: JobRegistry;
  datasets: Datasets;
  strategies: StrategiesRepo;
  account(accountId: string): AccountRecord;
  /** The account's market rules, as a bot on it would trade them. */
  market(accountId: string, symbol: string): Promise<MarketModel>;
  source(account: AccountRecord): Promise<MarketDataSource>;
}

export async function startBotBacktest(deps: BotBacktestDeps, request: Input<'bots.backtest'>): Promise<{ jobId: string }> {
  const { input } = request;
  if (input.config.kind !== 'grid' && input.config.kind !== 'dca') {
    throw new TradewindError(
      'invalid_input',
      `Backtests run grid and DCA bots here; a ${input.config.kind} bot's strategy is backtested in the strategy lab.`,
    );
  }
  const dataset = deps.datasets.describe(request.dataset);
  if (dataset.symbol.toUpperCase() !== input.symbol.toUpperCase()) {
    throw new TradewindError(
      'invalid_input',
      `${dataset.label} holds ${dataset.symbol} bars; this bot trades ${input.symbol}. Pick a ${input.symbol} data set, or download its history in the strategy lab.`,
    );
  }
  const timeframe = (TIMEFRAMES as readonly string[]).includes(dataset.timeframe) ? (dataset.timeframe as Timeframe) : null;
  if (!timeframe) {
    throw new TradewindError(
      'invalid_input',
      `${dataset.label} has bars ${dataset.timeframe} apart; a bot backtest needs bars of one of ${TIMEFRAMES.join(', ')}.`,
    );
  }
  if (dataset.bars < 2) throw new TradewindError('invalid_input', `${dataset.label} has ${dataset.bars} bars; a backtest needs more.`);
  const account = deps.account(input.accountId);
  const { rules } = await deps.market(account.id, input.symbol);
  const source = await deps.source(account);
  const settings = request.settings ?? { startingCash: 10_000, slippageBps: 0 };
  const feeRate = settings.feeRate ?? rules.makerFee;
  const botInput: BotInput = { ...input, name: input.name };
  const jobId = deps.jobs.start(
    'botBacktest',
    async (job) => {
      const { candles } = deps.datasets.load(request.dataset);
      job.progress(0, 100, `Backtesting ${input.name} on ${dataset.label}…`);
      const result = await runBotBacktest(
        {
          input: botInput,
          candles,
          timeframe,
          market: {
            symbol: input.symbol,
            base: rules.base,
            quote: rules.quote,
            active: true,
            amountStep: rules.amountStep,
            priceStep: rules.priceStep,
            minAmount: rules.minAmount,
            minCost: rules.minCost,
          },
          settings: {
            startingCash: settings.startingCash,
            feeRate,
            slippageBps: settings.slippageBps,
            startTime: settings.startTime,
            endTime: settings.endTime,
          },
          strategy: (id) => {
            const record = deps.strategies.get(id);
            return { graph: record.graph, name: record.name };
          },
          exchange: { id: source.exchangeId, name: source.exchangeName },
        },
        {
          isCancelled: () => job.signal.aborted,
          onProgress: (fraction) => job.progress(Math.round(fraction * 100), 100, `Backtesting… ${Math.round(fraction * 100)} %`),
        },
      );
      const shaped = shapeBacktest(job.id, input.name, dataset, candles, { ...result, warnings: [] });
      return {
        ...shaped,
        warnings: result.warnings,
        bot: result.bot,
        fills: result.fills.slice(0, MAX_TRADES_SENT),
        fillsTotal: result.fills.length,
      } satisfies BotBacktestRunResult;
    },
    {
      summarise: (r) => `Done: ${r.fillsTotal} fills, ${r.metrics.trades} round trips over ${r.metrics.bars.toLocaleString('en-US')} bars.`,
    },
  );
  return { jobId };
}

export function botBacktestResult(jobs: JobRegistry, jobId: string): BotBacktestRunResult {
  return jobs.result<BotBacktestRunResult>(jobId, 'botBacktest');
}
