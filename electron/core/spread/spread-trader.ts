/**
 * The two-leg ticket: buy on one account and sell on another in one action. Both legs are checked
 * together (two-leg-plan.ts), both intents are written to the order ledger before either is sent,
 * then both are sent at once. Legs are limit orders at the quoted ask/bid: they fill at that price
 * or better, or stay open, so a moved market never eats the spread silently. A leg the venue did
 * not answer is looked up by its client id by the ledger, never re-sent. When the legs end
 * unbalanced, `unwind` closes the surplus with a market order, itself recorded before sending.
 */
import { randomUUID } from 'node:crypto';
import { TradewindError, type ErrorCode } from '../../../shared/ipc/errors';
import type { SpreadPreferences, SpreadTradeView, TwoLegInput, TwoLegPreview } from '../../../shared/ipc/schemas/spread';
import type { AccountService } from '../accounts/account-service';
import { catalogEntry } from '../exchange/exchange-catalog';
import { formatNumber } from '../exchange/precision';
import type { Db } from '../db/connection';
import { KeyedSerialQueue } from '../kit/keyed-serial-queue';
import { LatestBatcher } from '../kit/latest-batcher';
import type { OrderService } from '../orders/order-service';
import type { OrderRow } from '../orders/orders-repo';
import type { TicketService } from '../trading/ticket-service';
import { planTwoLegs, type TwoLegPlan } from './two-leg-plan';
import { legRole, legView, SPREAD_ROLE_PREFIX, tradeView } from './spread-trade-view';

export interface SpreadTraderDeps {
  db: Db;
  orders: OrderService;
  tickets: TicketService;
  accountService: AccountService;
  preferences: () => SpreadPreferences;
  emit: (trade: SpreadTradeView) => void;
  log: (line: string) => void;
}

export class SpreadTrader {
  private readonly changed: LatestBatcher<string, string>;
  private readonly offOrders: () => void;
  /**
   * Two-leg trades sharing an account run one at a time (a second waits): each checks balances
   * and then records its intents, and two checked at once could both pass on the same free
   * balance. Trades on other accounts do not wait.
   */
  private readonly trades = new KeyedSerialQueue<string>();
  /** Unwinds in progress, by trade id: a double click or a second window never sends a second order. */
  private readonly unwinding = new Set<string>();

  constructor(private readonly deps: SpreadTraderDeps) {
    this.changed = new LatestBatcher((ids) => {
      for (const id of ids) {
        const view = this.find(id);
        if (view) this.deps.emit(view);
      }
    }, 250);
    // Fills and state changes of the legs (the ledger's poll, websocket order updates) reach the screen.
    this.offOrders = deps.orders.onChange((row) => {
      if (row.originId && row.originRole?.startsWith(SPREAD_ROLE_PREFIX)) this.changed.set(row.originId, row.originId);
    });
  }

  close(): void {
    this.offOrders();
    this.changed.close();
  }

  async preview(input: TwoLegInput): Promise<TwoLegPreview> {
    const { buyInputs: _buy, sellInputs: _sell, ...preview } = await this.plan(input);
    return preview;
  }

  trade(input: TwoLegInput & { confirmed?: boolean | undefined }): Promise<SpreadTradeView> {
    return this.trades.runAll([input.buyAccountId, input.sellAccountId], () => this.tradeNow(input));
  }

