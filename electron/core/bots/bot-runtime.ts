import { randomUUID } from 'node:crypto';
import type { EventPayload, TopicName } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import type {
  BotDetail,
  BotEvent,
  BotInput,
  BotReconciliation,
  BotStopReason,
  BotView,
  CircuitState,
  KillSwitchSummary,
  Notification,
  Orphan,
} from '../../../shared/ipc/schemas/bots';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { AccountService } from '../accounts/account-service';
import type { AccountsRepo } from '../accounts/accounts-repo';
import type { AuditLog } from '../accounts/audit-log';
import type { Db } from '../db/connection';
import type { StorageFailure, StorageHealth } from '../db/storage-health';
import type { AccountClock } from '../market-data/account-clock';
import type { MarketDataSource } from '../market-data/source';
import type { WatchRegistry } from '../market-data/watch-registry';
import type { OrderService } from '../orders/order-service';
import { isFinal, isOpen } from '../orders/order-state';
import type { OrderRow } from '../orders/orders-repo';
import type { ReconcileOutcome } from '../orders/reconcile';
import type { MarketRules, Precision } from '../orders/venue';
import { formatMoney, formatNumber } from '../trading/precision';
import type { TrustedGate } from '../trust/trusted-gate';
import { buildReconciliation, resolveOrphan } from './bot-reconciliation';
import { BotEvents } from './bot-events';
import { BotStep, type StepDeps } from './bot-step';
import { validateBot, type ValidationResult } from './bot-validation';
import { botView, ledgerIssueText, runOversold, unrealisedOf } from './bot-views';
import { BotsRepo, type BotRecord } from './bots-repo';
import { botSession, CandleFeed, type ClosedBar } from './candle-feed';
import { CircuitBreakers, isExchangeFailure, type CircuitPolicy } from './circuit-breaker';
import { dcaDealsView, dcaLevelsView, initDca, openDeal, stepDca } from './dca-bot';
import { gridLevelsView, initGrid, stepGrid } from './grid-bot';
import type { DcaState, KindState } from './kind-state';
import { initStrategy, onStrategyBar, stepStrategy } from './strategy-bot';
import { KeyedSerialQueue } from '../kit/keyed-serial-queue';

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
  now?: () => number;
}

const ACTIVE_STATES = ['running', 'paused', 'stopping'] as const;
const MARKET_CACHE_MS = 10 * 60_000;
const LIVE_PRICE_MS = 2_000;
const DAY_MS = 86_400_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The bot runtime: every bot is a persistent state machine (stopped → running ⇄ paused →
 * stopping → stopped) that acts on fills (ledger changes), closed candles and prices, and
 * places orders only through the ledger with roles naming its slots. Work on one bot is
 * serialised; bots never wait on each other. After a restart the ledger is reconciled first,
 * then each bot re-runs its step from its saved state and the ledger, so nothing is placed twice.
 */
