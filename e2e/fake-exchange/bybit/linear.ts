/**
 * Bybit USDT-margined linear perpetuals (category `linear`) for the fake's unified account: one
 * contract per USDT-quoted spot market (same symbol, e.g. BTCUSDT), priced by that market's last
 * price, so a test's `setPrice` moves both. Accounts start in one-way position mode (positionIdx 0),
 * as a new Bybit account does; `setPositionMode(account, 'hedge')` (a test control, allowed only
 * while the account holds no position and no resting order, as Bybit requires) puts it in hedge
 * mode: the position list then answers two legs per symbol (positionIdx 1 Buy, 2 Sell) and an
 * order with positionIdx 0 is refused as Bybit does.
 *
 * Model (kept simple and exact for tests):
 * - a market order fills whole at once, as taker, at the last price rounded to the contract's tick
 *   (a buy rounds up, a sell down); a limit order that is marketable fills the same way at its
 *   limit or better, else rests and fills whole, as maker at its limit, when `setPrice` trades
 *   through it (buy: price ≤ limit, sell: price ≥ limit);
 * - the position is signed (a sell from flat opens a short), its entry the average of the fills
 *   that grew it; a fill that reduces it books (exit − entry) × qty (long) or (entry − exit) × qty
 *   (short) into the USDT wallet, and every fill pays its fee in USDT from the wallet;
 * - `reduceOnly` orders must be on the other side of an open position; their quantity is cut to
 *   the position's size, as Bybit does;
 * - margin: initial margin is value ÷ leverage (position at its entry, orders at their price);
 *   a new order that does not reduce needs its margin plus fee within the USDT available
 *   (wallet − spot locks − margins in use + unrealised loss), else 110007;
 * - not modelled: funding payments (the tickers say funding rate 0), liquidation, risk limits,
 *   trading in hedge mode (its legs stay empty), conditional (trigger / TP-SL) orders, partial fills.
 */
import type { ExchangeCore } from '../core';
import { ceilTo, dec, div, floorTo, isMultipleOf, mul, plain, ZERO, type Dec } from '../decimal';
import type { Market } from '../markets';
import { BybitError } from './errors';

/** Bybit's published rules for the contracts the fake lists (others get the spot market's steps). */
const CONTRACT_RULES: Readonly<Record<string, { qtyStep: string; tickSize: string; maxOrderQty: string; maxMktOrderQty: string }>> = {
  BTCUSDT: { qtyStep: '0.001', tickSize: '0.1', maxOrderQty: '1190', maxMktOrderQty: '119' },
  ETHUSDT: { qtyStep: '0.01', tickSize: '0.01', maxOrderQty: '7240', maxMktOrderQty: '724' },
};

/** Bybit's non-VIP derivatives fees. */
export const LINEAR_FEES = { maker: '0.0002', taker: '0.00055' } as const;
const DEFAULT_LEVERAGE = '10';
const MAX_LEVERAGE = 100;
const SETTLE = 'USDT';

export interface Contract {
  symbol: string;
  base: string;
  qtyStep: Dec;
  tickSize: Dec;
  minOrderQty: Dec;
  maxOrderQty: Dec;
  maxMktOrderQty: Dec;
  minNotional: Dec;
  spot: Market;
}

export type PositionMode = 'one-way' | 'hedge';

export type LinearStatus = 'New' | 'Filled' | 'Cancelled' | 'Rejected';

export interface LinearOrder {
  orderId: string;
  orderLinkId: string;
  account: string;
  symbol: string;
  side: 'Buy' | 'Sell';
  orderType: 'Market' | 'Limit';
  timeInForce: 'GTC' | 'IOC' | 'FOK' | 'PostOnly';
  price: Dec;
  qty: Dec;
  filled: Dec;
  value: Dec;
  fee: Dec;
  status: LinearStatus;
  reduceOnly: boolean;
  created: number;
  updated: number;
}

export interface LinearExecution {
  execId: string;
  orderId: string;
  account: string;
  symbol: string;
  side: 'Buy' | 'Sell';
  price: Dec;
  qty: Dec;
  fee: Dec;
  feeRate: string;
  isMaker: boolean;
  /** The part of the fill that closed position (Bybit's closedSize). */
  closedSize: Dec;
  time: number;
  seq: number;
}

export interface LinearPosition {
  /** Signed: positive long, negative short. */
  size: Dec;
  avgPrice: Dec;
  leverage: string;
  realised: Dec;
  created: number;
  updated: number;
  seq: number;
}

