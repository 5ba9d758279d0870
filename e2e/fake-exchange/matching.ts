/**
 * The matching engine: order placement, stop triggers, fills when the test moves the price,
 * cancels and OCO lists.
 *
 * Model (deliberately simple and predictable for tests):
 * - the last price only moves when the test calls setPrice; "everyone else" is the synthetic
 *   book around it (book.ts), which market and marketable limit orders sweep as takers;
 * - the user's resting limit orders are not in that book; they fill as makers at their own limit
 *   price when setPrice trades through them (buy: new price <= limit, sell: new price >= limit),
 *   optionally limited to `fillQty` to produce partial fills;
 * - stop orders trigger on setPrice (STOP_LOSS sell: price <= stop, buy: price >= stop;
 *   TAKE_PROFIT the other way round), then behave like a new market or limit order;
 * - an OCO leg that fills or triggers expires its sibling, as on Binance.
 */
import { randomBytes } from 'node:crypto';
import { syntheticBook, sweep, type Level } from './book';
import { dec, fmt, mul, ZERO, type Dec } from './decimal';
import { errors } from './errors';
import { checkFilters, isMarketType } from './filters';
import { Ledger, type FeeRates } from './ledger';
import type { Market } from './markets';
import type { FakeState, OrderListRecord, OrderRecord, OrderType, Side, TimeInForce, TradeRecord } from './state';
import { TAPE_LENGTH } from './state';

export interface NewOrder {
  symbol: string;
  side: Side;
  type: OrderType;
  timeInForce?: TimeInForce;
  quantity?: Dec;
  quoteOrderQty?: Dec;
  price?: Dec;
  stopPrice?: Dec;
  /** '' records an order with no client id (Bybit and OKX orders placed on their site carry none). */
  newClientOrderId?: string;
}

export interface Placement {
  order: OrderRecord;
  fills: TradeRecord[];
}

export interface OcoLeg {
  type: OrderType;
  price?: Dec;
  stopPrice?: Dec;
  timeInForce?: TimeInForce;
  clientOrderId?: string;
}

export interface NewOco {
  symbol: string;
  side: Side;
  quantity: Dec;
  listClientOrderId?: string;
  above: OcoLeg;
  below: OcoLeg;
}

export interface SetPriceOptions {
  /** Total quantity that trades at the new price, shared by crossing orders per side. */
  fillQty?: Dec;
}

const ALGO_TYPES: readonly OrderType[] = ['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const MAX_NUM_ORDERS = 200;
const MAX_NUM_ALGO_ORDERS = 5;

/** Binance-style random client ids (22 base62 characters). */
export function randomClientId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(22)].map((b) => alphabet[b % alphabet.length]).join('');
}

function isOpen(order: OrderRecord): boolean {
  return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
}

function remainingQty(order: OrderRecord): Dec {
  return dec(order.origQty) - dec(order.executedQty);
}

function isStopType(type: OrderType): boolean {
  return ALGO_TYPES.includes(type);
}

/** Whether a stop order's trigger condition holds at `price`. */
function stopTriggered(type: OrderType, side: Side, stopPrice: Dec, price: Dec): boolean {
  const stopLoss = type === 'STOP_LOSS' || type === 'STOP_LOSS_LIMIT';
  const fallingTrigger = stopLoss === (side === 'SELL');
  return fallingTrigger ? price <= stopPrice : price >= stopPrice;
}

export class MatchingEngine {
  readonly ledger: Ledger;

  constructor(
    private readonly state: FakeState,
    private readonly markets: ReadonlyMap<string, Market>,
    fees: FeeRates,
  ) {
    this.ledger = new Ledger(state, fees);
  }

  market(symbol: string): Market {
    const market = this.markets.get(symbol);
    if (!market) throw errors.invalidSymbol();
    return market;
  }

  lastPrice(symbol: string): Dec {
    return dec(this.state.market(symbol).lastPrice);
  }

  book(symbol: string, levels?: number) {
    return syntheticBook(this.market(symbol), this.lastPrice(symbol), levels);
  }

  // ---- placement -------------------------------------------------------------------------

