import { TradewindError } from '../../../shared/ipc/errors';
import type { BotEvent, BotStopReason } from '../../../shared/ipc/schemas/bots';
import type { OrderSide, OrderType, TradeView } from '../../../shared/ipc/schemas/orders';
import type { OrderService } from '../orders/order-service';
import { isFinal } from '../orders/order-state';
import type { OrderRow } from '../orders/orders-repo';
import type { MarketRules, OrderVenue, Precision } from '../exchange/venue';
import { clean, formatMoney, formatNumber } from '../exchange/precision';
import type { BotRecord, BotsRepo } from './bots-repo';
import { isExchangeFailure, type CircuitBreakers } from './circuit-breaker';
import { rolePrefix, type KindState } from './kind-state';
import { positionOf, sellsShort, type Position } from './position';

export interface StepDeps {
  now: () => number;
  orders: OrderService;
  repo: BotsRepo;
  circuits: CircuitBreakers;
  market(accountId: string, symbol: string): Promise<{ rules: MarketRules; precision: Precision }>;
  /** Latest price the bot's venue reports (cached briefly); null while unknown. */
  price(bot: BotRecord): Promise<number | null>;
  /** Appends to the bot's event log; `warning` lines repeating the previous one are skipped. */
  event(botId: string, level: BotEvent['level'], message: string): void;
  notify(botId: string, level: BotEvent['level'], title: string, body: string): void;
  changed(botId: string): void;
  /** Client ids of orders the venue refused for a reason of their own (not an exchange failure); kept for this process. */
  definiteRefusals: Set<string>;
  /** Whether the bot is held because the database cannot be written (its pause may not be stored yet). */
  storageHeld(botId: string): boolean;
  /** Stops the bot after this step (cancels its orders). */
  requestStop(botId: string, reason: BotStopReason, detail: string): void;
}

export interface OrderSpec {
  side: OrderSide;
  type: Extract<OrderType, 'market' | 'limit'>;
  amount: number;
  price: number | null;
  /** Another market of the bot's account (a rebalance bot trades several); absent: the bot's own. */
  symbol?: string;
  /** The price a market order on another market is valued at for the minimums and the capital cap. */
  reference?: number;
  /** Perpetual swaps: the order may only shrink the position (an exit), never open the other side. */
  reduceOnly?: boolean;
}

export type PlaceOutcome =
  | { kind: 'placed'; row: OrderRow }
  | { kind: 'exists'; row: OrderRow }
  /** Not sent: the bot is not running, a guard refused it, or the account's circuit is open. */
  | { kind: 'held'; reason: string }
  | { kind: 'refused'; message: string; transient: boolean };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One serialised step of one bot: its record and its orders of the current run as the ledger
 * has them, and the one way it places an order. `place` never sends a role the ledger already
 * has, re-reads the bot's state right before sending (a stop that arrived during the step wins),
 * and applies the risk guards and the account's circuit breaker first.
 */
export class BotStep {
  bot: BotRecord;
  rows: OrderRow[] = [];
  rules!: MarketRules;
  precision!: Precision;
  /**
   * The kind trades coins the account held before the run (`BotKind.accountHoldings`): the run's
   * fills are no position of their own, so the capital cap counts its resting buys only.
   */
  accountHoldings = false;

  constructor(
    private readonly deps: StepDeps,
    botId: string,
  ) {
    this.bot = deps.repo.require(botId);
    this.reloadOrders();
  }

  async loadMarket(): Promise<void> {
    const market = await this.deps.market(this.bot.accountId, this.bot.symbol);
    this.rules = market.rules;
    this.precision = market.precision;
  }

  /** The account's venue (balances and quotes of the bot's other markets). */
  venue(): OrderVenue {
    return this.deps.orders.venue(this.bot.accountId);
  }

  /** Rules and rounding of another market of the bot's account, from the shared cache. */
  market(symbol: string): Promise<{ rules: MarketRules; precision: Precision }> {
    return this.deps.market(this.bot.accountId, symbol);
  }

  get prefix(): string {
    return rolePrefix(this.bot.kind, this.bot.run);
  }

