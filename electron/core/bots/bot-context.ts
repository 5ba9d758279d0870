/**
 * What the parts of the bot runtime (catalogue, supervisor, scheduler, storage hold) share: the
 * runtime's dependencies, the bots' table, their event log, the circuit breakers, the registered
 * kinds and the market/price caches. Built once by `BotRuntime`.
 */
import type { EventPayload, TopicName } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { AccountService } from '../accounts/account-service';
import type { AccountsRepo } from '../accounts/accounts-repo';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/connection';
import type { StorageHealth } from '../db/storage-health';
import type { AccountClock } from '../market-data/account-clock';
import type { MarketDataSource } from '../market-data/source';
import type { WatchRegistry } from '../market-data/watch-registry';
import type { OrderService } from '../orders/order-service';
import { isFinal } from '../orders/order-state';
import type { OrderRow } from '../orders/orders-repo';
import type { TrustedGate } from '../trust/trusted-gate';
import type { BotEvents } from './bot-events';
import type { BotMarkets } from './bot-markets';
import type { MarketRulesCache } from '../exchange/market-rules-cache';
import { BotStep, type StepDeps } from './bot-step';
import type { StrategySignalHub } from '../signals/strategy-signal-hub';
import type { BotRecord, BotsRepo } from './bots-repo';
import type { BotOnnxModels } from './candle-feed';
import type { BotModelDeps } from './bot-models';
import type { CircuitBreakers, CircuitPolicy } from './circuit-breaker';
import { DEFAULT_LIFECYCLE, type KindLifecycle } from './kinds/bot-kind';
import type { BotKindRegistry } from './kinds/registry';

export interface BotRuntimeDeps {
  db: Db;
  accounts: AccountsRepo;
  accountService: AccountService;
  orders: OrderService;
  /** Market data of an account (candles for the strategy and DCA-signal bots, volatility for grids). */
  source: (accountId: string) => Promise<MarketDataSource>;
  strategy: (strategyId: string) => { graph: StrategyGraph; name: string };
  watches: WatchRegistry;
  emit: <T extends TopicName>(topic: T, payload: EventPayload<T>) => void;
  log: (line: string) => void;
  /** The notification centre's mute list (alerts/notification-mutes.ts); nothing is muted without it. */
  isMuted?: (kind: string) => boolean;
  /** ccxt's `rateLimit` of the account's exchange (ms between requests). */
  rateLimitMs: (accountId: string) => Promise<number | null>;
  /** Each account's market clock, which bot events are stamped with besides the wall clock (default: the wall clock). */
  marketClock?: AccountClock;
  /** While the database cannot be written the bots are paused (`storage_failing`), and resumed once it can. */
  storage: StorageHealth;
  /** How often running bots re-check prices, guards and candles (default 1 s; 0 = only when `tick()` is called). */
  tickMs?: number;
  circuitPolicy?: CircuitPolicy;
  /** The host's trusted confirmation a live start needs besides the caller's `confirmed` (absent: live starts are refused). */
  trust?: TrustedGate;
  /** Starts, stops and the kill switch are audit-logged. */
  audit?: AuditLog;
  /** The bot kinds this runtime runs (default: the process's, i.e. the built-in ones). */
  kinds?: BotKindRegistry;
  /** The trading runtime's market rules cache, shared with the ticket and brackets (default: a cache of the bots' own). */
  markets?: MarketRulesCache;
  /** Accepted signals for strategy bots whose graphs hold "Signal received" blocks (createCore: SignalService's hub). */
  strategySignals?: StrategySignalHub;
  /** The signal source a signal bot binds to, for its validation (createCore: the signals repo). */
  signalSource?: (sourceId: string) => { name: string; accountId: string; symbols: string[] } | null;
  /** Imported ONNX models that strategy bots' Model blocks run (createCore: the data folder's store; absent: refused). */
  onnx?: BotOnnxModels;
  /**
   * Trained models for strategy bots' walk-forward Model blocks: the registry (pinned versions,
   * retrained ones saved), training off the trading thread (createCore: the worker pool) and the
   * job registry each retrain is listed and cancellable in. Absent: such a block is refused.
   */
  modelTraining?: Pick<BotModelDeps, 'registry' | 'train' | 'jobs'>;
  now?: () => number;
}

export const ACTIVE_STATES = ['running', 'paused', 'stopping'] as const;

export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class BotContext {
  constructor(
    readonly deps: BotRuntimeDeps,
    readonly repo: BotsRepo,
    readonly events: BotEvents,
    readonly circuits: CircuitBreakers,
    readonly kinds: BotKindRegistry,
    readonly markets: BotMarkets,
    readonly stepDeps: StepDeps,
    readonly now: () => number,
  ) {}

  require(id: string): BotRecord {
    const record = this.repo.get(id);
    if (!record) throw new TradewindError('not_found', `No bot with id "${id}"; it may have been deleted in another window.`);
    return record;
  }

  setState(id: string, patch: Partial<BotRecord>): BotRecord {
    const saved = this.repo.save({ ...this.require(id), ...patch });
    this.events.touch(id);
    return saved;
  }

  /** A step of one bot with its market loaded (precision, minimums). */
  async step(id: string): Promise<BotStep> {
    const step = new BotStep(this.stepDeps, id);
    step.accountHoldings = this.kinds.has(step.bot.kind) && this.kinds.get(step.bot.kind).accountHoldings === true;
    await step.loadMarket();
    return step;
  }

  /** What the bot's kind does on a stop or a revoked key (the defaults for a kind this build does not know). */
  lifecycleOf(record: BotRecord): KindLifecycle {
    return this.kinds.has(record.kind) ? this.kinds.get(record.kind).lifecycle : DEFAULT_LIFECYCLE;
  }

  /** The bot's orders (of any run) that are not final yet. */
  workingOrders(id: string): OrderRow[] {
    return this.deps.orders.repo.byOrigin(id).filter((r) => r.origin === 'bot' && !isFinal(r.status));
  }
}
