/**
 * The bots' lifecycle: every bot is a persistent state machine (stopped → running ⇄ paused →
 * stopping → stopped). The supervisor starts, pauses, stops and kill-switches bots, resumes them
 * after a restart once the ledger is reconciled, applies the guards and the circuit breaker, and
 * carries out what the bot's kind says to do on a stop or a revoked key. It knows no kind by name.
 */
import { TradewindError } from '../../../shared/ipc/errors';
import type { BotReconciliation, BotStopReason, BotView, KillSwitchSummary, Orphan } from '../../../shared/ipc/schemas/bots';
import { isFinal, isOpen } from '../orders/order-state';
import type { OrderRow } from '../orders/orders-repo';
import type { ReconcileOutcome } from '../orders/reconcile';
import type { BotCatalogue } from './bot-catalogue';
import { ACTIVE_STATES, message, type BotContext } from './bot-context';
import { buildReconciliation, resolveOrphan } from './bot-reconciliation';
import type { BotScheduler } from './bot-scheduler';
import type { BotRecord } from './bots-repo';
import { isExchangeFailure } from './circuit-breaker';
import { confirmLiveStart } from './live-start';
import { dayStart } from './run-guards';
import type { StorageHold } from './storage-hold';

export class BotSupervisor {
  /** Stopped bots that still have orders working (a cancel failed): retried on each tick. */
  readonly uncancelled = new Set<string>();
  private report: BotReconciliation = { at: null, accounts: [], orphans: [], resumed: [] };

  constructor(
    private readonly ctx: BotContext,
    private readonly catalogue: BotCatalogue,
    private readonly scheduler: BotScheduler,
    private readonly hold: StorageHold,
  ) {}

  /**
   * Start-up: once the ledger's reconciliation has settled, builds the report (emitted as
   * `bots.reconciliation`), then resumes the bots that were running or paused and finishes
   * the stops a crash interrupted.
   */
  async startUp(reconciled: Promise<ReconcileOutcome[]>): Promise<BotReconciliation> {
    const { ctx, scheduler } = this;
    const reports = await reconciled.catch((error: unknown) => {
      ctx.deps.log(`bots: reconciliation failed: ${message(error)}`);
      return [] as ReconcileOutcome[];
    });
    if (scheduler.isClosed) return this.report; // core closed while the ledger was reconciling
    // Stopped bots whose cancels did not all go through before the restart finish them now.
    for (const record of ctx.repo.list({ states: ['stopped', 'error'] }))
      if (ctx.lifecycleOf(record).stop === 'cancel_orders' && ctx.workingOrders(record.id).length > 0) this.uncancelled.add(record.id);
    const active = ctx.repo.list({ states: ACTIVE_STATES });
    for (const record of active.filter((r) => r.state === 'stopping')) void scheduler.enqueue(record.id, () => this.finishStop(record.id));
    // Bots resume side by side: a slow exchange delays only its own bots.
    const resuming = active.filter((r) => r.state !== 'stopping');
    await Promise.all(resuming.map((record) => scheduler.enqueue(record.id, () => this.resume(record.id))));
    const resumed = resuming
      .map((r) => r.id)
      .filter((id) => {
        const state = ctx.repo.get(id)?.state;
        return state === 'running' || state === 'paused';
      });
    // Bots a previous run paused because it could not write resume once this one can.
    if (ctx.deps.storage.probe()) this.hold.resume(null);
    this.report = buildReconciliation({
      reports,
      accounts: ctx.deps.accounts,
      orders: ctx.deps.orders.repo,
      bots: ctx.repo,
      resumed,
      now: ctx.now,
    });
    ctx.deps.emit('bots.reconciliation', this.report);
    scheduler.startTicking(ctx.deps.tickMs ?? 1_000);
    return this.report;
  }

  reconciliation(): BotReconciliation {
    return this.report;
  }

