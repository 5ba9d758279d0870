/**
 * The bot runtime, put together: a catalogue (settings, views), a supervisor (lifecycle, guards,
 * circuit breaker, reconciliation) and a scheduler (ticks, a serial queue per bot) around the
 * registered bot kinds. Every bot is a persistent state machine that acts on fills (ledger
 * changes), closed candles and prices, and places orders only through the ledger with roles
 * naming its slots. After a restart the ledger is reconciled first, then each bot re-runs its
 * step from its saved state and the ledger, so nothing is placed twice.
 */
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
import { TradewindError } from '../../../shared/ipc/errors';
import type { ReconcileOutcome } from '../orders/reconcile';
import { BotCatalogue } from './bot-catalogue';
import { ACTIVE_STATES, BotContext, type BotRuntimeDeps } from './bot-context';
import { BotEvents } from './bot-events';
import { BotMarkets } from './bot-markets';
import { MarketRulesCache } from '../exchange/market-rules-cache';
import { BotScheduler } from './bot-scheduler';
import type { StepDeps } from './bot-step';
import { BotSupervisor } from './bot-supervisor';
import type { ValidationResult } from './bot-validation';
import { BotsRepo } from './bots-repo';
import { CircuitBreakers } from './circuit-breaker';
import type { MessageOutcome } from './kinds/bot-kind';
import { processBotKinds } from './kinds/registry';
import { RunGuards } from './run-guards';
import { settleHoldings, type StopHoldings } from './sell-on-stop';
import { StorageHold } from './storage-hold';

export type { BotRuntimeDeps } from './bot-context';

export class BotRuntime {
  readonly repo: BotsRepo;
  readonly circuits: CircuitBreakers;
  private readonly ctx: BotContext;
  private readonly catalogue: BotCatalogue;
  private readonly scheduler: BotScheduler;
  private readonly supervisor: BotSupervisor;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(deps: BotRuntimeDeps) {
    const now = deps.now ?? Date.now;
    const kinds = deps.kinds ?? processBotKinds;
    this.repo = new BotsRepo(deps.db, now, deps.marketClock);
    const repo = this.repo;
    const events = new BotEvents(
      repo,
      deps.emit,
      (id) => {
        const record = repo.get(id);
        return record ? this.catalogue.view(record) : null;
      },
      undefined,
      now,
      deps.isMuted,
    );
    this.circuits = new CircuitBreakers(deps.circuitPolicy, now, (accountId) => {
      for (const bot of repo.list({ accountId })) events.touch(bot.id);
    });
    // The trading runtime's cache when given (createCore), so bots and the ticket read one copy of the rules.
    const rules = deps.markets ?? new MarketRulesCache({ forAccount: (accountId) => deps.orders.venue(accountId) }, now);
    const markets = new BotMarkets(deps.orders, rules, now);
    const stepDeps: StepDeps = {
      now,
      orders: deps.orders,
      repo,
      circuits: this.circuits,
      market: (accountId, symbol) => markets.market(accountId, symbol),
      price: (bot) => markets.price(bot),
      event: (id, level, text) => void events.log(id, level, text),
      notify: (id, level, title, body) => void events.notify(id, level, title, body),
      changed: (id) => events.touch(id),
      definiteRefusals: new Set(),
      storageHeld: (id) => hold.holds(id),
      requestStop: (id, reason, detail) => this.supervisor.requestStop(id, reason, detail),
    };
    const ctx = (this.ctx = new BotContext(deps, repo, events, this.circuits, kinds, markets, stepDeps, now));
    const hold = new StorageHold(ctx, (id) => this.scheduler.scheduleStep(id));
    this.catalogue = new BotCatalogue(ctx, { shown: (record) => hold.shown(record), forget: (id) => this.scheduler.closeFeed(id) });
    const guards = new RunGuards(ctx, (id, reason, detail) => this.supervisor.requestStop(id, reason, detail));
    this.scheduler = new BotScheduler(ctx, {
      guard: (step) => guards.afterStep(step),
      stepFailed: (record, error) => this.supervisor.stepFailed(record, error),
      requestStop: (id, reason, detail) => this.supervisor.requestStop(id, reason, detail),
      leftovers: () => this.supervisor.uncancelled,
      cancelLeftovers: (id) => this.supervisor.cancelLeftovers(id),
    });
    this.supervisor = new BotSupervisor(ctx, this.catalogue, this.scheduler, hold);
    this.unsubscribe.push(deps.orders.onChange((row) => this.supervisor.orderChanged(row)));
    this.unsubscribe.push(deps.accountService.onRevoked((accountId) => this.supervisor.accountRevoked(accountId)));
    this.unsubscribe.push(
      deps.storage.onChange((failure, previous) => {
        if (!this.scheduler.isClosed) hold.changed(failure, previous);
      }),
    );
  }

  // ---- lifecycle of the runtime ----------------------------------------------------------------

  startUp(reconciled: Promise<ReconcileOutcome[]>): Promise<BotReconciliation> {
    return this.supervisor.startUp(reconciled);
  }

  tick(): Promise<void> {
    return this.scheduler.tick();
  }

  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  async close(): Promise<void> {
    await this.scheduler.close();
    for (const off of this.unsubscribe) off();
    for (const record of this.repo.list({ states: ACTIVE_STATES })) this.scheduler.closeFeed(record.id);
    this.ctx.events.close();
  }