  /** Validates without side effects; separated so an OCO can check both legs before creating either. */
  private validate(account: string, req: NewOrder): Market {
    const market = this.market(req.symbol);
    const last = this.lastPrice(req.symbol);
    checkFilters(market, req, last);
    const open = this.state.openOrders(account, req.symbol);
    if (open.length >= MAX_NUM_ORDERS) throw errors.filterFailure('MAX_NUM_ORDERS');
    if (isStopType(req.type) && open.filter((o) => isStopType(o.type)).length >= MAX_NUM_ALGO_ORDERS) {
      throw errors.filterFailure('MAX_NUM_ALGO_ORDERS');
    }
    if (req.newClientOrderId !== undefined && req.newClientOrderId !== '' && open.some((o) => o.clientOrderId === req.newClientOrderId)) {
      throw errors.duplicateOrder();
    }
    if (req.stopPrice !== undefined && stopTriggered(req.type, req.side, req.stopPrice, last)) {
      throw errors.stopWouldTrigger();
    }
    if (req.type === 'LIMIT_MAKER' && req.price !== undefined) {
      const book = syntheticBook(market, last, 1);
      const best = req.side === 'BUY' ? book.asks[0] : book.bids[0];
      if (best && (req.side === 'BUY' ? req.price >= best.price : req.price <= best.price)) throw errors.wouldTakeAsMaker();
    }
    return market;
  }

  private newRecord(account: string, req: NewOrder, orderListId: number, now: number): OrderRecord {
    const stop = isStopType(req.type);
    return {
      account,
      symbol: req.symbol,
      orderId: this.state.nextOrderId++,
      orderListId,
      clientOrderId: req.newClientOrderId ?? randomClientId(),
      price: fmt(req.price ?? ZERO),
      origQty: fmt(req.quantity ?? ZERO),
      executedQty: fmt(ZERO),
      cummulativeQuoteQty: fmt(ZERO),
      status: 'NEW',
      timeInForce: req.timeInForce ?? 'GTC',
      type: req.type,
      side: req.side,
      stopPrice: fmt(req.stopPrice ?? ZERO),
      icebergQty: fmt(ZERO),
      time: now,
      updateTime: now,
      isWorking: !stop,
      workingTime: stop ? -1 : now,
      origQuoteOrderQty: fmt(req.quoteOrderQty ?? ZERO),
      selfTradePreventionMode: 'NONE',
      lockId: null,
    };
  }

  placeOrder(account: string, req: NewOrder, now: number): Placement {
    const market = this.validate(account, req);
    const order = this.newRecord(account, req, -1, now);
    if (req.type === 'MARKET') {
      const fills = this.executeMarket(order, market, req.quoteOrderQty, now, true);
      this.state.orders.push(order);
      return { order, fills };
    }
    this.reserve(order, market, `o${order.orderId}`, now);
    this.state.orders.push(order);
    const fills = order.isWorking ? this.work(order, market, now) : [];
    return { order, fills };
  }

  /** Reserves what a resting order may spend: quote at its limit (or stop) for buys, base for sells. */
  private reserve(order: OrderRecord, market: Market, lockId: string, now: number): void {
    const asset = order.side === 'BUY' ? market.quote : market.base;
    this.ledger.lock(lockId, order.account, asset, this.ledger.requiredLock(order), now);
    order.lockId = lockId;
  }

  /**
   * A market order (new, or a triggered stop): sweeps the book for its quantity or quote budget.
   * New orders are refused with -2010 when the balance cannot pay; a triggered stop that cannot
   * pay expires instead, because the exchange cannot refuse an order it already accepted.
   */
  private executeMarket(order: OrderRecord, market: Market, quoteOrderQty: Dec | undefined, now: number, isNew: boolean): TradeRecord[] {
    const book = syntheticBook(market, this.lastPrice(order.symbol));
    const planned = sweep(
      order.side,
      book,
      market,
      quoteOrderQty !== undefined ? { quoteBudget: quoteOrderQty } : { qty: remainingQty(order) },
    );
    const payAsset = order.side === 'BUY' ? market.quote : market.base;
    const payAmount = order.side === 'BUY' ? planned.quoteQty : planned.filledQty;
    if (!this.ledger.canPay(order, payAsset, payAmount)) {
      if (isNew) throw errors.insufficientBalance();
      this.finish(order, 'EXPIRED', now);
      return [];
    }
    if (quoteOrderQty !== undefined) order.origQty = fmt(planned.filledQty);
    const fills = this.applyFills(order, market, planned.fills, false, now);
    if (isOpen(order)) this.finish(order, 'EXPIRED', now);
    return fills;
  }

  /**
   * A working limit order: takes what the book offers up to its limit, then rests (GTC),
   * expires the rest (IOC), or expires entirely when it cannot fill completely (FOK).
   */
  private work(order: OrderRecord, market: Market, now: number): TradeRecord[] {
    if (order.type === 'STOP_LOSS' || order.type === 'TAKE_PROFIT') {
      return this.executeMarket(order, market, undefined, now, false);
    }
    const book = syntheticBook(market, this.lastPrice(order.symbol));
    const planned = sweep(order.side, book, market, { qty: remainingQty(order), limitPrice: dec(order.price) });
    if (order.timeInForce === 'FOK' && planned.filledQty < remainingQty(order)) {
      this.finish(order, 'EXPIRED', now);
      return [];
    }
    const fills = this.applyFills(order, market, planned.fills, false, now);
    if (isOpen(order) && order.timeInForce === 'IOC') this.finish(order, 'EXPIRED', now);
    return fills;
  }

