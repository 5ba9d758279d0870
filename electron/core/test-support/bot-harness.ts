import type { Candle, Timeframe } from '../../../shared/domain/types';
import type { EventPayload, Market, TopicName } from '../../../shared/ipc/contract';
import type { BotInput, GridConfig } from '../../../shared/ipc/schemas/bots';
import type { AccountService } from '../accounts/account-service';
import { BotRuntime } from '../bots/bot-runtime';
import type { CircuitPolicy } from '../bots/circuit-breaker';
import type { BotKindRegistry } from '../bots/kinds/registry';
import type { Db } from '../db/connection';
import { StorageHealth } from '../db/storage-health';
import { JobRegistry } from '../jobs/job-registry';
import { WatchRegistry } from '../market-data/watch-registry';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import type { PortfolioService } from '../portfolio/portfolio-service';
import { StrategiesRepo } from '../strategies/strategies-repo';
import { jobErrorDescriber } from '../strategies/strategy-services';
import { TradingRuntime } from '../trading/trading-runtime';
import { OnnxModelStore } from '../ml/onnx/onnx-model-store';
import type { BotModelDeps } from '../bots/bot-models';
import { openPaperFolder, ScriptedSource } from './paper-runtime';

/** Scripted prices plus candles the test appends, so bots that act on closed bars can be driven bar by bar. */
export class CandleScriptedSource extends ScriptedSource {
  override readonly timeframes: readonly Timeframe[] = ['1m', '5m', '1h'];
  private readonly series = new Map<string, Candle[]>();

  setCandles(symbol: string, timeframe: Timeframe, candles: Candle[]): void {
    this.series.set(`${symbol}|${timeframe}`, [...candles]);
  }

  appendCandle(symbol: string, timeframe: Timeframe, candle: Candle): void {
    this.series.get(`${symbol}|${timeframe}`)?.push(candle);
  }

  // Optional parameters keep the override assignable to the base's parameterless stub.
  override async fetchCandles(symbol?: string, timeframe?: Timeframe, since?: number, limit = 500): Promise<Candle[]> {
    const all = this.series.get(`${symbol ?? ''}|${timeframe ?? ''}`) ?? [];
    return all.filter((c) => since === undefined || c[0] >= since).slice(-limit);
  }
}

export interface BotHarness {
  trading: TradingRuntime;
  bots: BotRuntime;
  strategies: StrategiesRepo;
  accountService: AccountService;
  source: CandleScriptedSource;
  db: Db;
  dataDir: string;
  /** The ONNX model store the bots run imported models from (with `onnx: true`). */
  onnx: OnnxModelStore | undefined;
  /** The job registry bots' model retrains run in (as createCore's strategies.jobs; events go to `events`). */
  jobs: JobRegistry;
  events: Array<{ topic: TopicName; payload: unknown }>;
  /** The candle series every session watches together (what the source would stream), as `symbol timeframe`. */
  watchedCandles(): string[];
  /** Moves the price, lets the paper exchange match, and lets every bot act until all is quiet. */
  step(symbol: string, price: number): Promise<void>;
  /** One bot tick (candles, prices, guards) run to completion. */
  tick(): Promise<void>;
  restart(): Promise<BotHarness>;
  close(): Promise<void>;
}

export interface BotHarnessOptions {
  prices: Record<string, number>;
  /** Markets beyond BTC/USDT and ETH/USDT (a BTC/EUR market for a paper follower on another quote). */
  markets?: Market[];
  dataDir?: string;
  candles?: (source: CandleScriptedSource) => void;
  circuitPolicy?: CircuitPolicy;
  /** The bots' clock (candle closes, daily loss). */
  now?: () => number;
  /** The exchange's ms between requests the rate-limit estimate is held to (default 50, Binance's). */
  rateLimitMs?: number;
  /** The bot kinds the runtime runs (default: the built-in ones); a test adds a test-only kind here. */
  kinds?: BotKindRegistry;
  /** Imported ONNX models for strategy bots' Model blocks (opened on the harness's own database and folder). */
  onnx?: boolean;
  /** Trained models for walk-forward Model blocks: the registry and the trainer, made for the harness's data folder. */
  models?: (dataDir: string) => Pick<BotModelDeps, 'registry' | 'train'>;
}