export interface NewLinearOrder {
  symbol: string;
  side: 'Buy' | 'Sell';
  orderType: 'Market' | 'Limit';
  qty: Dec;
  price?: Dec;
  timeInForce: LinearOrder['timeInForce'];
  orderLinkId?: string;
  reduceOnly: boolean;
}

const abs = (v: Dec) => (v < ZERO ? -v : v);
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export class LinearBook {
  readonly orders: LinearOrder[] = [];
  readonly executions: LinearExecution[] = [];
  private readonly positions = new Map<string, LinearPosition>();
  private readonly hedgeAccounts = new Set<string>();
  private seq = 1;

  constructor(
    readonly core: ExchangeCore,
    readonly fees: { maker: string; taker: string } = LINEAR_FEES,
  ) {}

  contracts(): Contract[] {
    return [...this.core.markets.values()].filter((m) => m.quote === SETTLE).map((m) => this.contractOf(m));
  }

  contract(symbol: string | undefined): Contract | undefined {
    const spot = symbol === undefined ? undefined : this.core.markets.get(symbol.toUpperCase());
    return spot && spot.quote === SETTLE ? this.contractOf(spot) : undefined;
  }

  private contractOf(spot: Market): Contract {
    const rules = CONTRACT_RULES[spot.symbol];
    const qtyStep = rules ? dec(rules.qtyStep) : spot.stepSize;
    return {
      symbol: spot.symbol,
      base: spot.base,
      qtyStep,
      tickSize: rules ? dec(rules.tickSize) : spot.tickSize,
      minOrderQty: qtyStep,
      maxOrderQty: rules ? dec(rules.maxOrderQty) : spot.maxQty,
      maxMktOrderQty: rules ? dec(rules.maxMktOrderQty) : spot.marketMaxQty,
      minNotional: dec('5'),
      spot,
    };
  }

  /** The contract's last (and mark) price: the spot market's last price on the contract's tick. */
  markPrice(contract: Contract): Dec {
    return floorTo(this.core.engine.lastPrice(contract.symbol), contract.tickSize);
  }

  position(account: string, symbol: string): LinearPosition {
    const key = `${account}|${symbol}`;
    let position = this.positions.get(key);
    if (!position) {
      position = {
        size: ZERO,
        avgPrice: ZERO,
        leverage: DEFAULT_LEVERAGE,
        realised: ZERO,
        created: Date.now(),
        updated: Date.now(),
        seq: 0,
      };
      this.positions.set(key, position);
    }
    return position;
  }

  /** Every position of the account that is open (size ≠ 0). */
  openPositions(account: string): Array<{ symbol: string; position: LinearPosition }> {
    return [...this.positions.entries()]
      .filter(([key, p]) => key.startsWith(`${account}|`) && p.size !== ZERO)
      .map(([key, position]) => ({ symbol: key.slice(account.length + 1), position }));
  }

  positionMode(account: string): PositionMode {
    return this.hedgeAccounts.has(account) ? 'hedge' : 'one-way';
  }

  /** Test control: Bybit switches the mode only with no position and no resting order on the account. */
  setPositionMode(keyOrAccount: string, mode: PositionMode): void {
    const account = this.core.state.accountIdFor(keyOrAccount);
    const busy = this.openPositions(account).length > 0 || this.orders.some((o) => o.account === account && o.status === 'New');
    if (busy) throw new Error(`fake Bybit: ${account} holds a position or a resting order; Bybit switches position mode only when flat`);
    if (mode === 'hedge') this.hedgeAccounts.add(account);
    else this.hedgeAccounts.delete(account);
  }

  unrealised(contract: Contract, position: LinearPosition): Dec {
    if (position.size === ZERO) return ZERO;
    return mul(this.markPrice(contract) - position.avgPrice, position.size);
  }

  positionIM(position: LinearPosition): Dec {
    return div(mul(abs(position.size), position.avgPrice), dec(position.leverage));
  }

  /** What the account's perpetuals hold of its USDT: margins of positions and resting orders, unrealised PnL. */
  usage(account: string): { positionIM: Dec; orderIM: Dec; unrealised: Dec } {
    let positionIM = ZERO;
    let unrealised = ZERO;
    for (const { symbol, position } of this.openPositions(account)) {
      const contract = this.contract(symbol);
      if (!contract) continue;
      positionIM += this.positionIM(position);
      unrealised += this.unrealised(contract, position);
    }
    let orderIM = ZERO;
    for (const order of this.orders) {
      if (order.account !== account || order.status !== 'New' || order.reduceOnly) continue;
      orderIM += div(mul(order.qty - order.filled, order.price), dec(this.position(account, order.symbol).leverage));
    }
    return { positionIM, orderIM, unrealised };
  }

  available(account: string): Dec {
    const { free } = this.core.state.balance(account, SETTLE);
    const { positionIM, orderIM, unrealised } = this.usage(account);
    return free - positionIM - orderIM + (unrealised < ZERO ? unrealised : ZERO);
  }

  setLeverage(account: string, symbol: string, buy: string, sell: string, now: number): void {
    const contract = this.contract(symbol);
    if (!contract) throw new BybitError(10001, 'params error: symbol invalid');
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(buy) || !/^\d{1,3}(\.\d{1,2})?$/.test(sell))
      throw new BybitError(10001, 'params error: buyLeverage and sellLeverage must be numbers');
    // One-way mode: both sides share one leverage.
    if (dec(buy) !== dec(sell)) throw new BybitError(10001, 'buy leverage must be equal to sell leverage in one-way mode');
    if (dec(buy) < dec('1') || dec(buy) > dec(MAX_LEVERAGE)) throw new BybitError(10001, `leverage must be between 1 and ${MAX_LEVERAGE}`);
    const position = this.position(account, contract.symbol);
    if (dec(position.leverage) === dec(buy)) throw new BybitError(110043, 'Set leverage not modified');
    position.leverage = plain(dec(buy));
    position.updated = now;
  }

  place(account: string, req: NewLinearOrder, now: number): LinearOrder {
    const contract = this.contract(req.symbol);
    if (!contract) throw new BybitError(10001, 'params error: symbol invalid');
    if (!isMultipleOf(req.qty, contract.qtyStep)) throw new BybitError(10001, 'Qty invalid');
    if (req.qty < contract.minOrderQty) throw new BybitError(10001, 'The number of contracts exceeds minimum limit allowed');
    const maxQty = req.orderType === 'Market' ? contract.maxMktOrderQty : contract.maxOrderQty;
    if (req.qty > maxQty) throw new BybitError(10001, 'The number of contracts exceeds maximum limit allowed');
    if (req.price !== undefined && !isMultipleOf(req.price, contract.tickSize)) throw new BybitError(10001, 'Price invalid');
    if (req.orderLinkId !== undefined && this.orders.some((o) => o.account === account && o.orderLinkId === req.orderLinkId))
      throw new BybitError(110072, 'OrderLinkedID is duplicate');
    const position = this.position(account, contract.symbol);
    const mark = this.markPrice(contract);
    let qty = req.qty;
    if (req.reduceOnly) {
      const closes = (req.side === 'Buy' && position.size < ZERO) || (req.side === 'Sell' && position.size > ZERO);
      if (position.size === ZERO) throw new BybitError(110017, 'current position is zero, cannot fix reduce-only order qty');
      if (!closes) throw new BybitError(110017, 'Reduce-only rule not satisfied');
      // Bybit cuts a reduce-only order to what the position holds.
      if (qty > abs(position.size)) qty = abs(position.size);
    }
    const price = req.price ?? mark;
    if (!req.reduceOnly && mul(qty, price) < contract.minNotional)
      throw new BybitError(110094, `Order does not meet minimum order value ${plain(contract.minNotional)}USDT`);
    const opening = this.openingQty(position, req.side, qty);
    if (opening > ZERO) {
      const margin = div(mul(opening, price), dec(position.leverage)) + mul(mul(opening, price), dec(this.fees.taker));
      if (margin > this.available(account)) throw new BybitError(110007, 'ab not enough for new order');
    }
    const order: LinearOrder = {
      orderId: uuid(this.core.state.nextOrderId++),
      orderLinkId: req.orderLinkId ?? '',
      account,
      symbol: contract.symbol,
      side: req.side,
      orderType: req.orderType,
      timeInForce: req.orderType === 'Market' ? 'IOC' : req.timeInForce,
      price: req.price ?? ZERO,
      qty,
      filled: ZERO,
      value: ZERO,
      fee: ZERO,
      status: 'New',
      reduceOnly: req.reduceOnly,
      created: now,
      updated: now,
    };
    this.orders.push(order);
    const takerPrice = req.side === 'Buy' ? ceilTo(this.core.engine.lastPrice(contract.symbol), contract.tickSize) : mark;
    const marketable = req.orderType === 'Market' || (req.side === 'Buy' ? order.price >= takerPrice : order.price <= takerPrice);
    if (marketable && req.timeInForce === 'PostOnly') {
      order.status = 'Cancelled';
      return order;
    }
    if (marketable) this.fill(order, contract, takerPrice, false, now);
    else if (order.timeInForce === 'IOC' || order.timeInForce === 'FOK') order.status = 'Cancelled';
    return order;
  }

  /** The part of a fill of `qty` on `side` that grows the position rather than closing it. */
  private openingQty(position: LinearPosition, side: 'Buy' | 'Sell', qty: Dec): Dec {
    const closing = side === 'Buy' ? (position.size < ZERO ? abs(position.size) : ZERO) : position.size > ZERO ? position.size : ZERO;
    return qty > closing ? qty - closing : ZERO;
  }

  cancel(account: string, symbol: string, by: { orderId?: string; orderLinkId?: string }, now: number): LinearOrder {
    const order = this.find(account, symbol, by);
    if (!order || order.status !== 'New') throw new BybitError(110001, 'order not exists or too late to cancel');
    order.status = 'Cancelled';
    order.updated = now;
    return order;
  }

  find(account: string, symbol: string | undefined, by: { orderId?: string; orderLinkId?: string }): LinearOrder | undefined {
    return this.orders.find(
      (o) =>
        o.account === account &&
        (symbol === undefined || o.symbol === symbol) &&
        (by.orderId !== undefined ? o.orderId === by.orderId : by.orderLinkId !== undefined && o.orderLinkId === by.orderLinkId),
    );
  }

  /** A price move: resting limits it trades through fill at their own price, as makers. */
  onPrice(symbol: string, price: Dec, now: number): void {
    const contract = this.contract(symbol);
    if (!contract) return;
    for (const order of this.orders) {
      if (order.symbol !== contract.symbol || order.status !== 'New' || order.orderType !== 'Limit') continue;
      if (order.side === 'Buy' ? price <= order.price : price >= order.price) {
        if (order.reduceOnly) {
          const position = this.position(order.account, order.symbol);
          const closes = order.side === 'Buy' ? position.size < ZERO : position.size > ZERO;
          if (!closes) {
            order.status = 'Cancelled';
            order.updated = now;
            continue;
          }
          if (order.qty > abs(position.size)) order.qty = abs(position.size);
        }
        this.fill(order, contract, order.price, true, now);
      }
    }
  }

  private fill(order: LinearOrder, contract: Contract, price: Dec, isMaker: boolean, now: number): void {
    const qty = order.qty - order.filled;
    const position = this.position(order.account, contract.symbol);
    const closing = qty - this.openingQty(position, order.side, qty);
    const feeRate = isMaker ? this.fees.maker : this.fees.taker;
    const fee = mul(mul(qty, price), dec(feeRate));
    let realised = -fee;
    if (closing > ZERO) {
      // Closing part: (exit − entry) per unit of a long, (entry − exit) of a short.
      realised += position.size > ZERO ? mul(price - position.avgPrice, closing) : mul(position.avgPrice - price, closing);
    }
    const opening = qty - closing;
    const remaining = position.size + (order.side === 'Buy' ? closing : -closing);
    if (opening > ZERO) {
      const openedSigned = order.side === 'Buy' ? opening : -opening;
      position.avgPrice =
        remaining === ZERO ? price : div(mul(position.avgPrice, abs(remaining)) + mul(price, opening), abs(remaining) + opening);
      position.size = remaining + openedSigned;
    } else {
      position.size = remaining;
      if (position.size === ZERO) position.avgPrice = ZERO;
    }
    position.realised += realised;
    position.updated = now;
    position.seq = this.seq;
    const wallet = this.core.state.balance(order.account, SETTLE);
    this.core.state.setBalance(order.account, SETTLE, wallet.free + realised, wallet.locked, now);
    order.filled += qty;
    order.value += mul(qty, price);
    order.fee += fee;
    order.status = 'Filled';
    order.updated = now;
    this.executions.push({
      execId: uuid(this.core.state.nextTradeId++),
      orderId: order.orderId,
      account: order.account,
      symbol: contract.symbol,
      side: order.side,
      price,
      qty,
      fee,
      feeRate,
      isMaker,
      closedSize: closing,
      time: now,
      seq: this.seq++,
    });
  }
}
