/**
 * What the Index view and the basket tools ask of core: each rebalance bot's target vs actual
 * weights with the next round's plan (the same `planOnAccount` its rounds use), a preview for a
 * basket not saved yet, the basket file import, the "top N" preset and the backtest (a job on
 * the worker pool).
 */
import type {
  BasketFile,
  IndexView,
  RebalanceBacktestInput,
  RebalanceBacktestResult,
  RebalanceConfig,
  RebalancePlan,
  RebalanceRound,
  TopNPreset,
} from '../../../../../shared/ipc/schemas/rebalance';
import type { MarketRulesCache } from '../../../exchange/market-rules-cache';
import type { MarketDataSource } from '../../../market-data/source';
import type { OrderService } from '../../../orders/order-service';
import { planOnAccount } from '../../../rebalance/account-plan';
import { checkBasketOnVenue, parseBasketFile, topNByVolume } from '../../../rebalance/basket';
import { nextScheduled } from '../../../rebalance/trigger';
import type { BotRecord, BotsRepo } from '../../bots-repo';
import { rolePrefix } from '../../kind-state';
import { indexBacktestResult, startIndexBacktest, type IndexBacktestDeps } from './index-backtest-jobs';
import { runHoldingsOf } from './rebalance-bot';
import type { RebalanceRoundState, RebalanceState } from './rebalance-state';

export interface IndexServiceDeps {
  repo: BotsRepo;
  orders: OrderService;
  markets: MarketRulesCache;
  source: (accountId: string) => Promise<MarketDataSource>;
  /** The job registry, the data sets and the worker pool the backtest runs on (strategy services'). */
  backtests: IndexBacktestDeps;
  now: () => number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class IndexService {
  constructor(private readonly deps: IndexServiceDeps) {}

  async list(): Promise<IndexView[]> {
    const bots = this.deps.repo.list({}).filter((b) => b.kind === 'rebalance');
    return Promise.all(bots.map((b) => this.view(b)));
  }

  preview(accountId: string, config: RebalanceConfig, capitalCap: number): Promise<RebalancePlan> {
    return planOnAccount(this.planDeps(accountId), config, capitalCap);
  }

  async importBasket(accountId: string, text: string, quote: string): Promise<BasketFile> {
    const file = parseBasketFile(text);
    const source = await this.deps.source(accountId);
    checkBasketOnVenue(file.assets, file.quote ?? quote, (symbol) => source.hasMarket(symbol), source.exchangeName);
    return file;
  }

  async topN(accountId: string, quote: string, n: number): Promise<TopNPreset> {
    const source = await this.deps.source(accountId);
    const markets = source.listMarkets().filter((m) => m.quote === quote && m.active);
    const tickers = await source.tickers(markets.map((m) => m.symbol));
    return topNByVolume(markets, tickers, quote, n);
  }

  /** Starts the backtest as a job on the worker pool (see index-backtest-jobs.ts). */
  backtest(input: RebalanceBacktestInput): { jobId: string } {
    return startIndexBacktest(this.deps.backtests, input);
  }

  backtestResult(jobId: string): RebalanceBacktestResult {
    return indexBacktestResult(this.deps.backtests.jobs, jobId);
  }

  private planDeps(accountId: string) {
    return {
      venue: this.deps.orders.venue(accountId),
      market: (symbol: string) => this.deps.markets.market(accountId, symbol),
    };
  }

  private async view(bot: BotRecord): Promise<IndexView> {
    const config = bot.config as RebalanceConfig;
    const st = bot.kindState?.kind === 'rebalance' ? (bot.kindState as RebalanceState) : null;
    const active = bot.state === 'running' || bot.state === 'paused' || bot.state === 'stopping';
    // A running bot plans with its own cash; a stopped one as it would start.
    const own = active && st ? runHoldingsOf(st, this.runTrades(bot), config.quote) : null;
    let plan: RebalancePlan | null = null;
    let planError: string | null = null;
    try {
      plan = await planOnAccount(this.planDeps(bot.accountId), config, bot.risk.capitalCap, own);
    } catch (error) {
      planError = message(error);
    }
    const rounds = st ? [...(st.current ? [st.current] : []), ...st.rounds].map((r) => this.round(bot, r)) : [];
    return {
      botId: bot.id,
      name: bot.name,
      accountId: bot.accountId,
      state: bot.state,
      config,
      plan,
      planError,
      nextDueAt: active ? nextScheduled(config, st?.lastRoundAt ?? null, this.deps.now()) : null,
      rounds,
    };
  }

  private runTrades(bot: BotRecord) {
    const repo = this.deps.orders.repo;
    return repo
      .byOriginRole(bot.id, rolePrefix(bot.kind, bot.run))
      .filter((r) => r.origin === 'bot' && r.filled > 0)
      .flatMap((r) => repo.tradesOf(r.accountId, r.clientOrderId));
  }

  private round(bot: BotRecord, r: RebalanceRoundState): RebalanceRound {
    const prefix = rolePrefix(bot.kind, bot.run);
    const rows = new Map(this.deps.orders.repo.byOriginRole(bot.id, prefix).map((row) => [row.originRole, row]));
    return {
      n: r.n,
      reason: r.reason,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      phase: r.phase,
      maxDriftPct: r.maxDriftPct,
      legs: r.legs.map((l) => {
        const row = rows.get(prefix + l.role);
        const value = l.amount * l.price;
        return {
          asset: l.asset,
          symbol: l.symbol,
          side: l.side,
          amount: l.amount,
          price: l.price,
          value,
          fee: 0,
          dropped: l.dropped,
          status: l.dropped !== null ? 'left out' : (row?.status ?? 'waiting'),
        };
      }),
    };
  }
}