/**
 * The trading runtime and the bot runtime on a real SQLite folder with the paper account, driven
 * by scripted prices and candles and manual ticks (no timers), so a bot is tested step by step.
 */
export async function startBotHarness(options: BotHarnessOptions): Promise<BotHarness> {
  const { temp, dataDir, db, accounts, audit, accountService } = openPaperFolder(options.dataDir);
  const source = new CandleScriptedSource(options.prices, options.markets);
  options.candles?.(source);
  const events: BotHarness['events'] = [];
  const emit = <T extends TopicName>(topic: T, payload: EventPayload<T>) => void events.push({ topic, payload });
  let watched: string[] = [];
  const watches = new WatchRegistry((_symbols, candles) => {
    watched = candles.map((c) => `${c.symbol} ${c.timeframe}`).sort();
  });
  const storage = new StorageHealth({ db, dataDir, log: () => {} });
  const trading = new TradingRuntime({
    storage,
    db,
    accounts,
    accountService,
    audit,
    portfolio: { refresh: async () => {} } as unknown as PortfolioService,
    watches,
    hasActiveKey: () => false,
    paperSource: async () => source,
    reference: { exchangeId: 'binance', isLive: () => false },
    emit,
    log: () => {},
  });
  trading.settings.update(PAPER_ACCOUNT_ID, { slippageBps: 0 });
  trading.brackets.start();
  const strategies = new StrategiesRepo(db);
  const onnx = options.onnx ? new OnnxModelStore(db, dataDir) : undefined;
  const jobs = new JobRegistry({ emit: (progress) => emit('jobs.progress', progress), describeError: jobErrorDescriber(() => {}) });
  const bots = new BotRuntime({
    storage,
    db,
    accounts,
    accountService,
    orders: trading.orders,
    // As createCore wires it: the bots read the trading runtime's one market rules cache.
    markets: trading.markets,
    source: async () => source,
    strategy: (id) => {
      const record = strategies.get(id);
      return { graph: record.graph, name: record.name };
    },
    watches,
    emit,
    log: () => {},
    rateLimitMs: async () => options.rateLimitMs ?? 50,
    tickMs: 0,
    ...(options.circuitPolicy ? { circuitPolicy: options.circuitPolicy } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.kinds ? { kinds: options.kinds } : {}),
    ...(onnx ? { onnx } : {}),
    ...(options.models ? { modelTraining: { ...options.models(dataDir), jobs } } : {}),
  });
  await bots.startUp(trading.reconcile());
  const quiet = async () => {
    await bots.idle();
    await trading.brackets.idle();
    await bots.idle();
  };
  const harness: BotHarness = {
    trading,
    bots,
    strategies,
    accountService,
    source,
    db,
    dataDir,
    onnx,
    jobs,
    events,
    watchedCandles: () => watched,
    async step(symbol, price) {
      source.setPrice(symbol, price);
      await trading.loop.tick();
      await quiet();
      await bots.tick();
      await quiet();
    },
    async tick() {
      await bots.tick();
      await quiet();
    },
    async restart() {
      await bots.close();
      jobs.close();
      await trading.close();
      await onnx?.close();
      db.close();
      const next = await startBotHarness({ ...options, prices: source.snapshot(), dataDir });
      return {
        ...next,
        close: async () => {
          await next.close();
          temp?.cleanup();
        },
      };
    },
    async close() {
      await bots.close();
      jobs.close();
      await trading.close();
      await onnx?.close();
      db.close();
      temp?.cleanup();
    },
  };
  return harness;
}

export const paperGrid = (over: Omit<Partial<BotInput>, 'config'> & { config?: Partial<GridConfig> } = {}): BotInput => ({
  name: 'Grid',
  accountId: PAPER_ACCOUNT_ID,
  symbol: 'BTC/USDT',
  timeframe: '1m',
  mode: 'paper',
  ...over,
  risk: { capitalCap: 5_000, maxOpenOrders: 50, maxDailyLoss: null, ...over.risk },
  config: {
    kind: 'grid',
    lower: 29_000,
    upper: 31_000,
    levels: 5,
    spacing: 'arithmetic',
    investment: 1_000,
    stopLoss: null,
    takeProfit: null,
    ...over.config,
  },
});
