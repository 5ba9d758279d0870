/**
 * The bots as a catalogue: settings (create, update, duplicate, delete), their checks, and the
 * views the UI reads (list, detail with the kind's levels and deals, event pages). Nothing here
 * runs a bot; the supervisor does.
 */
import { randomUUID } from 'node:crypto';
import { TradewindError } from '../../../shared/ipc/errors';
import type { BotDetail, BotEvent, BotInput, BotView, CircuitState, Notification } from '../../../shared/ipc/schemas/bots';
import type { MarketRules } from '../exchange/venue';
import type { BotContext } from './bot-context';
import { BotStep } from './bot-step';
import { validateBot, type ValidationResult } from './bot-validation';
import { botView } from './bot-views';
import type { BotRecord } from './bots-repo';

export interface CatalogueHooks {
  /** The record as it should be shown (a pause for storage not written yet is still a pause). */
  shown(record: BotRecord): BotRecord;
  /** A deleted bot's candle feed and watch are let go. */
  forget(id: string): void;
}

export class BotCatalogue {
  constructor(
    private readonly ctx: BotContext,
    private readonly hooks: CatalogueHooks,
  ) {}

  list(): BotView[] {
    return this.ctx.repo.list().map((r) => this.view(r));
  }

  async get(id: string, events = 200): Promise<BotDetail> {
    const { ctx } = this;
    const record = ctx.require(id);
    const step = new BotStep(ctx.stepDeps, id);
    await step.loadMarket().catch(() => {
      const [base, quote] = (record.symbol.split(':')[0] ?? record.symbol).split('/') as [string, string];
      step.rules = { symbol: record.symbol, base, quote } as MarketRules;
    });
    const st = record.kindState;
    const views = ctx.kinds.has(record.kind) ? ctx.kinds.get(record.kind).views : undefined;
    const allRows = ctx.deps.orders.repo.byOrigin(id).filter((r) => r.origin === 'bot');
    const position = record.run > 0 ? step.position() : { amount: 0, averagePrice: null };
    return {
      bot: this.view(record),
      levels: st && views?.levels ? views.levels(step, st, record.config) : [],
      deals: st && views?.deals ? views.deals(step, st) : [],
      position: { amount: position.amount, averagePrice: position.averagePrice },
      orders: allRows
        .slice(-200)
        .reverse()
        .map((r) => ctx.deps.orders.repo.view(r)),
      fills: step
        .trades(allRows)
        .sort((a, b) => b.seq - a.seq)
        .slice(0, 500),
      events: ctx.repo.events(id, events),
    };
  }

  /** A page of the bot's event log, newest first, older than `beforeSeq`. */
  eventLog(id: string, limit: number, beforeSeq?: number): BotEvent[] {
    this.ctx.require(id);
    return this.ctx.repo.events(id, limit, beforeSeq);
  }

  circuitStates(): CircuitState[] {
    const accounts = [...new Set(this.ctx.repo.list().map((b) => b.accountId))];
    return this.ctx.circuits.list(accounts);
  }

  notifications(limit = 100): Notification[] {
    return this.ctx.repo.notifications(limit);
  }

  validate(input: BotInput): Promise<ValidationResult> {
    const { deps } = this.ctx;
    return validateBot(
      {
        accountService: deps.accountService,
        account: (id) => deps.accounts.get(id),
        venue: (id) => deps.orders.venue(id),
        market: (id, symbol) => this.ctx.markets.market(id, symbol),
        source: deps.source,
        graph: deps.strategy,
        rateLimitMs: deps.rateLimitMs,
        kinds: this.ctx.kinds,
        signalSource: deps.signalSource,
        ...(deps.strategySignals ? { signalSources: deps.strategySignals.sources } : {}),
        ...(deps.onnx ? { onnx: deps.onnx } : {}),
        ...(deps.modelTraining ? { registry: deps.modelTraining.registry } : {}),
      },
      input,
    );
  }

  async assertValid(input: BotInput): Promise<void> {
    const { issues } = await this.validate(input);
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) throw new TradewindError('invalid_input', errors.map((i) => `${i.field}: ${i.message}`).join(' '));
  }

  async create(input: BotInput): Promise<BotView> {
    await this.assertValid(input);
    const record = this.ctx.repo.insert({
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
    this.ctx.events.log(record.id, 'info', `Created ${record.kind} bot on ${record.symbol} (${record.mode}).`);
    return this.view(record);
  }

  async update(id: string, input: BotInput): Promise<BotView> {
    const record = this.ctx.require(id);
    if (record.state !== 'stopped' && record.state !== 'error') {
      throw new TradewindError(
        'invalid_input',
        `"${record.name}" is ${record.state}; settings can be changed only while it is stopped. Stop it first.`,
      );
    }
    if (input.config.kind !== record.kind)
      throw new TradewindError(
        'invalid_input',
        `A ${record.kind} bot cannot become a ${input.config.kind} bot; duplicate it or create a new one.`,
      );
    await this.assertValid(input);
    const saved = this.ctx.repo.save({
      ...record,
      name: input.name === record.name ? record.name : this.freeName(input.name, id),
      accountId: input.accountId,
      symbol: input.symbol,
      timeframe: input.timeframe,
      mode: input.mode,
      config: input.config,
      risk: input.risk,
    });
    this.ctx.events.log(id, 'info', 'Settings changed.');
    return this.view(saved);
  }

  duplicate(id: string, name?: string): BotView {
    const source = this.ctx.require(id);
    const record = this.ctx.repo.insert({
      ...source,
      id: `bot_${randomUUID()}`,
      name: this.freeName(name ?? `${source.name} copy`),
      ...this.neverRun(),
    });
    this.ctx.events.log(record.id, 'info', `Duplicated from "${source.name}".`);
    return this.view(record);
  }

  delete(id: string): { deleted: boolean } {
    const record = this.ctx.require(id);
    if (record.state !== 'stopped' && record.state !== 'error') {
      throw new TradewindError('invalid_input', `"${record.name}" is ${record.state}; stop it before deleting it.`);
    }
    const deleted = this.ctx.repo.delete(id);
    this.ctx.events.forget(id);
    this.hooks.forget(id);
    if (deleted) this.ctx.deps.emit('bots.deleted', { ids: [id] });
    return { deleted };
  }

  view(stored: BotRecord): BotView {
    const { ctx } = this;
    return botView(
      {
        repo: ctx.repo,
        orders: ctx.deps.orders.repo,
        accounts: ctx.deps.accounts,
        kinds: ctx.kinds,
        circuit: (a) => ctx.circuits.view(a),
        lastPrice: (id) => ctx.markets.lastPrice(id),
      },
      this.hooks.shown(stored),
    );
  }

  inputOf(record: BotRecord): BotInput {
    const { name, accountId, symbol, timeframe, mode, config, risk } = record;
    return { name, accountId, symbol, timeframe, mode, config, risk };
  }

  /** The run fields of a bot that has never run: stopped, no kind state, no PnL, created now. */
  private neverRun() {
    return {
      state: 'stopped',
      stopReason: null,
      stopDetail: null,
      kindState: null,
      run: 0,
      realisedPnl: 0,
      createdAt: this.ctx.now(),
      startedAt: null,
      stoppedAt: null,
    } as const;
  }

  private freeName(name: string, exceptId?: string): string {
    if (!this.ctx.repo.nameTaken(name, exceptId)) return name;
    for (let n = 2; ; n++) if (!this.ctx.repo.nameTaken(`${name} ${n}`, exceptId)) return `${name} ${n}`;
  }
}