  /**
   * `confirmed` is the caller's request (the renderer showed account, market and capital); a live
   * start also needs the host's trusted confirmation (`confirmationCode` on the headless host).
   */
  async start(id: string, confirmed?: boolean, confirmationCode?: string): Promise<BotView> {
    const { ctx, catalogue, scheduler } = this;
    const record = ctx.require(id);
    if (record.state === 'running') throw new TradewindError('invalid_input', `"${record.name}" is already running.`);
    if (record.state === 'stopping')
      throw new TradewindError('invalid_input', `"${record.name}" is still cancelling its orders; start it once it has stopped.`);
    if (record.mode === 'live') await confirmLiveStart(ctx, catalogue, record, confirmed, confirmationCode);
    ctx.deps.audit?.append(
      'bot.started',
      `${record.state === 'paused' ? 'Resumed' : 'Started'} ${record.mode} bot "${record.name}" (${record.symbol})`,
      record.accountId,
    );
    if (record.state === 'paused') {
      await scheduler.enqueue(id, async () => {
        ctx.setState(id, { state: 'running', stopReason: null, stopDetail: null });
        ctx.events.log(id, 'info', 'Resumed.');
        ctx.events.notify(
          id,
          'info',
          `${record.name} resumed`,
          `${record.mode === 'live' ? 'Live' : 'Paper'} bot on ${record.symbol}.`,
          'bot.started',
        );
        await scheduler.runStep(id);
      });
      return catalogue.view(ctx.require(id));
    }
    const leftovers = ctx.workingOrders(id).length;
    if (leftovers > 0) {
      throw new TradewindError(
        'invalid_input',
        `"${record.name}" still has ${leftovers} order(s) working from its last run (their cancels are being retried); start it once they are cancelled, or cancel them from the orders panel.`,
      );
    }
    await catalogue.assertValid(catalogue.inputOf(record));
    await scheduler.enqueue(id, async () => {
      const fresh = ctx.require(id);
      const run = fresh.run + 1;
      ctx.repo.save({
        ...fresh,
        run,
        state: 'running',
        stopReason: null,
        stopDetail: null,
        startedAt: ctx.now(),
        stoppedAt: null,
        kindState: null,
      });
      try {
        await this.planRun(id);
        await scheduler.openFeed(id);
      } catch (error) {
        scheduler.closeFeed(id);
        ctx.repo.save({ ...ctx.require(id), state: 'stopped', stopReason: 'error', stopDetail: message(error), stoppedAt: ctx.now() });
        ctx.events.log(id, 'error', `Could not start: ${message(error)}`);
        throw error;
      }
      ctx.events.log(id, 'info', `Started (run ${run}).`);
      ctx.events.notify(
        id,
        'info',
        `${record.name} started`,
        `${record.mode === 'live' ? 'Live' : 'Paper'} bot on ${record.symbol}, run ${run}.`,
        'bot.started',
      );
      await scheduler.runStep(id);
    });
    return catalogue.view(ctx.require(id));
  }

  async pause(id: string): Promise<BotView> {
    const record = this.ctx.require(id);
    if (record.state !== 'running')
      throw new TradewindError('invalid_input', `"${record.name}" is ${record.state}; only a running bot can be paused.`);
    this.ctx.setState(id, { state: 'paused' });
    this.ctx.events.log(id, 'info', 'Paused: its orders stay, no new ones are placed.');
    return this.catalogue.view(this.ctx.require(id));
  }

  /** Stops the bot and (as its kind says) cancels its open orders; returns once the cancels were tried. */
  async stop(id: string, reason: BotStopReason = 'manual', detail?: string): Promise<BotView> {
    const record = this.ctx.require(id);
    if (record.state === 'stopped' || record.state === 'error') {
      if (reason === 'manual') throw new TradewindError('invalid_input', `"${record.name}" is already stopped.`);
      return this.catalogue.view(record);
    }
    this.markStopping(record, reason, detail ?? (reason === 'manual' ? 'Stopped by hand.' : null));
    await this.scheduler.enqueue(id, () => this.finishStop(id));
    return this.catalogue.view(this.ctx.require(id));
  }

  async killSwitch(): Promise<KillSwitchSummary> {
    const { ctx } = this;
    const at = ctx.now();
    const bots = ctx.repo.list({ states: ACTIVE_STATES });
    // Every bot is marked first, so none places another order while the others are cancelling.
    for (const record of bots) if (record.state !== 'stopping') this.markStopping(record, 'kill_switch', 'Stopped by the kill switch.');
    const results = await Promise.all(bots.map((record) => this.scheduler.enqueue(record.id, () => this.finishStop(record.id))));
    const summary: KillSwitchSummary = {
      at,
      botsStopped: bots.length,
      ordersCancelled: results.reduce((sum, r) => sum + r.cancelled, 0),
      failures: results.flatMap((r) => r.failures),
    };
    ctx.deps.audit?.append(
      'bots.kill_switch',
      `Kill switch: ${summary.botsStopped} bot(s) stopped, ${summary.ordersCancelled} order(s) cancelled, ${summary.failures.length} failure(s)`,
    );
    ctx.events.notify(
      null,
      summary.failures.length > 0 ? 'error' : 'warning',
      'Kill switch',
      `${summary.botsStopped} bot(s) stopped, ${summary.ordersCancelled} order(s) cancelled${summary.failures.length ? `, ${summary.failures.length} failure(s)` : ''}.`,
      'kill_switch',
    );
    return summary;
  }