export class BotRuntime {
  readonly repo: BotsRepo;
  readonly circuits: CircuitBreakers;
  private readonly events: BotEvents;
  private readonly feed: CandleFeed;
  private readonly queue = new KeyedSerialQueue();
  private readonly markets = new Map<string, { at: number; rules: MarketRules; precision: Precision }>();
  private readonly prices = new Map<string, { at: number; price: number }>();
  private readonly viewedPrices = new Map<string, number>();
  private readonly waitingSteps = new Map<string, Promise<void>>();
  /** Stopped bots that still have orders working (a cancel failed): retried on each tick. */
  private readonly uncancelled = new Set<string>();
  /**
   * Bots paused because writes fail. The pause is written when it can be, but on a full disk it
   * usually cannot: this set is what keeps them paused (and shown paused) until writes work.
   */
  private readonly storageHeld = new Set<string>();
  private readonly stepDeps: StepDeps;
  private readonly unsubscribe: Array<() => void> = [];
  private report: BotReconciliation = { at: null, accounts: [], orphans: [], resumed: [] };
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly deps: BotRuntimeDeps) {
    this.now = deps.now ?? Date.now;
    this.repo = new BotsRepo(deps.db, this.now, deps.marketClock);
    this.events = new BotEvents(
      this.repo,
      deps.emit,
      (id) => {
        const record = this.repo.get(id);
        return record ? this.view(record) : null;
      },
      undefined,
      this.now,
    );
    this.circuits = new CircuitBreakers(deps.circuitPolicy, this.now, (accountId) => {
      for (const bot of this.repo.list({ accountId })) this.events.touch(bot.id);
    });
    this.feed = new CandleFeed({ source: deps.source, graph: deps.strategy, watches: deps.watches, now: this.now });
    this.stepDeps = {
      now: this.now,
      orders: deps.orders,
      repo: this.repo,
      circuits: this.circuits,
      market: (accountId, symbol) => this.market(accountId, symbol),
      price: (bot) => this.price(bot),
      event: (id, level, text) => void this.events.log(id, level, text),
      notify: (id, level, title, body) => void this.events.notify(id, level, title, body),
      changed: (id) => this.events.touch(id),
      definiteRefusals: new Set(),
      storageHeld: (id) => this.storageHeld.has(id) || this.deps.storage.failing !== null,
      requestStop: (id, reason, detail) => this.requestStop(id, reason, detail),
    };
    this.unsubscribe.push(deps.orders.onChange((row) => this.orderChanged(row)));
    this.unsubscribe.push(deps.accountService.onRevoked((accountId) => this.accountRevoked(accountId)));
    this.unsubscribe.push(deps.storage.onChange((failure, previous) => this.storageChanged(failure, previous)));
  }

  // ---- lifecycle of the runtime ----------------------------------------------------------------

  /**
   * Start-up: once the ledger's reconciliation has settled, builds the report (emitted as
   * `bots.reconciliation`), then resumes the bots that were running or paused and finishes
   * the stops a crash interrupted.
   */
  async startUp(reconciled: Promise<ReconcileOutcome[]>): Promise<BotReconciliation> {
    const reports = await reconciled.catch((error: unknown) => {
      this.deps.log(`bots: reconciliation failed: ${message(error)}`);
      return [] as ReconcileOutcome[];
    });
    if (this.closed) return this.report; // core closed while the ledger was reconciling
    // Stopped bots whose cancels did not all go through before the restart finish them now.
    for (const record of this.repo.list({ states: ['stopped', 'error'] })) if (this.workingOrders(record.id).length > 0) this.uncancelled.add(record.id);
    const active = this.repo.list({ states: ACTIVE_STATES });
    for (const record of active.filter((r) => r.state === 'stopping')) void this.enqueue(record.id, () => this.finishStop(record.id));
    // Bots resume side by side: a slow exchange delays only its own bots.
    const resuming = active.filter((r) => r.state !== 'stopping');
    await Promise.all(resuming.map((record) => this.enqueue(record.id, () => this.resume(record.id))));
    const resumed = resuming.map((r) => r.id).filter((id) => {
      const state = this.repo.get(id)?.state;
      return state === 'running' || state === 'paused';
    });
    // Bots a previous run paused because it could not write resume once this one can.
    if (this.deps.storage.probe()) this.resumeAfterStorage(null);
    this.report = buildReconciliation({ reports, accounts: this.deps.accounts, orders: this.deps.orders.repo, bots: this.repo, resumed, now: this.now });
    this.deps.emit('bots.reconciliation', this.report);
    const tickMs = this.deps.tickMs ?? 1_000;
    if (tickMs > 0 && !this.closed) {
      this.timer = setInterval(() => void this.tick(), tickMs);
      this.timer.unref();
    }
    return this.report;
  }

  /** One pass over the active bots: new candles, prices, guards; each bot's step is queued on its own chain. */
  tick(): Promise<void> {
    this.ticking ??= this.runTick().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async runTick(): Promise<void> {
    if (this.closed) return;
    // While writes fail no bot acts (each step writes its state first); one tiny write per tick tells when they work again.
    if (!this.deps.storage.probe()) return;
    for (const id of this.uncancelled) void this.enqueue(id, () => this.cancelLeftovers(id));
    await Promise.all(
      this.repo.list({ states: ['running', 'paused'] }).map(async (record) => {
        try {
          if (record.state === 'running' && this.strategyIdOf(record) && !this.feed.has(record.id)) {
            await this.enqueue(record.id, async () => {
              for (const bar of (await this.reopenFeed(record.id)) ?? []) await this.onBar(record.id, bar);
            });
          }
          const bars = record.state === 'running' && this.feed.has(record.id) ? await this.feed.poll(record) : [];
          if (bars.length > 0) await this.enqueue(record.id, async () => {
            for (const bar of bars) await this.onBar(record.id, bar);
          });
          await this.scheduleStep(record.id);
          // A price move changes the unrealised PnL: the view goes out (conflated) when it did.
          const price = this.prices.get(record.id)?.price;
          if (price !== undefined && price !== this.viewedPrices.get(record.id)) {
            this.viewedPrices.set(record.id, price);
            this.events.touch(record.id);
          }
        } catch (error) {
          this.stepFailed(record, error);
        }
      }),
    );
  }

  /** Resolves when no bot work is queued (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    await this.idle();
    for (const off of this.unsubscribe) off();
    for (const record of this.repo.list({ states: ACTIVE_STATES })) this.feed.close(record.id);
    this.events.close();
  }

  // ---- queries ---------------------------------------------------------------------------------

  list(): BotView[] {
    return this.repo.list().map((r) => this.view(r));
  }

  async get(id: string, events = 200): Promise<BotDetail> {
    const record = this.require(id);
    const step = new BotStep(this.stepDeps, id);
    await step.loadMarket().catch(() => {
      const [base, quote] = record.symbol.split('/') as [string, string];
      step.rules = { symbol: record.symbol, base, quote } as MarketRules;
    });
    const st = record.kindState;
    const allRows = this.deps.orders.repo.byOrigin(id).filter((r) => r.origin === 'bot');
    const position = record.run > 0 ? step.position() : { amount: 0, averagePrice: null };
    return {
      bot: this.view(record),
      levels: st?.kind === 'grid' ? gridLevelsView(step, st, record.config as never) : st?.kind === 'dca' ? dcaLevelsView(step, st, record.config as never) : [],
      deals: st?.kind === 'dca' ? dcaDealsView(step, st) : [],
      position: { amount: position.amount, averagePrice: position.averagePrice },
      orders: allRows.slice(-200).reverse().map((r) => this.deps.orders.repo.view(r)),
      fills: step
        .trades(allRows)
        .sort((a, b) => b.seq - a.seq)
        .slice(0, 500),
      events: this.repo.events(id, events),
    };
  }

  /** A page of the bot's event log, newest first, older than `beforeSeq`. */
  eventLog(id: string, limit: number, beforeSeq?: number): BotEvent[] {
    this.require(id);
    return this.repo.events(id, limit, beforeSeq);
  }

  circuitStates(): CircuitState[] {
    const accounts = [...new Set(this.repo.list().map((b) => b.accountId))];
    return this.circuits.list(accounts);
  }

  notifications(limit = 100): Notification[] {
    return this.repo.notifications(limit);
  }

  reconciliation(): BotReconciliation {
    return this.report;
  }

  validate(input: BotInput): Promise<ValidationResult> {
    return validateBot(
      {
        accountService: this.deps.accountService,
        account: (id) => this.deps.accounts.get(id),
        venue: (id) => this.deps.orders.venue(id),
        source: this.deps.source,
        graph: this.deps.strategy,
        rateLimitMs: this.deps.rateLimitMs,
      },
      input,
    );
  }

  // ---- settings --------------------------------------------------------------------------------

  async create(input: BotInput): Promise<BotView> {
    await this.assertValid(input);
    const record = this.repo.insert({
      id: `bot_${randomUUID()}`,
      name: this.freeName(input.name),
      kind: input.config.kind,
      accountId: input.accountId,
      symbol: input.symbol,
      timeframe: input.timeframe,
      mode: input.mode,
      config: input.config,
      risk: input.risk,
      ...this.neverRun(),
    });
    this.events.log(record.id, 'info', `Created ${record.kind} bot on ${record.symbol} (${record.mode}).`);
    return this.view(record);
  }

  /** The run fields of a bot that has never run: stopped, no kind state, no PnL, created now. */
  private neverRun() {
    return { state: 'stopped', stopReason: null, stopDetail: null, kindState: null, run: 0, realisedPnl: 0, createdAt: this.now(), startedAt: null, stoppedAt: null } as const;
  }

  async update(id: string, input: BotInput): Promise<BotView> {
    const record = this.require(id);
    if (record.state !== 'stopped' && record.state !== 'error') {
      throw new TradewindError('invalid_input', `"${record.name}" is ${record.state}; settings can be changed only while it is stopped. Stop it first.`);
    }
    if (input.config.kind !== record.kind) throw new TradewindError('invalid_input', `A ${record.kind} bot cannot become a ${input.config.kind} bot; duplicate it or create a new one.`);
    await this.assertValid(input);
    const saved = this.repo.save({
      ...record,
      name: input.name === record.name ? record.name : this.freeName(input.name, id),
      accountId: input.accountId,
      symbol: input.symbol,
      timeframe: input.timeframe,
      mode: input.mode,
      config: input.config,
      risk: input.risk,
    });
    this.events.log(id, 'info', 'Settings changed.');
    return this.view(saved);
  }

  duplicate(id: string, name?: string): BotView {
    const source = this.require(id);
    const record = this.repo.insert({
      ...source,
      id: `bot_${randomUUID()}`,
      name: this.freeName(name ?? `${source.name} copy`),
      ...this.neverRun(),
    });
    this.events.log(record.id, 'info', `Duplicated from "${source.name}".`);
    return this.view(record);
  }

  delete(id: string): { deleted: boolean } {
    const record = this.require(id);
    if (record.state !== 'stopped' && record.state !== 'error') {
      throw new TradewindError('invalid_input', `"${record.name}" is ${record.state}; stop it before deleting it.`);
    }
    const deleted = this.repo.delete(id);
    this.events.forget(id);
    this.feed.close(id);
    if (deleted) this.deps.emit('bots.deleted', { ids: [id] });
    return { deleted };
  }

  // ---- running ---------------------------------------------------------------------------------

  /**
   * `confirmed` is the caller's request (the renderer showed account, market and capital); a live
   * start also needs the host's trusted confirmation (`confirmationCode` on the headless host).
   */
  async start(id: string, confirmed?: boolean, confirmationCode?: string): Promise<BotView> {
    const record = this.require(id);
    if (record.state === 'running') throw new TradewindError('invalid_input', `"${record.name}" is already running.`);
    if (record.state === 'stopping') throw new TradewindError('invalid_input', `"${record.name}" is still cancelling its orders; start it once it has stopped.`);
    if (record.mode === 'live') {
      this.deps.accountService.assertCanTrade(record.accountId);
      const account = this.deps.accounts.get(record.accountId);
      const { capitalRequired } = await this.validate(this.inputOf(record));
      const capital = capitalRequired === null ? '' : ` with up to ${formatMoney(capitalRequired, quoteOf(record.symbol))} ${quoteOf(record.symbol)}`;
      const what = `"${record.name}" sends real orders on "${account?.label ?? record.accountId}" (${record.symbol})${capital}`;
      if (confirmed !== true) {
        throw new TradewindError('invalid_input', `Starting ${what}: confirm the account, the market and the capital, then start it with confirmed: true.`);
      }
      const request = { action: 'bot.live_start' as const, accountId: record.accountId, title: `Start the live bot "${record.name}"`, detail: what };
      if (!this.deps.trust) throw new TradewindError('confirmation_denied', `${request.title} needs the host's own confirmation, and this host has none: it was not started.`);
      await this.deps.trust.require(request, confirmationCode);
    }
    this.deps.audit?.append('bot.started', `${record.state === 'paused' ? 'Resumed' : 'Started'} ${record.mode} bot "${record.name}" (${record.symbol})`, record.accountId);
    if (record.state === 'paused') {
      await this.enqueue(id, async () => {
        this.setState(id, { state: 'running', stopReason: null, stopDetail: null });
        this.events.log(id, 'info', 'Resumed.');
        await this.runStep(id);
      });
      return this.view(this.require(id));
    }
    const leftovers = this.workingOrders(id).length;
    if (leftovers > 0) {
      throw new TradewindError(
        'invalid_input',
        `"${record.name}" still has ${leftovers} order(s) working from its last run (their cancels are being retried); start it once they are cancelled, or cancel them from the orders panel.`,
      );
    }
    await this.assertValid(this.inputOf(record));
    await this.enqueue(id, async () => {
      const fresh = this.require(id);
      const run = fresh.run + 1;
      this.repo.save({ ...fresh, run, state: 'running', stopReason: null, stopDetail: null, startedAt: this.now(), stoppedAt: null, kindState: null });
      try {
        await this.planRun(id);
        await this.openFeed(id);
      } catch (error) {
        this.feed.close(id);
        this.repo.save({ ...this.require(id), state: 'stopped', stopReason: 'error', stopDetail: message(error), stoppedAt: this.now() });
        this.events.log(id, 'error', `Could not start: ${message(error)}`);
        throw error;
      }
      this.events.log(id, 'info', `Started (run ${run}).`);
      await this.runStep(id);
    });
    return this.view(this.require(id));
  }

  async pause(id: string): Promise<BotView> {
    const record = this.require(id);
    if (record.state !== 'running') throw new TradewindError('invalid_input', `"${record.name}" is ${record.state}; only a running bot can be paused.`);
    this.setState(id, { state: 'paused' });
    this.events.log(id, 'info', 'Paused: its orders stay, no new ones are placed.');
    return this.view(this.require(id));
  }

  /** Stops the bot and cancels its open orders; returns once the cancels were tried. */
  async stop(id: string, reason: BotStopReason = 'manual', detail?: string): Promise<BotView> {
    const record = this.require(id);
    if (record.state === 'stopped' || record.state === 'error') {
      if (reason === 'manual') throw new TradewindError('invalid_input', `"${record.name}" is already stopped.`);
      return this.view(record);
    }
    this.markStopping(record, reason, detail ?? (reason === 'manual' ? 'Stopped by hand.' : null));
    await this.enqueue(id, () => this.finishStop(id));
    return this.view(this.require(id));
  }

  async killSwitch(): Promise<KillSwitchSummary> {
    const at = this.now();
    const bots = this.repo.list({ states: ACTIVE_STATES });
    // Every bot is marked first, so none places another order while the others are cancelling.
    for (const record of bots) if (record.state !== 'stopping') this.markStopping(record, 'kill_switch', 'Stopped by the kill switch.');
    const results = await Promise.all(bots.map((record) => this.enqueue(record.id, () => this.finishStop(record.id))));
    const summary: KillSwitchSummary = {
      at,
      botsStopped: bots.length,
      ordersCancelled: results.reduce((sum, r) => sum + r.cancelled, 0),
      failures: results.flatMap((r) => r.failures),
    };
    this.deps.audit?.append('bots.kill_switch', `Kill switch: ${summary.botsStopped} bot(s) stopped, ${summary.ordersCancelled} order(s) cancelled, ${summary.failures.length} failure(s)`);
    this.events.notify(null, summary.failures.length > 0 ? 'error' : 'warning', 'Kill switch', `${summary.botsStopped} bot(s) stopped, ${summary.ordersCancelled} order(s) cancelled${summary.failures.length ? `, ${summary.failures.length} failure(s)` : ''}.`);
    return summary;
  }

  async resolveOrphan(accountId: string, clientOrderId: string, action: 'adopt' | 'cancel'): Promise<Orphan> {
    return resolveOrphan({ report: this.report, orders: this.deps.orders, bots: this.repo }, accountId, clientOrderId, action);
  }

  // ---- internals -------------------------------------------------------------------------------

  private enqueue<T>(id: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(id, task);
  }

  /**
   * Queues one step unless one is already waiting: a burst of ledger changes (a submit reports
   * intent, then open, then fills) costs one step, and a change during a step still gets its own.
   */
  private scheduleStep(id: string): Promise<void> {
    const waiting = this.waitingSteps.get(id);
    if (waiting) return waiting;
    const step = this.enqueue(id, () => {
      this.waitingSteps.delete(id);
      return this.runStep(id);
    });
    this.waitingSteps.set(id, step);
    return step;
  }

  private require(id: string): BotRecord {
    const record = this.repo.get(id);
    if (!record) throw new TradewindError('not_found', `No bot with id "${id}"; it may have been deleted in another window.`);
    return record;
  }

  private view(stored: BotRecord): BotView {
    // A pause for storage that could not be written yet is still a pause.
    const record: BotRecord =
      this.storageHeld.has(stored.id) && stored.state === 'running'
        ? { ...stored, state: 'paused', stopReason: 'storage_failing', stopDetail: this.storagePauseDetail(this.deps.storage.failing) }
        : stored;
    return botView(
      { repo: this.repo, orders: this.deps.orders.repo, accounts: this.deps.accounts, circuit: (a) => this.circuits.view(a), lastPrice: (id) => this.prices.get(id)?.price ?? null },
      record,
    );
  }

  private inputOf(record: BotRecord): BotInput {
    const { name, accountId, symbol, timeframe, mode, config, risk } = record;
    return { name, accountId, symbol, timeframe, mode, config, risk };
  }

  private async assertValid(input: BotInput): Promise<void> {
    const { issues } = await this.validate(input);
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) throw new TradewindError('invalid_input', errors.map((i) => `${i.field}: ${i.message}`).join(' '));
  }

  private freeName(name: string, exceptId?: string): string {
    if (!this.repo.nameTaken(name, exceptId)) return name;
    for (let n = 2; ; n++) if (!this.repo.nameTaken(`${name} ${n}`, exceptId)) return `${name} ${n}`;
  }

  private setState(id: string, patch: Partial<BotRecord>): BotRecord {
    const saved = this.repo.save({ ...this.require(id), ...patch });
    this.events.touch(id);
    return saved;
  }

  private async market(accountId: string, symbol: string): Promise<{ rules: MarketRules; precision: Precision }> {
    const key = `${accountId}|${symbol}`;
    const cached = this.markets.get(key);
    if (cached && this.now() - cached.at < MARKET_CACHE_MS) return cached;
    const venue = this.deps.orders.venue(accountId);
    const [rules, precision] = await Promise.all([venue.rules(symbol), venue.precision(symbol)]);
    const fresh = { at: this.now(), rules, precision };
    this.markets.set(key, fresh);
    return fresh;
  }

  private async price(bot: BotRecord): Promise<number | null> {
    const venue = this.deps.orders.venue(bot.accountId);
    const cached = this.prices.get(bot.id);
    if (venue.kind === 'live' && cached && this.now() - cached.at < LIVE_PRICE_MS) return cached.price;
    const quote = await venue.quote(bot.symbol);
    if (!quote) return cached?.price ?? null;
    this.prices.set(bot.id, { at: this.now(), price: quote.last });
    return quote.last;
  }

  /** The new run's plan (grid levels at the current price...), saved before any of its orders is sent. */
  private async planRun(id: string): Promise<void> {
    const step = new BotStep(this.stepDeps, id);
    await step.loadMarket();
    const kindState = await this.initKind(step);
    kindState.day = { start: dayStart(this.now()), realised: step.bot.realisedPnl, unrealised: 0 };
    step.bot.kindState = kindState;
    step.save();
  }

  private async initKind(step: BotStep): Promise<KindState> {
    switch (step.bot.kind) {
      case 'grid':
        return initGrid(step);
      case 'dca':
        return initDca();
      default:
        return initStrategy();
    }
  }

  private strategyIdOf(record: BotRecord): string | null {
    if (record.config.kind === 'strategy') return record.config.strategyId;
    if (record.config.kind === 'dca' && record.config.start === 'signal') return record.config.strategyId;
    return null;
  }

  /** Bots that act on closed candles warm their evaluator and hold a watch; returns the bars missed while down. */
  private async openFeed(id: string): Promise<ClosedBar[]> {
    const record = this.require(id);
    const strategyId = this.strategyIdOf(record);
    if (!strategyId) {
      // Prices and candles of the bot's market keep streaming while it runs (its chart, live venues).
      this.deps.watches.set(botSession(id), [record.symbol], { symbol: record.symbol, timeframe: record.timeframe });
      return [];
    }
    const st = record.kindState as (KindState & { lastBar?: number | null }) | null;
    const { lastBar, missed } = await this.feed.open(record, strategyId, st?.lastBar ?? null);
    if (st && 'lastBar' in st && st.lastBar === null) {
      st.lastBar = lastBar;
      this.repo.save({ ...this.require(id), kindState: st });
    }
    return missed;
  }

  private async resume(id: string): Promise<void> {
    if (!this.require(id).kindState) {
      // Killed between recording the start and saving the plan: nothing of this run was sent yet.
      try {
        await this.planRun(id);
      } catch (error) {
        this.requestStop(id, 'error', `Could not resume: ${message(error)}`);
        return;
      }
    }
    const missed = await this.reopenFeed(id);
    if (missed === null) return;
    if (missed.length > 0) this.events.log(id, 'info', `Catching up ${missed.length} candle(s) closed while Tradewind was not running.`);
    for (const bar of missed) await this.onBar(id, bar);
    this.events.log(id, 'info', 'Resumed after start-up.');
    await this.runStep(id);
  }

  /**
   * Opens the bot's candle feed after a restart. An exchange that cannot be reached leaves the
   * bot running without one (the tick tries again); a strategy that no longer compiles stops it.
   * Returns the bars missed while down, or null when the feed could not be opened.
   */
  private async reopenFeed(id: string): Promise<ClosedBar[] | null> {
    try {
      return await this.openFeed(id);
    } catch (error) {
      if (isExchangeFailure(error)) {
        this.events.log(id, 'warning', `Candles are not available yet (${message(error)}); retrying.`);
      } else {
        this.requestStop(id, 'error', `Could not resume: ${message(error)}`);
      }
      return null;
    }
  }

  private async onBar(id: string, bar: ClosedBar): Promise<void> {
    const record = this.repo.get(id);
    if (!record || record.state !== 'running' || !record.kindState) return;
    const step = new BotStep(this.stepDeps, id);
    await step.loadMarket();
    const st = step.bot.kindState as KindState & { lastBar: number | null };
    if (st.lastBar !== null && bar.candle[0] <= st.lastBar) return;
    st.lastBar = bar.candle[0];
    if (st.kind === 'strategy') await onStrategyBar(step, bar.signal, bar.candle[4]);
    else if (st.kind === 'dca' && bar.signal.enter >= 0) openDeal(step, st as DcaState, `Entry signal at the close ${formatNumber(bar.candle[4])}`);
    step.save();
  }

  /** One step of one bot (inside its chain): the kind acts, then the daily-loss guard looks. */
  private async runStep(id: string): Promise<void> {
    const record = this.repo.get(id);
    if (!record || !record.kindState || (record.state !== 'running' && record.state !== 'paused')) return;
    // Nothing a step decides could be written; the ledger keeps the fills, the step after the resume reads them.
    if (this.deps.storage.failing) return;
    try {
      const step = new BotStep(this.stepDeps, id);
      await step.loadMarket();
      if (record.kind === 'grid') await stepGrid(step);
      else if (record.kind === 'dca') await stepDca(step);
      else await stepStrategy(step);
      this.checkLedger(step);
      await this.checkDailyLoss(step);
    } catch (error) {
      this.stepFailed(record, error);
    }
  }

  private stepFailed(record: BotRecord, error: unknown): void {
    if (this.deps.storage.noteFailure(error)) return; // the bots are paused with one notification, not a warning per step
    if (isExchangeFailure(error)) this.circuits.failure(record.accountId, error);
    this.events.log(record.id, 'warning', `Step failed: ${message(error)}`);
  }

  /** A sale of more base than the run held is an error state: recorded once (and again if it grows), shown on the bot, never profit. */
  private checkLedger(step: BotStep): void {
    const st = step.bot.kindState;
    if (!st) return;
    const oversold = runOversold(this.deps.orders.repo, step.bot);
    if (oversold <= (st.oversold ?? 0)) return;
    st.oversold = oversold;
    step.save();
    const text = ledgerIssueText(oversold, step.bot.symbol) as string;
    step.event('error', text);
    step.notify('error', `${step.bot.name}: sold more than it held`, text);
  }

  private async checkDailyLoss(step: BotStep): Promise<void> {
    const { risk } = step.bot;
    const st = step.bot.kindState;
    if (!st || step.bot.state !== 'running') return;
    const today = dayStart(this.now());
    const unrealised = () => this.unrealised(step);
    if (!st.day || st.day.start !== today) {
      // The open position's PnL at the turn of the day is yesterday's; only its change counts today.
      st.day = { start: today, realised: step.bot.realisedPnl, unrealised: await unrealised() };
      step.save();
    }
    if (risk.maxDailyLoss === null) return;
    const result = step.bot.realisedPnl - st.day.realised + ((await unrealised()) - (st.day.unrealised ?? 0));
    if (-result >= risk.maxDailyLoss) {
      const q = step.rules.quote;
      this.requestStop(step.bot.id, 'daily_loss', `Today's loss ${formatMoney(-result, q)} ${q} reached the max daily loss ${formatMoney(risk.maxDailyLoss, q)} ${q}.`);
    }
  }

  private async unrealised(step: BotStep): Promise<number> {
    return unrealisedOf(this.deps.orders.repo, step.bot, await step.price()) ?? 0;
  }

  private markStopping(record: BotRecord, reason: BotStopReason, detail: string | null): void {
    this.repo.save({ ...record, state: 'stopping', stopReason: reason, stopDetail: detail });
    this.deps.audit?.append('bot.stopped', `Stopping ${record.mode} bot "${record.name}" (${record.symbol}): ${reason}${detail ? ` — ${detail}` : ''}`, record.accountId);
    this.events.touch(record.id);
  }

  /** A stop decided inside a step (guard, bound, refusal): marked now, carried out after the step. */
  private requestStop(id: string, reason: BotStopReason, detail: string): void {
    const record = this.repo.get(id);
    if (!record || record.state === 'stopped' || record.state === 'stopping' || record.state === 'error') return;
    this.markStopping(record, reason, detail);
    void this.enqueue(id, () => this.finishStop(id)).catch((error: unknown) => this.deps.log(`bots: stopping ${id} failed: ${message(error)}`));
  }

  /** Cancels every order the bot still has working and records the stop. */
  private async finishStop(id: string): Promise<{ cancelled: number; failures: KillSwitchSummary['failures'] }> {
    const record = this.repo.get(id);
    if (!record || record.state !== 'stopping') return { cancelled: 0, failures: [] };
    let cancelled = 0;
    const failures: KillSwitchSummary['failures'] = [];
    for (const row of this.workingOrders(id)) {
      try {
        const after = await this.deps.orders.cancel(row.accountId, row.clientOrderId);
        if (after.status === 'cancelled') cancelled++;
      } catch (error) {
        const after = this.deps.orders.repo.get(row.accountId, row.clientOrderId);
        if (after && isFinal(after.status)) continue;
        failures.push({ botId: id, clientOrderId: row.clientOrderId, message: message(error) });
      }
    }
    this.feed.close(id);
    if (failures.length > 0) this.uncancelled.add(id);
    const reason = record.stopReason ?? 'manual';
    const failed = failures.length > 0 ? ` ${failures.length} order(s) could not be cancelled yet: ${failures[0]!.message}` : '';
    const state = reason === 'error' || reason === 'no_trade_rights' ? 'error' : 'stopped';
    this.repo.save({ ...this.require(id), state, stoppedAt: this.now(), stopDetail: `${record.stopDetail ?? ''}${failed}`.trim() || null });
    const text = `Stopped (${reason.replace('_', ' ')})${record.stopDetail ? `: ${record.stopDetail}` : ''}; ${cancelled} order(s) cancelled.${failed}`;
    this.events.log(id, reason === 'manual' ? 'info' : reason === 'error' ? 'error' : 'warning', text);
    if (reason !== 'manual' && reason !== 'kill_switch') this.events.notify(id, reason === 'error' ? 'error' : 'warning', `${record.name} stopped`, text);
    return { cancelled, failures };
  }

  private workingOrders(id: string): OrderRow[] {
    return this.deps.orders.repo.byOrigin(id).filter((r) => r.origin === 'bot' && !isFinal(r.status));
  }

  /** Retries the cancels a stop could not finish (exchange down, outcome still being looked up) on each tick. */
  private async cancelLeftovers(id: string): Promise<void> {
    const record = this.repo.get(id);
    if (!record || (record.state !== 'stopped' && record.state !== 'error')) {
      this.uncancelled.delete(id);
      return;
    }
    if (!this.circuits.allow(record.accountId)) return;
    for (const row of this.workingOrders(id)) {
      try {
        const after = await this.deps.orders.cancel(row.accountId, row.clientOrderId);
        if (after.status === 'cancelled') this.events.log(id, 'info', `Cancelled ${row.clientOrderId}, left working when the bot stopped.`);
        this.circuits.success(record.accountId);
      } catch (error) {
        if (isExchangeFailure(error)) this.circuits.failure(record.accountId, error);
        return;
      }
    }
    if (this.workingOrders(id).length === 0) this.uncancelled.delete(id);
  }

  /** Fills move bots; an order that a stopped bot still had working when it stopped is cancelled when it surfaces. */
  private orderChanged(row: OrderRow): void {
    if (row.origin !== 'bot' || !row.originId || this.closed) return;
    const id = row.originId;
    const record = this.repo.get(id);
    if (!record) return;
    this.events.touch(id);
    if (record.state === 'running' || record.state === 'paused') {
      void this.scheduleStep(id);
    } else if ((record.state === 'stopped' || record.state === 'error') && isOpen(row.status)) {
      // An order the stop could not cancel (its outcome was still unknown) has surfaced: cancel it now.
      this.uncancelled.add(id);
      void this.enqueue(id, () => this.cancelLeftovers(id));
    }
  }

  private storageChanged(failure: StorageFailure | null, previous: StorageFailure | null): void {
    if (this.closed) return;
    if (failure && !previous) this.pauseForStorage(failure);
    else if (!failure && previous) this.resumeAfterStorage(previous);
  }

  private storagePauseDetail(failure: StorageFailure | null): string {
    const cause = failure?.cause ?? 'the database could not be written';
    return `Paused: ${cause}. Its orders stay; it places none until Tradewind can write again, then it resumes by itself. Free space in ${this.deps.storage.dataDir} (or fix the disk).`;
  }

  /**
   * Writes fail (disk full...): every running bot is paused at once, in memory first (the write
   * of the pause usually fails too), with one notification naming the cause. Orders stay as they are.
   */
  private pauseForStorage(failure: StorageFailure): void {
    const detail = this.storagePauseDetail(failure);
    const running = this.repo.list({ states: ['running'] });
    for (const record of running) {
      this.storageHeld.add(record.id);
      this.events.touch(record.id);
      try {
        this.repo.save({ ...record, state: 'paused', stopReason: 'storage_failing', stopDetail: detail });
      } catch (error) {
        if (!this.deps.storage.noteFailure(error)) throw error;
      }
    }
    const bots = running.length > 0 ? `${running.length} bot(s) paused (${running.map((r) => `"${r.name}"`).join(', ')}); their orders stay, none are placed. ` : '';
    this.events.notify(
      null,
      'error',
      `Tradewind cannot save: ${failure.cause}`,
      `${bots}New orders and other changes are refused until Tradewind can write again. Free space in ${this.deps.storage.dataDir}; paused bots resume by themselves.`,
    );
  }

  /** Writes work again: the bots paused for storage (here, or by a previous run) resume from their state and the ledger. */
  private resumeAfterStorage(previous: StorageFailure | null): void {
    const ids = new Set(this.storageHeld);
    for (const record of this.repo.list({ states: ['paused'] })) if (record.stopReason === 'storage_failing') ids.add(record.id);
    if (ids.size === 0 && !previous) return;
    const resumed: string[] = [];
    for (const id of ids) {
      const record = this.repo.get(id);
      this.storageHeld.delete(id);
      if (!record) continue;
      if (record.state === 'paused' && record.stopReason === 'storage_failing') {
        try {
          this.setState(id, { state: 'running', stopReason: null, stopDetail: null });
        } catch (error) {
          // Failing again: this pauses the bots once more and the next working write resumes them.
          if (!this.deps.storage.noteFailure(error)) throw error;
          this.storageHeld.add(id);
          return;
        }
      } else if (record.state !== 'running') continue; // stopped by hand meanwhile
      resumed.push(record.name);
      this.events.touch(id);
      const since = previous ? ` (paused since ${new Date(previous.since).toISOString()}: ${previous.cause})` : '';
      this.events.log(id, 'info', `Resumed: Tradewind can write again${since}.`);
      void this.scheduleStep(id);
    }
    try {
      this.events.storeUnsaved();
    } catch (error) {
      this.deps.log(`bots: storing the notifications shown while writes failed: ${message(error)}`);
    }
    const bots = resumed.length > 0 ? ` ${resumed.length} bot(s) resumed (${resumed.map((n) => `"${n}"`).join(', ')}).` : '';
    this.events.notify(null, 'info', 'Tradewind can save again', `Writes to ${this.deps.storage.dataDir} work again.${bots}`);
  }

  /**
   * An emergency revoke pauses the account's bots: with the key gone nothing can be sent or
   * cancelled, and once a new key is added a resume carries on with the same run and orders
   * (a stop and a fresh start would abandon them).
   */
  private accountRevoked(accountId: string): void {
    const detail = "The account's API key was revoked. Its orders stay on the exchange: add a new key in Accounts, then resume the bot (or stop it to cancel them).";
    for (const record of this.repo.list({ accountId, states: ['running'] })) {
      void this.enqueue(record.id, async () => {
        if (this.require(record.id).state !== 'running') return;
        this.setState(record.id, { state: 'paused', stopReason: 'key_revoked', stopDetail: detail });
        this.events.log(record.id, 'warning', `Paused: ${detail}`);
        this.events.notify(record.id, 'warning', `${record.name} paused`, detail);
      }).catch((error: unknown) => this.deps.log(`bots: pausing ${record.id} failed: ${message(error)}`));
    }
  }
}

const quoteOf = (symbol: string) => symbol.split('/')[1] ?? '';

const dayStart = (ts: number) => Math.floor(ts / DAY_MS) * DAY_MS;