  // ---- catalogue -------------------------------------------------------------------------------

  list(): BotView[] {
    return this.catalogue.list();
  }

  /** A strategy bot's block output at its last closed bar (a Model block's prediction); undefined when it has no feed. */
  blockValue(id: string, nodeId: string, port: string): number | undefined {
    return this.scheduler.feed.value(id, nodeId, port);
  }

  async get(id: string, events = 200): Promise<BotDetail> {
    const detail = await this.catalogue.get(id, events);
    const record = this.repo.get(id);
    return { ...detail, models: record && this.scheduler.models ? this.scheduler.models.views(record) : [] };
  }

  /** Resolves when no model retrain of any bot is running (tests; shutdown waits for it too). */
  retrainsSettled(): Promise<void> {
    return this.scheduler.models?.settled() ?? Promise.resolve();
  }

  eventLog(id: string, limit: number, beforeSeq?: number): BotEvent[] {
    return this.catalogue.eventLog(id, limit, beforeSeq);
  }

  circuitStates(): CircuitState[] {
    return this.catalogue.circuitStates();
  }

  /** A notification not tied to a bot (a manual or smart-trade fill, an alert) into the same centre; null when its kind is muted. */
  notify(level: Notification['level'], title: string, body: string, kind?: string): Notification | null {
    return this.ctx.events.notify(null, level, title, body, kind);
  }

  notifications(limit = 100): Notification[] {
    return this.catalogue.notifications(limit);
  }

  validate(input: BotInput): Promise<ValidationResult> {
    return this.catalogue.validate(input);
  }

  create(input: BotInput): Promise<BotView> {
    return this.catalogue.create(input);
  }

  update(id: string, input: BotInput): Promise<BotView> {
    return this.catalogue.update(id, input);
  }

  duplicate(id: string, name?: string): BotView {
    return this.catalogue.duplicate(id, name);
  }

  delete(id: string): { deleted: boolean } {
    return this.catalogue.delete(id);
  }

  // ---- supervisor ------------------------------------------------------------------------------

  reconciliation(): BotReconciliation {
    return this.supervisor.reconciliation();
  }

  start(id: string, confirmed?: boolean, confirmationCode?: string): Promise<BotView> {
    return this.supervisor.start(id, confirmed, confirmationCode);
  }

  pause(id: string): Promise<BotView> {
    return this.supervisor.pause(id);
  }

  /**
   * Stops the bot. A stop by hand of a kind that holds coins (DCA, grid) says what became of them:
   * kept, or sold at market through the ledger (`holdings: 'sell'`); the event log and a notification say which.
   */
  async stop(id: string, reason: BotStopReason = 'manual', detail?: string, holdings?: StopHoldings): Promise<BotView> {
    const record = this.ctx.require(id);
    const offers = this.ctx.lifecycleOf(record).sellOnStop === true;
    if (holdings === 'sell' && !offers)
      throw new TradewindError(
        'invalid_input',
        `"${record.name}" is a ${record.kind} bot: it has no coins of its own to sell on stop; stop it without holdings.`,
      );
    const view = await this.supervisor.stop(id, reason, detail);
    if (!offers || holdings === undefined || record.run === 0) return view;
    const text = await settleHoldings(this.ctx, id, holdings);
    this.ctx.events.log(id, 'info', `Stopped: ${text}`);
    this.ctx.events.notify(id, 'info', `${record.name} stopped`, text);
    return this.catalogue.view(this.ctx.require(id));
  }

  /**
   * Hands a message from outside (an inbound signal) to a running bot on its serial queue: the
   * kind records what it will do, the state is saved, and the step right after places the orders,
   * so the answer says what became of them. Refused when the bot is not running or its kind takes
   * no messages.
   */
  deliver(
    id: string,
    message: unknown,
  ): Promise<MessageOutcome & { orders: Array<{ clientOrderId: string; status: string; error: string | null }> }> {
    return this.scheduler.enqueue(id, async () => {
      const record = this.ctx.require(id);
      const kind = this.ctx.kinds.get(record.kind);
      if (!kind.onMessage)
        return { accepted: false, message: `"${record.name}" is a ${record.kind} bot: it takes no signals.`, orders: [] };
      if (record.state !== 'running' || !record.kindState)
        return { accepted: false, message: `"${record.name}" is ${record.state}: start it to act on signals.`, orders: [] };
      const step = await this.ctx.step(id);
      const outcome = await kind.onMessage(step, message);
      if (!outcome.accepted) return { ...outcome, orders: [] };
      await this.scheduler.runStep(id);
      const after = await this.ctx.step(id);
      const orders = (outcome.roles ?? []).flatMap((role) => {
        const row = after.order(role);
        return row ? [{ clientOrderId: row.clientOrderId, status: row.status, error: row.error }] : [];
      });
      return { ...outcome, orders };
    });
  }

  killSwitch(): Promise<KillSwitchSummary> {
    return this.supervisor.killSwitch();
  }

  resolveOrphan(accountId: string, clientOrderId: string, action: 'adopt' | 'cancel'): Promise<Orphan> {
    return this.supervisor.resolveOrphan(accountId, clientOrderId, action);
  }
}