  private async tradeNow(input: TwoLegInput & { confirmed?: boolean | undefined }): Promise<SpreadTradeView> {
    // Read-only and revoked keys are refused before any price or balance is read.
    this.deps.accountService.assertCanTrade(input.buyAccountId);
    this.deps.accountService.assertCanTrade(input.sellAccountId);
    const plan = await this.plan(input);
    if (!plan.valid || plan.amount === null || !plan.buy || !plan.sell || plan.buy.price === null || plan.sell.price === null) {
      const code: ErrorCode = plan.issues.some((i) => /is free\.$/.test(i.message)) ? 'insufficient_funds' : 'invalid_order';
      throw new TradewindError(code, plan.issues.map((i) => i.message).join(' '));
    }
    if (plan.requiresConfirmation && input.confirmed !== true)
      throw new TradewindError(
        'invalid_input',
        'Orders on live accounts are confirmed before sending: show both legs and send again with confirmed: true.',
      );
    const id = `spread-${randomUUID()}`;
    const { buyInputs: buy, sellInputs: sell } = plan;
    const buyRow = await this.deps.orders.record({
      accountId: buy.account.id,
      symbol: buy.rules.symbol,
      side: 'buy',
      type: 'limit',
      amount: buy.precision.amount(plan.amount),
      price: buy.precision.price(plan.buy.price),
      stopPrice: null,
      origin: 'manual',
      originId: id,
      originRole: legRole('buy'),
    });
    let sellRow: OrderRow;
    try {
      sellRow = await this.deps.orders.record({
        accountId: sell.account.id,
        symbol: sell.rules.symbol,
        side: 'sell',
        type: 'limit',
        amount: sell.precision.amount(plan.amount),
        price: sell.precision.price(plan.sell.price),
        stopPrice: null,
        origin: 'manual',
        originId: id,
        originRole: legRole('sell'),
      });
    } catch (error) {
      // The sell leg was refused before sending (a limit, storage): the buy leg is not sent alone.
      this.deps.orders.abandon(buyRow, `the sell leg was refused (${error instanceof Error ? error.message : String(error)})`);
      throw error;
    }
    // Both intents are in the ledger: send them together. A refusal is recorded on its leg and shown in the view.
    const results = await Promise.allSettled([this.deps.orders.send(buyRow), this.deps.orders.send(sellRow)]);
    for (const result of results)
      if (result.status === 'rejected')
        this.deps.log(`spread ${id}: a leg failed: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
    await this.readFills(id);
    return this.require(id);
  }

  /**
   * Closes what the legs left unbalanced: cancels a leg still open (so the surplus is final), then
   * sends one market order opposite to the surplus for its amount. Refused while a leg's outcome is
   * unknown or an earlier unwind is still working (never a second order for the same surplus).
   */
  async unwind(id: string, confirmed: boolean | undefined): Promise<SpreadTradeView> {
    if (this.unwinding.has(id))
      throw new TradewindError('invalid_order', 'An unwind of this trade is already working; it is not sent twice.');
    this.unwinding.add(id);
    try {
      return await this.unwindNow(id, confirmed);
    } finally {
      this.unwinding.delete(id);
    }
  }

  private async unwindNow(id: string, confirmed: boolean | undefined): Promise<SpreadTradeView> {
    let view = this.require(id);
    if (view.state === 'sending' || view.state === 'unwinding')
      throw new TradewindError(
        'invalid_order',
        view.state === 'sending'
          ? 'A leg is still being sent or looked up by its client id; unwind once its outcome is known.'
          : 'An unwind of this trade is already working; it is not sent twice.',
      );
    for (const leg of view.legs.filter((l) => l.status === 'open' || l.status === 'partially_filled')) {
      await this.deps.orders.cancel(leg.accountId, leg.clientOrderId);
    }
    // The surplus is final only with every fill read (a buy's fee taken in the base asset never arrived).
    await this.readFills(id);
    view = this.require(id);
    if (view.legs.some((l) => !l.fillsRecorded))
      throw new TradewindError(
        'unavailable',
        'The legs’ fills are still being read from the venues; unwind once they are in (a few seconds).',
      );
    const plan = view.unwind;
    if (!plan) throw new TradewindError('invalid_order', 'Both legs are balanced; there is nothing to unwind.');
    this.deps.accountService.assertCanTrade(plan.accountId);
    const inputs = await this.deps.tickets.inputs(plan.accountId, plan.symbol);
    const amount = inputs.precision.amount(plan.amount);
    const { rules } = inputs;
    const where = `"${inputs.account.label}" (${inputs.venue.exchangeName})`;
    if (!(amount > 0) || (rules.minAmount !== null && amount < rules.minAmount))
      throw new TradewindError(
        'invalid_order',
        `The surplus of ${formatNumber(plan.amount)} ${rules.base} is below the smallest order on ${where} (minimum ${formatNumber(rules.minAmount ?? rules.amountStep ?? 0)} ${rules.base}); it cannot be closed by an order.`,
      );
    const price = plan.side === 'buy' ? inputs.quote?.ask : inputs.quote?.bid;
    if (price === null || price === undefined)
      throw new TradewindError(
        'invalid_order',
        `${where} quotes no ${plan.side === 'buy' ? 'ask' : 'bid'} for ${rules.symbol} right now; try again shortly.`,
      );
    if (rules.minCost !== null && amount * price < rules.minCost)
      throw new TradewindError(
        'invalid_order',
        `The surplus is worth ${formatNumber(amount * price, 8)} ${rules.quote}, below the minimum order value of ${formatNumber(rules.minCost)} ${rules.quote} on ${where}.`,
      );
    if (plan.side === 'sell' && inputs.freeBase < amount)
      throw new TradewindError(
        'insufficient_funds',
        `Unwind on ${where}: needs ${formatNumber(amount)} ${rules.base}; ${formatNumber(inputs.freeBase)} ${rules.base} is free.`,
      );
    const needed = amount * price * (1 + rules.takerFee + inputs.marketBuyBuffer);
    if (plan.side === 'buy' && inputs.freeQuote < needed)
      throw new TradewindError(
        'insufficient_funds',
        `Unwind on ${where}: buying back ${formatNumber(amount)} ${rules.base} needs about ${formatNumber(needed, 8)} ${rules.quote}; ${formatNumber(inputs.freeQuote, 8)} ${rules.quote} is free.`,
      );
    if (inputs.requiresConfirmation && confirmed !== true)
      throw new TradewindError(
        'invalid_input',
        `The unwind on the live account ${where} is confirmed before sending: send it again with confirmed: true.`,
      );
    try {
      await this.deps.orders.submit({
        accountId: plan.accountId,
        symbol: plan.symbol,
        side: plan.side,
        type: 'market',
        amount,
        price: null,
        stopPrice: null,
        origin: 'manual',
        originId: id,
        originRole: legRole('unwind'),
      });
    } catch (error) {
      // The refusal is on the unwind leg in the ledger; the caller gets it too, with the code.
      this.deps.log(`spread ${id}: unwind refused: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    return this.require(id);
  }

  /** Reads fills the venues' placement answers did not carry, so fees and the surplus are known. */
  private async readFills(id: string): Promise<void> {
    const rows = this.deps.orders.repo.byOrigin(id).filter((r) => r.originRole?.startsWith(SPREAD_ROLE_PREFIX) && r.filled > 0);
    await Promise.all(
      rows.map((row) =>
        this.deps.orders
          .readFills(row)
          .catch((error: unknown) =>
            this.deps.log(
              `spread ${id}: fills of ${row.clientOrderId} not read yet: ${error instanceof Error ? error.message : String(error)}`,
            ),
          ),
      ),
    );
  }

  /** The most recent two-leg trades, newest first. */
  list(limit = 20): SpreadTradeView[] {
    const ids = this.deps.db
      .prepare(
        `SELECT origin_id AS id, MAX(created_at) AS at FROM orders WHERE origin_role LIKE 'spread:%' AND origin_id IS NOT NULL
         GROUP BY origin_id ORDER BY at DESC LIMIT ?`,
      )
      .all(limit) as Array<{ id: string }>;
    return ids.map((row) => this.find(row.id)).filter((v): v is SpreadTradeView => v !== null);
  }

  find(id: string): SpreadTradeView | null {
    const rows = this.deps.orders.repo.byOrigin(id).filter((r) => r.originRole?.startsWith(SPREAD_ROLE_PREFIX));
    if (rows.length === 0) return null;
    const legs = rows.map((row) => {
      const account = this.deps.accountService.requireAccount(row.accountId);
      const exchangeName = catalogEntry(account.exchangeId)?.name ?? account.exchangeId;
      return legView(row, this.deps.orders.repo.tradesOf(row.accountId, row.clientOrderId), { label: account.label, exchangeName });
    });
    return tradeView(id, rows, legs);
  }

  private require(id: string): SpreadTradeView {
    const view = this.find(id);
    if (!view) throw new TradewindError('not_found', `No two-leg trade ${id}.`);
    return view;
  }

  private async plan(input: TwoLegInput): Promise<TwoLegPlan> {
    const [buy, sell] = await Promise.all([
      this.deps.tickets.inputs(input.buyAccountId, input.buySymbol),
      this.deps.tickets.inputs(input.sellAccountId, input.sellSymbol),
    ]);
    return planTwoLegs(input, buy, sell, this.deps.preferences(), (inputs) => this.deps.accountService.tradeBlockedReason(inputs.account));
  }
}