  resolveOrphan(accountId: string, clientOrderId: string, action: 'adopt' | 'cancel'): Promise<Orphan> {
    return resolveOrphan({ report: this.report, orders: this.ctx.deps.orders, bots: this.ctx.repo }, accountId, clientOrderId, action);
  }

  stepFailed(record: BotRecord, error: unknown): void {
    if (this.ctx.deps.storage.noteFailure(error)) return; // the bots are paused with one notification, not a warning per step
    if (isExchangeFailure(error)) this.ctx.circuits.failure(record.accountId, error);
    this.ctx.events.log(record.id, 'warning', `Step failed: ${message(error)}`);
  }

  /** A stop decided inside a step (guard, bound, refusal): marked now, carried out after the step. */
  requestStop(id: string, reason: BotStopReason, detail: string): void {
    const record = this.ctx.repo.get(id);
    if (!record || record.state === 'stopped' || record.state === 'stopping' || record.state === 'error') return;
    this.markStopping(record, reason, detail);
    void this.scheduler
      .enqueue(id, () => this.finishStop(id))
      .catch((error: unknown) => this.ctx.deps.log(`bots: stopping ${id} failed: ${message(error)}`));
  }

  /** Fills move bots; an order that a stopped bot still had working when it stopped is cancelled when it surfaces. */
  orderChanged(row: OrderRow): void {
    if (row.origin !== 'bot' || !row.originId || this.scheduler.isClosed) return;
    const id = row.originId;
    const record = this.ctx.repo.get(id);
    if (!record) return;
    this.ctx.events.touch(id);
    if (record.state === 'running' || record.state === 'paused') {
      void this.scheduler.scheduleStep(id);
    } else if (
      (record.state === 'stopped' || record.state === 'error') &&
      isOpen(row.status) &&
      this.ctx.lifecycleOf(record).stop === 'cancel_orders'
    ) {
      // An order the stop could not cancel (its outcome was still unknown) has surfaced: cancel it now.
      this.uncancelled.add(id);
      void this.scheduler.enqueue(id, () => this.cancelLeftovers(id));
    }
  }

  /**
   * An emergency revoke: with the key gone nothing can be sent or cancelled. A kind that pauses
   * (all built-in ones) carries on with the same run and orders once a new key is added and the
   * bot resumed (a stop and a fresh start would abandon them); one that stops, stops.
   */
  accountRevoked(accountId: string): void {
    const { ctx } = this;
    const detail =
      "The account's API key was revoked. Its orders stay on the exchange: add a new key in Accounts, then resume the bot (or stop it to cancel them).";
    for (const record of ctx.repo.list({ accountId, states: ['running'] })) {
      if (ctx.lifecycleOf(record).revoke === 'stop') {
        this.requestStop(record.id, 'key_revoked', "The account's API key was revoked; add a new key in Accounts to cancel its orders.");
        continue;
      }
      void this.scheduler
        .enqueue(record.id, async () => {
          if (ctx.require(record.id).state !== 'running') return;
          ctx.setState(record.id, { state: 'paused', stopReason: 'key_revoked', stopDetail: detail });
          ctx.events.log(record.id, 'warning', `Paused: ${detail}`);
          ctx.events.notify(record.id, 'warning', `${record.name} paused`, detail);
        })
        .catch((error: unknown) => ctx.deps.log(`bots: pausing ${record.id} failed: ${message(error)}`));
    }
  }

  private markStopping(record: BotRecord, reason: BotStopReason, detail: string | null): void {
    this.ctx.repo.save({ ...record, state: 'stopping', stopReason: reason, stopDetail: detail });
    this.ctx.deps.audit?.append(
      'bot.stopped',
      `Stopping ${record.mode} bot "${record.name}" (${record.symbol}): ${reason}${detail ? ` — ${detail}` : ''}`,
      record.accountId,
    );
    this.ctx.events.touch(record.id);
  }

