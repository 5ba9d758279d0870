import { asAmount, asPrice, type Amount } from '../../../shared/domain/types';
import { randomUUID } from 'node:crypto';
import { TradewindError } from '../../../shared/ipc/errors';
import type { BracketInput, BracketStatus, BracketView, TicketIssue } from '../../../shared/ipc/schemas/orders';
import type { AccountService } from '../accounts/account-service';
import type { AuditLog } from '../audit/audit-log';
import type { TradingEvents } from '../orders/order-events';
import type { OrderService } from '../orders/order-service';
import { isFinal, isOpen } from '../orders/order-state';
import type { OrderRow } from '../orders/orders-repo';
import { MarketRulesCache } from '../exchange/market-rules-cache';
import type { MarketRules, Precision, PriceObservation } from '../exchange/venue';
import { effectiveStop, exitSideOf, nextExtreme, resolveLevel, splitTargets, stopHit } from './bracket-math';
import { applyEdit, level, type BracketUpdate } from './bracket-edit';
import { executedOcoStop, hasNativeOco, liveOcoStop, OCO_STOP_ROLE, ocoCandidate, ocoStopFilledNote, placeOcoExit } from './bracket-oco';
import { checkStop, checkTargets, type TargetSpec } from './bracket-validation';
import { CLOSE_ROLE, ENTRY_ROLE, targetRole } from '../orders/origin-roles';
import { bookOf, bracketView, type BracketBook } from './bracket-view';
import { ACTIVE_BRACKET_STATUSES, type BracketRecord, type BracketsRepo, type StoredTarget } from './brackets-repo';
import { formatNumber } from '../exchange/precision';
import { orderAmount, refusal, TicketService } from './ticket-service';
import { KeyedSerialQueue } from '../kit/keyed-serial-queue';

export interface BracketManagerDeps {
  repo: BracketsRepo;
  orders: OrderService;
  tickets: TicketService;
  accountService: AccountService;
  events: TradingEvents;
  log: (line: string) => void;
  /** Where native OCO placements are recorded for live accounts (single orders are audited by the ledger). */
  audit?: AuditLog | undefined;
  /** Market rules and rounding per account (shared with whoever else sizes orders); default: a cache of its own over the ledger's venues. */
  markets?: MarketRulesCache;
}

const MAX_CLOSE_ATTEMPTS = 3;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Bracket ("smart") trades: an entry, up to five take-profit targets, a stop-loss and a trailing
 * stop, managed by core. Targets rest on the venue as limit orders; the stop and the trailing
 * stop are watched here against the venue's own prices, and when reached the targets are
 * cancelled and the rest is closed at market. Where the exchange holds OCO lists and the exits
 * are one target plus a stop, both are placed as one native OCO instead (bracket-oco.ts).
 * Everything goes through the order ledger, and the position is always derived from the
 * recorded fills, so a restart or an edit never loses track.
 * Work on one bracket is serialised; brackets do not wait on each other.
 */