  private applyFills(order: OrderRecord, market: Market, levels: Level[], isMaker: boolean, now: number): TradeRecord[] {
    const fills: TradeRecord[] = [];
    for (const level of levels) {
      if (level.qty <= ZERO) continue;
      this.expireSiblings(order, now);
      fills.push(this.ledger.settleFill(order, market, level.price, level.qty, isMaker, now));
      // The tape's maker flag is the buyer's role: a resting (maker) buy, or the other side of a taker sell.
      this.recordPublicTrade(order.symbol, level.price, level.qty, isMaker === (order.side === 'BUY'), now);
      order.status = remainingQty(order) <= ZERO ? 'FILLED' : 'PARTIALLY_FILLED';
      if (order.status === 'FILLED') this.finish(order, 'FILLED', now);
      else this.ledger.trimLock(order, now);
    }
    return fills;
  }

  /** Puts an order in a final state and frees whatever it still had reserved. */
  private finish(order: OrderRecord, status: OrderRecord['status'], now: number): void {
    order.status = status;
    order.updateTime = now;
    const shared = order.lockId !== null && this.state.orders.some((o) => o !== order && o.lockId === order.lockId && isOpen(o));
    if (!shared) this.ledger.release(order.lockId, now);
    this.updateList(order, now);
  }

  // ---- OCO ----------------------------------------------------------------------------------

  placeOco(account: string, req: NewOco, now: number): { list: OrderListRecord; orders: OrderRecord[] } {
    const last = this.lastPrice(req.symbol);
    const reference = (leg: OcoLeg) => (leg.type === 'LIMIT_MAKER' ? leg.price : leg.stopPrice) ?? ZERO;
    if (!(reference(req.above) > last && reference(req.below) < last)) throw errors.ocoPriceRelationship();
    const legs = [req.below, req.above].map<NewOrder>((leg) => ({
      symbol: req.symbol,
      side: req.side,
      type: leg.type,
      quantity: req.quantity,
      ...(leg.price !== undefined ? { price: leg.price } : {}),
      ...(leg.stopPrice !== undefined ? { stopPrice: leg.stopPrice } : {}),
      ...(leg.timeInForce !== undefined ? { timeInForce: leg.timeInForce } : {}),
      ...(leg.clientOrderId !== undefined ? { newClientOrderId: leg.clientOrderId } : {}),
    }));
    const market = this.market(req.symbol);
    for (const leg of legs) this.validate(account, leg);

    const list: OrderListRecord = {
      account,
      symbol: req.symbol,
      orderListId: this.state.nextOrderListId++,
      contingencyType: 'OCO',
      listStatusType: 'EXEC_STARTED',
      listOrderStatus: 'EXECUTING',
      listClientOrderId: req.listClientOrderId ?? randomClientId(),
      transactionTime: now,
      orderIds: [],
    };
    const orders = legs.map((leg) => this.newRecord(account, leg, list.orderListId, now));
    // Both legs spend the same funds, so they share one reservation sized for the dearer leg.
    const lockId = `l${list.orderListId}`;
    const asset = req.side === 'BUY' ? market.quote : market.base;
    const needed = orders.reduce((acc, o) => (this.ledger.requiredLock(o) > acc ? this.ledger.requiredLock(o) : acc), ZERO);
    this.ledger.lock(lockId, account, asset, needed, now);
    for (const order of orders) {
      order.lockId = lockId;
      list.orderIds.push(order.orderId);
      this.state.orders.push(order);
    }
    this.state.orderLists.push(list);
    return { list, orders };
  }

  private listOf(order: OrderRecord): OrderListRecord | undefined {
    if (order.orderListId < 0) return undefined;
    return this.state.orderLists.find((l) => l.orderListId === order.orderListId);
  }

  /** The first fill or trigger of one OCO leg expires the others. */
  private expireSiblings(order: OrderRecord, now: number): void {
    const list = this.listOf(order);
    if (!list) return;
    for (const sibling of this.state.orders) {
      if (sibling !== order && sibling.orderListId === list.orderListId && isOpen(sibling)) {
        sibling.status = 'EXPIRED';
        sibling.updateTime = now;
      }
    }
  }