  reloadOrders(): void {
    const prefix = this.prefix;
    this.rows = this.deps.orders.repo.byOriginRole(this.bot.id, prefix).filter((r) => r.origin === 'bot');
  }

  /** The ledger's order for a role of this run (the latest, should a role ever repeat). */
  order(role: string): OrderRow | undefined {
    const full = this.prefix + role;
    let found: OrderRow | undefined;
    for (const row of this.rows) if (row.originRole === full) found = row;
    return found;
  }

  trades(rows: readonly OrderRow[] = this.rows): TradeView[] {
    return rows.flatMap((r) => (r.filled > 0 ? this.deps.orders.repo.tradesOf(r.accountId, r.clientOrderId) : []));
  }

  position(rows: readonly OrderRow[] = this.rows): Position {
    return positionOf(this.trades(rows), this.rules.base, this.rules.quote, { shorts: sellsShort(this.bot.symbol) });
  }

  price(): Promise<number | null> {
    return this.deps.price(this.bot);
  }

  running(): boolean {
    return !this.deps.storageHeld(this.bot.id) && this.deps.repo.get(this.bot.id)?.state === 'running';
  }

  isDust(amount: number, price: number): boolean {
    const rounded = this.precision.amount(amount);
    return (
      rounded <= 0 ||
      (this.rules.minAmount !== null && rounded < this.rules.minAmount) ||
      (this.rules.minCost !== null && rounded * price < this.rules.minCost)
    );
  }

  now(): number {
    return this.deps.now();
  }

  state<T extends KindState>(): T {
    return this.bot.kindState as T;
  }

  /** Persists the kind state (and realised PnL) in one write; the bot's lifecycle fields are left as stored. */
  save(): void {
    const stored = this.deps.repo.require(this.bot.id);
    const kindState = this.bot.kindState;
    // The kind keeps mutating the same state object through the step: it stays the one we hold.
    this.bot = { ...this.deps.repo.save({ ...stored, kindState, realisedPnl: clean(this.bot.realisedPnl) }), kindState };
    this.deps.changed(this.bot.id);
  }

  event(level: BotEvent['level'], text: string): void {
    this.deps.event(this.bot.id, level, text);
  }

  notify(level: BotEvent['level'], title: string, body: string): void {
    this.deps.notify(this.bot.id, level, title, body);
  }

  requestStop(reason: BotStopReason, detail: string): void {
    this.deps.requestStop(this.bot.id, reason, detail);
  }