export class BracketManager {
  private readonly queue = new KeyedSerialQueue();
  private readonly markets: MarketRulesCache;
  private readonly lastPrices = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: BracketManagerDeps) {
    this.markets = deps.markets ?? new MarketRulesCache({ forAccount: (accountId) => deps.orders.venue(accountId) });
    this.unsubscribe = deps.orders.onChange((row) => {
      if (row.origin === 'bracket' && row.originId) void this.queue.run(row.originId, () => this.step(row.originId as string));
    });
  }

  /** Picks up every active bracket after a restart (orders were reconciled first). */
  start(): void {
    for (const record of this.deps.repo.list({ statuses: ACTIVE_BRACKET_STATUSES }))
      void this.queue.run(record.id, () => this.step(record.id));
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** Resolves when no bracket work is queued (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  list(query: { accountId?: string | undefined; symbol?: string | undefined; active?: boolean | undefined }): BracketView[] {
    const statuses: readonly BracketStatus[] | undefined =
      query.active === undefined ? undefined : query.active ? ACTIVE_BRACKET_STATUSES : ['closed', 'cancelled'];
    return this.deps.repo
      .list({ accountId: query.accountId, symbol: query.symbol, ...(statuses ? { statuses } : {}) })
      .map((r) => this.view(r));
  }

  get(id: string): BracketView {
    return this.view(this.require(id));
  }

  /** Accounts and symbols whose prices the brackets need watched (stops, trailing). */
  interests(): Array<{ accountId: string; symbol: string }> {
    return this.deps.repo.list({ statuses: ['open_position'] }).map((r) => ({ accountId: r.accountId, symbol: r.symbol }));
  }

  async place(input: BracketInput): Promise<BracketView> {
    this.deps.accountService.assertCanTrade(input.accountId);
    const inputs = await this.deps.tickets.inputs(input.accountId, input.symbol);
    const evaluation = this.deps.tickets.evaluate(
      { side: input.side, type: input.entry.type, size: input.size, price: input.entry.price },
      inputs,
    );
    const issues: TicketIssue[] = [...evaluation.issues];
    const targets: TargetSpec[] = input.targets.map((t) => ({ ...level(t), share: t.share }));
    const stopLoss = input.stopLoss ? level(input.stopLoss) : null;
    if (targets.length === 0 && !stopLoss && !input.trailing) {
      issues.push({
        field: 'targets',
        rule: 'no_exit',
        message: 'A bracket needs at least one take-profit target, a stop-loss or a trailing stop.',
      });
    }
    const entryPrice = evaluation.price ?? evaluation.referencePrice;
    if (evaluation.amount && evaluation.amount > 0 && entryPrice !== null) {
      const held = input.side === 'buy' ? (evaluation.receive?.amount ?? evaluation.amount) : evaluation.amount;
      const check = {
        side: input.side,
        rules: inputs.rules,
        precision: inputs.precision,
        entryPrice,
        held,
        settledShare: 0,
        currentPrice: null,
      };
      issues.push(...checkTargets(targets, check), ...checkStop(stopLoss, check));
    }
    if (issues.length > 0) throw refusal(issues);
    TicketService.assertConfirmed(inputs, input.confirmed);

    const id = `br-${randomUUID()}`;
    this.deps.repo.insert({
      id,
      accountId: inputs.account.id,
      symbol: input.symbol,
      side: input.side,
      status: 'pending_entry',
      plan: {
        amount: evaluation.amount as number,
        entry: { type: input.entry.type, price: evaluation.price },
        stopLoss,
        trailing: input.trailing ?? null,
      },
      state: {
        base: inputs.rules.base,
        quote: inputs.rules.quote,
        targets: targets.map((t, i) => ({ ...t, key: i + 1, status: 'waiting', clientOrderId: null, amount: null })),
        targetKeys: targets.length,
        stopPrice: stopLoss?.price ?? null,
        extreme: null,
        closeReason: null,
        closeAttempts: 0,
        message: null,
      },
    });
    this.emit(id);
    await this.queue.run(id, async () => {
      try {
        await this.deps.orders.submit({
          accountId: inputs.account.id,
          symbol: input.symbol,
          side: input.side,
          type: input.entry.type,
          amount: orderAmount(evaluation),
          price: input.entry.type === 'limit' ? evaluation.price : null,
          stopPrice: null,
          origin: 'bracket',
          originId: id,
          originRole: ENTRY_ROLE,
        });
      } catch (error) {
        this.finish(this.require(id), 'cancelled', 'failed', `The entry order was refused: ${message(error)}`);
        throw error;
      }
      await this.step(id);
    });
    return this.get(id);
  }

  async update(input: BracketUpdate): Promise<BracketView> {
    await this.queue.run(input.bracketId, () => this.applyUpdate(input));
    return this.get(input.bracketId);
  }

  /** Cancels what is still working and closes the rest of the position at market. */
  async close(id: string): Promise<BracketView> {
    await this.queue.run(id, async () => {
      const record = this.require(id);
      if (record.status === 'closed' || record.status === 'cancelled')
        throw new TradewindError('invalid_order', `The bracket is already ${record.status}.`);
      if (record.status === 'closing') return;
      record.state.closeReason = 'manual';
      record.state.message = 'Closed by hand.';
      if (record.status === 'pending_entry') {
        this.save(record);
        const { entry } = bookOf(record, this.deps.orders.repo);
        if (entry && !isFinal(entry.status)) await this.deps.orders.cancel(entry.accountId, entry.clientOrderId);
      } else {
        record.status = 'closing';
        this.save(record);
      }
      await this.step(id);
    });
    return this.get(id);
  }

  /** Checks stops and moves trailing extremes with a traded range of the venue's prices. */
  async onObservation(accountIds: ReadonlySet<string>, symbol: string, range: PriceObservation): Promise<void> {
    const due = this.deps.repo.list({ symbol, statuses: ['open_position'] }).filter((r) => accountIds.has(r.accountId));
    await Promise.all(
      due.map((record) => {
        this.lastPrices.set(`${record.accountId}|${symbol}`, range.last);
        return this.queue
          .run(record.id, () => this.checkStop(record.id, range))
          .catch((error: unknown) => this.deps.log(`bracket ${record.id}: ${message(error)}`));
      }),
    );
  }

  // ---- internals --------------------------------------------------------------------------------

  private require(id: string): BracketRecord {
    const record = this.deps.repo.get(id);
    if (!record) throw new TradewindError('not_found', `No bracket with id "${id}".`);
    return record;
  }

  private view(record: BracketRecord): BracketView {
    return bracketView(record, bookOf(record, this.deps.orders.repo));
  }

  private save(record: BracketRecord): BracketRecord {
    const saved = this.deps.repo.save(record);
    this.deps.events.bracket(this.view(saved));
    return saved;
  }

  private emit(id: string): void {
    this.deps.events.bracket(this.get(id));
  }

  private finish(
    record: BracketRecord,
    status: 'closed' | 'cancelled',
    reason: NonNullable<BracketRecord['state']['closeReason']>,
    note: string | null,
  ): void {
    record.status = status;
    record.state.closeReason = record.state.closeReason === 'manual' && reason !== 'failed' ? 'manual' : reason;
    if (note) record.state.message = note;
    this.save(record);
  }

  private async market(record: BracketRecord): Promise<{ rules: MarketRules; precision: Precision }> {
    return this.markets.market(record.accountId, record.symbol);
  }

  private isDust(amount: number, price: number, rules: MarketRules): boolean {
    return (
      amount <= 0 || (rules.minAmount !== null && amount < rules.minAmount) || (rules.minCost !== null && amount * price < rules.minCost)
    );
  }

  /** Advances one bracket from what the ledger says about its orders. */
  private async step(id: string): Promise<void> {
    let record = this.require(id);
    if (record.status === 'closed' || record.status === 'cancelled') return;
    if (record.status === 'pending_entry') {
      const book = bookOf(record, this.deps.orders.repo);
      const { entry } = book;
      if (!entry || !isFinal(entry.status)) return;
      if (entry.filled <= 0) {
        const reason = entry.status === 'cancelled' ? 'cancelled' : 'failed';
        this.finish(
          record,
          'cancelled',
          reason,
          record.state.closeReason === 'manual'
            ? 'Cancelled by hand before the entry filled.'
            : (entry.error ?? `The entry order was ${entry.status}.`),
        );
        return;
      }
      record = await this.openPosition(record, book);
    }
    if (record.status === 'open_position') record = await this.manageExits(record);
    if (record.status === 'closing') await this.manageClose(record);
  }

  /** The entry is done: %-levels are resolved from the filled average, and the trailing stop starts from it. */
  private async openPosition(record: BracketRecord, book: BracketBook): Promise<BracketRecord> {
    const { precision } = await this.market(record);
    const average = book.entry?.averagePrice ?? book.figures.entryAverage ?? 0;
    for (const target of record.state.targets) target.price ??= resolveLevel(target, average, record.side, 'target', precision);
    if (record.plan.stopLoss) record.state.stopPrice = resolveLevel(record.plan.stopLoss, average, record.side, 'stop', precision);
    record.state.extreme = average;
    record.status = record.state.closeReason === 'manual' ? 'closing' : 'open_position';
    return this.save(record);
  }

  /** Keeps each target's status in line with its order (and recovers an order id lost in a crash). */
  private syncTargets(record: BracketRecord, rows: OrderRow[]): void {
    record.state.targets.forEach((target, index) => {
      const ofTarget = rows.filter((r) => r.originRole === targetRole(target.key));
      if (target.status === 'open' && target.clientOrderId === null) {
        const latest = ofTarget[ofTarget.length - 1];
        if (latest) target.clientOrderId = latest.clientOrderId;
        else target.status = 'waiting';
      }
      const order = target.clientOrderId ? ofTarget.find((r) => r.clientOrderId === target.clientOrderId) : undefined;
      if (!order || target.status !== 'open') return;
      if (order.status === 'filled') target.status = 'filled';
      else if (order.status === 'cancelled') {
        target.status = 'cancelled';
        record.state.message = `Target ${index + 1} was cancelled outside the bracket.`;
      } else if (order.status === 'rejected' || order.status === 'failed' || order.status === 'expired') {
        target.status = 'failed';
        record.state.message = `Target ${index + 1}: ${order.error ?? `the order ${order.status}`}`;
      }
    });
  }

  private async manageExits(record: BracketRecord): Promise<BracketRecord> {
    const { rules } = await this.market(record);
    const book = bookOf(record, this.deps.orders.repo);
    const stopExecuted = this.syncOcoStop(record, book.rows);
    this.syncTargets(record, book.rows);
    const inFlight = book.exits.filter((r) => !isFinal(r.status));
    const price = this.lastPrices.get(`${record.accountId}|${record.symbol}`) ?? book.figures.entryAverage ?? 0;
    if (inFlight.length === 0 && this.isDust(book.figures.position, price, rules)) {
      if (stopExecuted) {
        this.finish(record, 'closed', 'stop_loss', null);
        return record;
      }
      if (record.state.targets.some((t) => t.status === 'filled')) {
        this.finish(record, 'closed', 'targets', null);
        return record;
      }
    }
    const waiting = record.state.targets.map((t, index) => ({ t, index })).filter(({ t }) => t.status === 'waiting');
    // A replaced OCO must be gone before its successor is sent: both would hold the same funds.
    if (waiting.length === 0 || liveOcoStop(book.rows)) return this.save(record);
    const reserved = inFlight.filter((r) => r.originRole?.startsWith('target:')).reduce((sum, r) => sum + (r.amount - r.filled), 0);
    const amounts = splitTargets(
      book.figures.entryUnits,
      book.figures.position - reserved,
      waiting.map(({ t }) => t.share),
      rules.amountStep,
      true,
    );
    const oco = ocoCandidate(record, book.rows);
    for (const [k, { t, index }] of waiting.entries()) {
      if (t === oco && (await this.placeOco(record, t, amounts[k] ?? 0, rules))) continue;
      await this.placeTarget(record, t, index, amounts[k] ?? asAmount(0), rules);
    }
    return this.save(record);
  }

  /**
   * Sends target and stop as one native OCO when the venue holds them. False when the exits stay
   * with core: the venue has no OCO for this market, the amount is below the minimum (placeTarget
   * says so), or the exchange refused the list.
   */
  private async placeOco(record: BracketRecord, target: StoredTarget, amount: number, rules: MarketRules): Promise<boolean> {
    const venue = this.deps.orders.venue(record.accountId);
    if (!hasNativeOco(venue) || this.isDust(amount, target.price as number, rules)) return false;
    const supported = await venue.supportsNativeOco(record.symbol).catch((error: unknown) => {
      this.deps.log(`bracket ${record.id}: OCO support unknown (${message(error)}); exits stay with Tradewind`);
      return false;
    });
    if (!supported) return false;
    try {
      this.deps.accountService.assertCanTrade(record.accountId);
    } catch {
      return false; // the single-order path refuses it with the reason, like any target
    }
    const outcome = await placeOcoExit(
      { orders: this.deps.orders, audit: this.deps.audit, log: this.deps.log, save: (r) => this.save(r) },
      venue,
      record,
      target,
      amount,
    );
    if (outcome.placed) {
      record.state.message = `Take-profit and stop-loss rest on ${venue.exchangeName} as one OCO order.`;
      return true;
    }
    record.state.message = `${venue.exchangeName} refused the OCO (${outcome.reason}); Tradewind manages the exits instead.`;
    return false;
  }

  /**
   * An OCO stop leg that executed closed (part of) the position on the exchange, which then
   * cancelled the take-profit leg: that target is cancelled by the OCO, not "outside the bracket".
   */
  private syncOcoStop(record: BracketRecord, rows: OrderRow[]): boolean {
    const stop = executedOcoStop(rows);
    if (!stop) return false;
    for (const target of record.state.targets) {
      const order = target.clientOrderId ? rows.find((r) => r.clientOrderId === target.clientOrderId) : undefined;
      if (target.status === 'open' && order && (order.status === 'expired' || order.status === 'cancelled') && order.filled === 0)
        target.status = 'cancelled';
    }
    if (record.state.closeReason !== 'stop_loss') {
      record.state.closeReason = 'stop_loss';
      record.state.message = ocoStopFilledNote(stop, this.deps.orders.venue(record.accountId).exchangeName);
    }
    return true;
  }

  private async placeTarget(record: BracketRecord, target: StoredTarget, index: number, amount: Amount, rules: MarketRules): Promise<void> {
    // Stored after rounding to the tick (the bracket schema or resolveLevel's precision.price); the JSON state keeps plain numbers.
    const price = asPrice(target.price as number);
    if (this.isDust(amount, price, rules)) {
      target.status = 'failed';
      record.state.message = `Target ${index + 1} was not placed: ${formatNumber(amount)} ${rules.base} at ${formatNumber(price)} is below the market's minimum order.`;
      this.save(record);
      return;
    }
    target.status = 'open';
    target.amount = amount;
    this.save(record);
    try {
      const row = await this.deps.orders.submit({
        accountId: record.accountId,
        symbol: record.symbol,
        side: exitSideOf(record.side),
        type: 'limit',
        amount,
        price,
        stopPrice: null,
        origin: 'bracket',
        originId: record.id,
        originRole: targetRole(target.key),
      });
      target.clientOrderId = row.clientOrderId;
    } catch (error) {
      target.status = 'failed';
      record.state.message = `Target ${index + 1} was refused: ${message(error)}`;
    }
    this.save(record);
  }

  private async manageClose(record: BracketRecord): Promise<void> {
    const { rules, precision } = await this.market(record);
    let book = bookOf(record, this.deps.orders.repo);
    // Resting targets (and an OCO's stop leg) hold the position's funds: they go first, then the rest is sold at market.
    for (const row of book.exits.filter(
      (r) => (r.originRole?.startsWith('target:') || r.originRole === OCO_STOP_ROLE) && isOpen(r.status),
    )) {
      const target = record.state.targets.find((t) => row.originRole === targetRole(t.key));
      if (target && target.status === 'open') target.status = 'cancelled';
      await this.deps.orders
        .cancel(row.accountId, row.clientOrderId)
        .catch((error: unknown) => this.deps.log(`bracket ${record.id}: cancel ${row.clientOrderId}: ${message(error)}`));
    }
    book = bookOf(record, this.deps.orders.repo);
    this.syncTargets(record, book.rows);
    if (book.exits.some((r) => !isFinal(r.status))) {
      this.save(record);
      return; // a cancel or the close order is still under way; its update brings us back here
    }
    const amount = precision.amount(book.figures.position);
    const price = this.lastPrices.get(`${record.accountId}|${record.symbol}`) ?? book.figures.entryAverage ?? 0;
    const reason = record.state.closeReason ?? 'manual';
    if (this.isDust(amount, price, rules)) {
      const left =
        book.figures.position > 0
          ? `${formatNumber(book.figures.position)} ${rules.base} left over is below the minimum order and stays in the account.`
          : null;
      this.finish(record, 'closed', reason, left ?? record.state.message);
      return;
    }
    if (record.state.closeAttempts >= MAX_CLOSE_ATTEMPTS) {
      this.finish(
        record,
        'closed',
        'failed',
        `Closing at market did not go through after ${MAX_CLOSE_ATTEMPTS} attempts; ${formatNumber(amount)} ${rules.base} remain in the account.`,
      );
      return;
    }
    record.state.closeAttempts += 1;
    this.save(record);
    let close: OrderRow;
    try {
      close = await this.deps.orders.submit({
        accountId: record.accountId,
        symbol: record.symbol,
        side: exitSideOf(record.side),
        type: 'market',
        amount,
        price: null,
        stopPrice: null,
        origin: 'bracket',
        originId: record.id,
        originRole: CLOSE_ROLE,
      });
    } catch (error) {
      this.finish(
        record,
        'closed',
        'failed',
        `Could not close the rest at market (${message(error)}); ${formatNumber(amount)} ${rules.base} remain in the account.`,
      );
      return;
    }
    // Market orders usually fill in the reply: settle the bracket now rather than on the next update.
    if (isFinal(close.status)) await this.manageClose(this.require(record.id));
  }

  private async checkStop(id: string, range: PriceObservation): Promise<void> {
    const record = this.require(id);
    if (record.status !== 'open_position') return;
    // The exchange holds this stop (native OCO): closing here as well would sell twice.
    if (liveOcoStop(this.deps.orders.repo.byOrigin(record.id))) return;
    const stop = effectiveStop(record.side, record.state.stopPrice, record.plan.trailing?.callbackPct ?? null, record.state.extreme);
    // The stop is checked against the level in force before this range: when a range both makes
    // a new extreme and falls back, the stop is assumed first (never a better fill than reality).
    if (stop.price !== null && stopHit(record.side, stop.price, range)) {
      record.status = 'closing';
      record.state.closeReason = stop.trailing ? 'trailing_stop' : 'stop_loss';
      record.state.message = `${stop.trailing ? 'Trailing stop' : 'Stop-loss'} ${formatNumber(stop.price)} reached; closing at market.`;
      this.save(record);
      await this.step(id);
      return;
    }
    if (record.plan.trailing) {
      const extreme = nextExtreme(record.side, record.state.extreme, range);
      if (extreme !== record.state.extreme) {
        record.state.extreme = extreme;
        this.save(record);
      }
    }
  }

  private async applyUpdate(input: BracketUpdate): Promise<void> {
    const record = this.require(input.bracketId);
    const inputs = await this.deps.tickets.inputs(record.accountId, record.symbol);
    const book = bookOf(record, this.deps.orders.repo);
    const ocoStop = liveOcoStop(book.rows);
    const replaced = applyEdit(record, book, inputs, input);
    if (ocoStop) {
      // The exchange holds the old levels: the whole list is cancelled and the exits placed again
      // from the edited plan (as an OCO again if the shape still allows one).
      record.state.targets = record.state.targets.map((target) => {
        if (target.status !== 'open' || target.clientOrderId === null) return target;
        replaced.push(target);
        const fresh = { ...target, key: ++record.state.targetKeys, status: 'waiting' as const, clientOrderId: null, amount: null };
        target.status = 'cancelled';
        return fresh;
      });
      record.state.message = 'Edited; the OCO order is replaced.';
    }
    // Saved first: the cancellations below must find the replaced targets already marked as such.
    this.save(record);
    if (ocoStop) {
      // Cancelling one leg cancels the list on the exchange; the target leg is then read back below.
      await this.deps.orders
        .cancel(record.accountId, ocoStop.clientOrderId)
        .catch((error: unknown) => this.deps.log(`bracket ${record.id}: cancel OCO stop ${ocoStop.clientOrderId}: ${message(error)}`));
    }
    for (const target of replaced) {
      await this.deps.orders
        .cancel(record.accountId, target.clientOrderId as string)
        .catch((error: unknown) => this.deps.log(`bracket ${record.id}: cancel ${target.clientOrderId}: ${message(error)}`));
    }
    await this.step(record.id);
  }
}