  private updateList(order: OrderRecord, now: number): void {
    const list = this.listOf(order);
    if (!list) return;
    const legs = this.state.orders.filter((o) => o.orderListId === list.orderListId);
    if (legs.every((o) => !isOpen(o))) {
      list.listStatusType = 'ALL_DONE';
      list.listOrderStatus = 'ALL_DONE';
      list.transactionTime = now;
    }
  }

  // ---- cancel -------------------------------------------------------------------------------

  /** Cancels one order; cancelling an OCO leg cancels the whole list, as on Binance. */
  cancelOrder(order: OrderRecord, now: number): OrderRecord {
    if (!isOpen(order)) throw errors.unknownOrderCancel();
    const list = this.listOf(order);
    if (list) {
      this.cancelList(list, now);
      return order;
    }
    this.finish(order, 'CANCELED', now);
    return order;
  }

  cancelList(list: OrderListRecord, now: number): OrderRecord[] {
    const legs = this.state.orders.filter((o) => o.orderListId === list.orderListId);
    if (!legs.some(isOpen)) throw errors.unknownOrderListCancel();
    for (const leg of legs) if (isOpen(leg)) leg.status = 'CANCELED';
    for (const leg of legs) {
      leg.updateTime = now;
      this.ledger.release(leg.lockId, now);
    }
    this.updateList(legs[0] as OrderRecord, now);
    return legs;
  }

  // ---- price moves --------------------------------------------------------------------------

  setPrice(symbol: string, price: Dec, options: SetPriceOptions, now: number): TradeRecord[] {
    const market = this.market(symbol);
    if (price <= ZERO) throw new Error(`setPrice(${symbol}): price must be positive`);
    const state = this.state.market(symbol);
    state.lastPrice = fmt(price);
    if (price > dec(state.highPrice)) state.highPrice = fmt(price);
    if (price < dec(state.lowPrice)) state.lowPrice = fmt(price);
    state.updateId += 1;
    this.recordPublicTrade(symbol, price, options.fillQty ?? market.minQty, false, now);

    const fills: TradeRecord[] = [];
    // Stops first: a triggered stop-limit may itself be marketable or rest at the new price.
    for (const order of this.state.openOrders(undefined, symbol)) {
      if (order.isWorking || !stopTriggered(order.type, order.side, dec(order.stopPrice), price)) continue;
      if (!isOpen(order)) continue; // expired by a sibling triggered in this same loop
      order.isWorking = true;
      order.workingTime = now;
      order.updateTime = now;
      this.expireSiblings(order, now);
      this.ledger.trimLock(order, now);
      fills.push(...this.work(order, market, now));
    }
    for (const side of ['BUY', 'SELL'] as const) fills.push(...this.fillResting(market, side, price, options.fillQty, now));
    return fills;
  }

  /** Resting limits that the new price trades through fill at their own price, best price first. */
  private fillResting(market: Market, side: Side, price: Dec, fillQty: Dec | undefined, now: number): TradeRecord[] {
    const crossing = this.state
      .openOrders(undefined, market.symbol)
      .filter((o) => o.side === side && o.isWorking && !isMarketType(o.type))
      .filter((o) => (side === 'BUY' ? price <= dec(o.price) : price >= dec(o.price)))
      .sort((a, b) => {
        const byPrice = side === 'BUY' ? dec(b.price) - dec(a.price) : dec(a.price) - dec(b.price);
        return byPrice !== ZERO ? (byPrice > ZERO ? 1 : -1) : a.time - b.time || a.orderId - b.orderId;
      });
    let budget = fillQty;
    const fills: TradeRecord[] = [];
    for (const order of crossing) {
      if (!isOpen(order)) continue;
      const qty = budget === undefined ? remainingQty(order) : remainingQty(order) < budget ? remainingQty(order) : budget;
      if (qty <= ZERO) break;
      fills.push(...this.applyFills(order, market, [{ price: dec(order.price), qty }], true, now));
      if (budget !== undefined) budget -= qty;
    }
    return fills;
  }

  private recordPublicTrade(symbol: string, price: Dec, qty: Dec, isBuyerMaker: boolean, now: number): void {
    const state = this.state.market(symbol);
    state.tape.push({
      id: this.state.nextTradeId++,
      price: fmt(price),
      qty: fmt(qty),
      quoteQty: fmt(mul(price, qty)),
      time: now,
      isBuyerMaker,
    });
    if (state.tape.length > TAPE_LENGTH) state.tape.splice(0, state.tape.length - TAPE_LENGTH);
    state.lastQty = fmt(qty);
    state.volume = fmt(dec(state.volume) + qty);
    state.quoteVolume = fmt(dec(state.quoteVolume) + mul(price, qty));
    state.count += 1;
  }
}