  async place(role: string, spec: OrderSpec): Promise<PlaceOutcome> {
    const existing = this.order(role);
    if (existing) return { kind: 'exists', row: existing };
    if (!this.running()) return { kind: 'held', reason: 'not running' };
    const { risk } = this.bot;
    const other = spec.symbol !== undefined && spec.symbol !== this.bot.symbol;
    const { rules, precision } = other ? await this.market(spec.symbol!) : this;
    const amount = precision.amount(spec.amount);
    const price = spec.price === null ? null : precision.price(spec.price);
    const reference = price ?? spec.reference ?? (other ? null : await this.price());
    if (amount <= 0 || (rules.minAmount !== null && amount < rules.minAmount)) {
      return this.hold(
        `Not placing ${spec.side} ${formatNumber(spec.amount)} ${rules.base}: below the minimum amount ${formatNumber(rules.minAmount ?? rules.amountStep ?? 0)}.`,
      );
    }
    if (reference !== null && rules.minCost !== null && amount * reference < rules.minCost) {
      return this.hold(
        `Not placing ${spec.side} ${formatNumber(amount)} ${rules.base}: worth less than the minimum order value ${formatNumber(rules.minCost)} ${rules.quote}.`,
      );
    }
    const open = this.rows.filter((r) => !isFinal(r.status)).length;
    if (open >= risk.maxOpenOrders) {
      return this.hold(
        `Max open orders (${risk.maxOpenOrders}) reached: ${spec.side} at ${price === null ? 'market' : formatNumber(price)} waits.`,
      );
    }
    // What grows the position counts against the cap: buys, and on a perpetual swap a sale that is not reduce-only (a short).
    const opening = !spec.reduceOnly && (spec.side === 'buy' || sellsShort(other ? spec.symbol! : this.bot.symbol));
    if (opening && reference !== null) {
      const resting = this.rows
        .filter((r) => r.side === spec.side && !r.reduceOnly && !isFinal(r.status))
        .reduce((sum, r) => sum + (r.amount - r.filled) * (r.price ?? reference), 0);
      const committed = clean(resting + (this.accountHoldings ? 0 : this.position().cost));
      const cost = amount * reference;
      if (committed + cost > risk.capitalCap * (1 + 1e-9)) {
        const q = rules.quote;
        const what = spec.side === 'buy' ? 'buy' : 'short sale';
        return this.hold(
          `Capital cap ${formatMoney(risk.capitalCap, q)} ${q} reached: ${formatMoney(committed, q)} ${q} committed, the ${what} of ${formatMoney(cost, q)} ${q} at ${price === null ? 'market' : formatNumber(price)} is not placed.`,
        );
      }
    }
    if (!this.deps.circuits.allow(this.bot.accountId)) return { kind: 'held', reason: 'circuit open' };
    // The last word before sending: a stop that came in while this step awaited wins.
    if (!this.running()) return { kind: 'held', reason: 'not running' };
    try {
      const row = await this.deps.orders.submit({
        accountId: this.bot.accountId,
        symbol: other ? spec.symbol! : this.bot.symbol,
        side: spec.side,
        type: spec.type,
        amount,
        price,
        stopPrice: null,
        origin: 'bot',
        originId: this.bot.id,
        originRole: this.prefix + role,
        ...(spec.reduceOnly ? { reduceOnly: true } : {}),
      });
      if (row.status === 'unknown') this.deps.circuits.failure(this.bot.accountId, new Error(row.error ?? 'order outcome unknown'));
      else this.deps.circuits.success(this.bot.accountId);
      this.reloadOrders();
      return { kind: 'placed', row };
    } catch (error) {
      this.reloadOrders();
      // A write that failed (disk full...) refused nothing: the order, if recorded, is looked up by client id, never replaced.
      const storage = error instanceof TradewindError && (error.code === 'storage_full' || error.code === 'storage_unavailable');
      const transient = storage || isExchangeFailure(error);
      if (isExchangeFailure(error)) this.deps.circuits.failure(this.bot.accountId, error);
      else if (!storage) {
        this.deps.circuits.success(this.bot.accountId);
        const refused = this.order(role);
        if (refused) this.deps.definiteRefusals.add(refused.clientOrderId);
      }
      const text = message(error);
      this.event(transient ? 'warning' : 'error', `Order ${role} was refused: ${text}`);
      if (error instanceof TradewindError && error.code === 'permission') this.requestStop('no_trade_rights', text);
      // An account limit (notional per order or day, price band) is the person's rule: the bot stops until they change it or the bot.
      if (error instanceof TradewindError && error.code.startsWith('limit_'))
        this.requestStop('error', `Stopped by the account's limits: ${text}`);
      return { kind: 'refused', message: text, transient };
    }
  }

  /** Whether the venue refused this order for a reason of its own (after a restart, unknown: counted as not). */
  refusedDefinitely(row: OrderRow): boolean {
    return this.deps.definiteRefusals.has(row.clientOrderId);
  }

  /** Cancels one of the bot's orders; a failure is logged and left for the next step. */
  async cancel(row: OrderRow): Promise<boolean> {
    if (isFinal(row.status)) return true;
    try {
      await this.deps.orders.cancel(row.accountId, row.clientOrderId);
      this.reloadOrders();
      return true;
    } catch (error) {
      if (isExchangeFailure(error)) this.deps.circuits.failure(row.accountId, error);
      if (error instanceof TradewindError && error.code === 'invalid_order') {
        // Already final, or still being looked up: the ledger will settle it.
        this.reloadOrders();
        return isFinal(this.deps.orders.repo.require(row.accountId, row.clientOrderId).status);
      }
      this.event('warning', `Cancelling ${row.clientOrderId} failed: ${message(error)}`);
      return false;
    }
  }

  private hold(text: string): PlaceOutcome {
    this.event('warning', text);
    return { kind: 'held', reason: text };
  }
}