  /** Cancels every order the bot still has working (unless its kind leaves them on a stop) and records the stop. */
  private async finishStop(id: string): Promise<{ cancelled: number; failures: KillSwitchSummary['failures'] }> {
    const { ctx } = this;
    const record = ctx.repo.get(id);
    if (!record || record.state !== 'stopping') return { cancelled: 0, failures: [] };
    let cancelled = 0;
    const failures: KillSwitchSummary['failures'] = [];
    const reason = record.stopReason ?? 'manual';
    const leave = reason !== 'kill_switch' && ctx.lifecycleOf(record).stop === 'leave_orders';
    for (const row of leave ? [] : ctx.workingOrders(id)) {
      try {
        const after = await ctx.deps.orders.cancel(row.accountId, row.clientOrderId);
        if (after.status === 'cancelled') cancelled++;
      } catch (error) {
        const after = ctx.deps.orders.repo.get(row.accountId, row.clientOrderId);
        if (after && isFinal(after.status)) continue;
        failures.push({ botId: id, clientOrderId: row.clientOrderId, message: message(error) });
      }
    }
    this.scheduler.closeFeed(id);
    if (failures.length > 0) this.uncancelled.add(id);
    const failed = failures.length > 0 ? ` ${failures.length} order(s) could not be cancelled yet: ${failures[0]!.message}` : '';
    const state = reason === 'error' || reason === 'no_trade_rights' ? 'error' : 'stopped';
    ctx.repo.save({ ...ctx.require(id), state, stoppedAt: ctx.now(), stopDetail: `${record.stopDetail ?? ''}${failed}`.trim() || null });
    const text = `Stopped (${reason.replace('_', ' ')})${record.stopDetail ? `: ${record.stopDetail}` : ''}; ${cancelled} order(s) cancelled.${failed}`;
    ctx.events.log(id, reason === 'manual' ? 'info' : reason === 'error' ? 'error' : 'warning', text);
    if (reason !== 'manual' && reason !== 'kill_switch')
      ctx.events.notify(
        id,
        reason === 'error' ? 'error' : 'warning',
        `${record.name} stopped`,
        text,
        reason === 'error' ? 'bot.error' : 'bot.stopped',
      );
    return { cancelled, failures };
  }

  /** Retries the cancels a stop could not finish (exchange down, outcome still being looked up) on each tick. */
  async cancelLeftovers(id: string): Promise<void> {
    const { ctx } = this;
    const record = ctx.repo.get(id);
    if (!record || (record.state !== 'stopped' && record.state !== 'error')) {
      this.uncancelled.delete(id);
      return;
    }
    if (!ctx.circuits.allow(record.accountId)) return;
    for (const row of ctx.workingOrders(id)) {
      try {
        const after = await ctx.deps.orders.cancel(row.accountId, row.clientOrderId);
        if (after.status === 'cancelled') ctx.events.log(id, 'info', `Cancelled ${row.clientOrderId}, left working when the bot stopped.`);
        ctx.circuits.success(record.accountId);
      } catch (error) {
        if (isExchangeFailure(error)) ctx.circuits.failure(record.accountId, error);
        return;
      }
    }
    if (ctx.workingOrders(id).length === 0) this.uncancelled.delete(id);
  }

  private async resume(id: string): Promise<void> {
    const { ctx, scheduler } = this;
    if (!ctx.require(id).kindState) {
      // Killed between recording the start and saving the plan: nothing of this run was sent yet.
      try {
        await this.planRun(id);
      } catch (error) {
        this.requestStop(id, 'error', `Could not resume: ${message(error)}`);
        return;
      }
    }
    const missed = await scheduler.reopenFeed(id);
    if (missed === null) return;
    if (missed.length > 0) ctx.events.log(id, 'info', `Catching up ${missed.length} candle(s) closed while Tradewind was not running.`);
    for (const bar of missed) await scheduler.onBar(id, bar);
    ctx.events.log(id, 'info', 'Resumed after start-up.');
    await scheduler.runStep(id);
  }

  /** The new run's plan (the kind's initial state, e.g. grid levels at the current price), saved before any of its orders is sent. */
  private async planRun(id: string): Promise<void> {
    const step = await this.ctx.step(id);
    const kindState = await this.ctx.kinds.get(step.bot.kind).initialState(step);
    kindState.day = { start: dayStart(this.ctx.now()), realised: step.bot.realisedPnl, unrealised: 0 };
    step.bot.kindState = kindState;
    step.save();
  }
}
