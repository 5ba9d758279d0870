/**
 * Translation between ccxt's unified order/trade/market structures and the venue interface.
 * Exchanges send these payloads, so every field is checked rather than trusted.
 */
import ccxt, { type Exchange, type MarketInterface, type Order, type Trade } from 'ccxt';
import type { OrderSide, OrderType } from '../../../shared/ipc/schemas/orders';
import type { FeeSide, MarketRules, VenueFill, VenueOrder, VenueStatus } from './venue';

const DEFAULT_FEE = 0.001;

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const truthy = (value: unknown) => value === true || value === 'emulated';

export function rulesFromCcxt(exchange: Exchange, market: MarketInterface): MarketRules {
  const tickMode = exchange.precisionMode === ccxt.TICK_SIZE;
  const step = (p: number | undefined) => (p === undefined || p === null ? null : tickMode ? p : 10 ** -p);
  const has = exchange.has as Record<string, unknown>;
  // Binance lists the order types each symbol accepts; elsewhere the exchange-wide flags decide.
  const info = (market.info ?? {}) as { orderTypes?: unknown };
  const orderTypes = Array.isArray(info.orderTypes)
    ? (info.orderTypes as unknown[]).filter((t): t is string => typeof t === 'string')
    : null;
  const stopMarket = orderTypes ? orderTypes.includes('STOP_LOSS') : truthy(has['createStopMarketOrder']);
  const stopLimit = orderTypes
    ? orderTypes.includes('STOP_LOSS_LIMIT')
    : truthy(has['createStopLimitOrder']) || truthy(has['createTriggerOrder']);
  const feeSide = (market as { feeSide?: unknown }).feeSide;
  return {
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    amountStep: step(market.precision.amount),
    priceStep: step(market.precision.price),
    minAmount: num(market.limits.amount?.min),
    minCost: num(market.limits.cost?.min),
    maxAmount: num(market.limits.amount?.max),
    makerFee: num(market.maker) ?? DEFAULT_FEE,
    takerFee: num(market.taker) ?? DEFAULT_FEE,
    feeAssumed: num(market.taker) === null,
    feeSide: feeSide === 'give' || feeSide === 'base' || feeSide === 'quote' ? (feeSide as FeeSide) : 'get',
    stopMarket,
    stopLimit,
    ...(typeof market.type === 'string' ? { marketType: market.type } : {}),
    ...contractSizeOf(market),
  };
}

/** ccxt's coins-per-contract of a derivatives market, when it publishes one. */
function contractSizeOf(market: MarketInterface): { contractSize?: number } {
  const size = num(market.contractSize);
  return size === null ? {} : { contractSize: size };
}

/** Whether a closed order still had quantity left, i.e. it ended without filling completely. */
function amountLeft(order: Order, filled: number): boolean {
  const amount = num(order.amount);
  return amount !== null && amount > 0 && filled < amount * (1 - 1e-9);
}

export function statusFromCcxt(order: Order): VenueStatus {
  const filled = num(order.filled) ?? 0;
  switch (order.status) {
    case 'closed':
      // Bybit spot reports an order cancelled after a partial fill as closed (PartiallyFilledCanceled).
      return amountLeft(order, filled) ? 'cancelled' : 'filled';
    case 'canceled':
    case 'cancelled':
      return 'cancelled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    default:
      return filled > 0 ? 'partially_filled' : 'open';
  }
}

/** Our order type for an exchange order (used when adopting orders placed elsewhere). */
export function typeFromCcxt(order: Order): OrderType {
  const trigger = num(order.triggerPrice) ?? num(order.stopPrice);
  const market = order.type === 'market' || order.type === 'stop_loss' || order.type === 'take_profit';
  if (trigger !== null) return market ? 'stop_market' : 'stop_limit';
  return market ? 'market' : 'limit';
}

export function fillFromCcxt(trade: Trade): VenueFill | null {
  const price = num(trade.price);
  const amount = num(trade.amount);
  if (typeof trade.id !== 'string' || trade.id === '' || price === null || amount === null) return null;
  return {
    tradeId: trade.id,
    price,
    amount,
    cost: num(trade.cost) ?? price * amount,
    fee: num(trade.fee?.cost) ?? 0,
    feeAsset: typeof trade.fee?.currency === 'string' ? trade.fee.currency : null,
    maker: trade.takerOrMaker === 'maker' ? true : trade.takerOrMaker === 'taker' ? false : null,
    at: num(trade.timestamp) ?? Date.now(),
  };
}

export function venueOrderFromCcxt(
  order: Order,
  fallback: { clientOrderId: string; symbol: string; side?: OrderSide; type?: OrderType },
): VenueOrder {
  const filled = num(order.filled) ?? 0;
  const cost = num(order.cost) ?? 0;
  const trades = Array.isArray(order.trades) ? order.trades : [];
  const fills = trades.map(fillFromCcxt).filter((f): f is VenueFill => f !== null);
  return {
    clientOrderId: typeof order.clientOrderId === 'string' && order.clientOrderId !== '' ? order.clientOrderId : fallback.clientOrderId,
    exchangeOrderId: typeof order.id === 'string' && order.id !== '' ? order.id : null,
    symbol: typeof order.symbol === 'string' ? order.symbol : fallback.symbol,
    side: order.side === 'buy' || order.side === 'sell' ? order.side : (fallback.side ?? 'buy'),
    type: fallback.type ?? typeFromCcxt(order),
    amount: num(order.amount) ?? 0,
    price: num(order.price),
    stopPrice: num(order.triggerPrice) ?? num(order.stopPrice),
    status: statusFromCcxt(order),
    filled,
    averagePrice: num(order.average) ?? (filled > 0 && cost > 0 ? cost / filled : null),
    cost,
    fills: fills.length > 0 ? fills : null,
    updatedAt: num(order.lastUpdateTimestamp) ?? num(order.timestamp) ?? Date.now(),
    ...(order.reduceOnly === true ? { reduceOnly: true } : {}),
  };
}

// ---- native OCO (Binance spot) ------------------------------------------------------------------

/**
 * A bracket's exits as one exchange-side one-cancels-the-other list: a take-profit that only
 * rests as maker, and a stop that sells (or buys back) at market once triggered — the same
 * close Tradewind itself makes when it manages the stop. Every id is ours and recorded first.
 */
export interface OcoExitRequest {
  listClientOrderId: string;
  symbol: string;
  /** The exit side: sell for a long bracket, buy for a short one. */
  side: OrderSide;
  amount: number;
  target: { clientOrderId: string; price: number };
  stop: { clientOrderId: string; stopPrice: number };
}

/** The two legs as the exchange answered; a leg is null when the answer did not include it. */
export interface OcoExitAnswer {
  target: VenueOrder | null;
  stop: VenueOrder | null;
}

const OCO_LEG_TYPES = ['LIMIT_MAKER', 'STOP_LOSS'] as const;

/**
 * Whether a market can carry an exit OCO. ccxt 4.5.84 has no unified OCO and no `has` flag for it
 * (`createOrderWithTakeProfitAndStopLoss` is false for Binance); Binance spot reaches it through
 * the implicit `privatePostOrderListOco` (POST /api/v3/orderList/oco). The market's own
 * exchangeInfo says whether OCO and both leg types are allowed on it.
 */
export function binanceOcoSupported(exchange: Exchange, market: MarketInterface): boolean {
  if (exchange.id !== 'binance' || market.spot !== true) return false;
  if (typeof (exchange as unknown as Record<string, unknown>)['privatePostOrderListOco'] !== 'function') return false;
  const info = (market.info ?? {}) as { ocoAllowed?: unknown; orderTypes?: unknown };
  const orderTypes = Array.isArray(info.orderTypes) ? info.orderTypes : [];
  return info.ocoAllowed === true && OCO_LEG_TYPES.every((t) => orderTypes.includes(t));
}

/**
 * POST /api/v3/orderList/oco parameters. The leg above the market is the sell's take-profit or
 * the buy's stop; the one below is the sell's stop or the buy's take-profit.
 */
export function binanceOcoParams(exchange: Exchange, market: MarketInterface, request: OcoExitRequest): Record<string, string> {
  const price = (value: number) => String(exchange.priceToPrecision(market.symbol, value));
  const target = { Type: 'LIMIT_MAKER', ClientOrderId: request.target.clientOrderId, Price: price(request.target.price) };
  const stop = { Type: 'STOP_LOSS', ClientOrderId: request.stop.clientOrderId, StopPrice: price(request.stop.stopPrice) };
  const [above, below] = request.side === 'sell' ? [target, stop] : [stop, target];
  const params: Record<string, string> = {
    symbol: String(market.id),
    side: request.side.toUpperCase(),
    quantity: String(exchange.amountToPrecision(market.symbol, request.amount)),
    listClientOrderId: request.listClientOrderId,
    newOrderRespType: 'RESULT',
  };
  for (const [key, value] of Object.entries(above)) params[`above${key}`] = String(value);
  for (const [key, value] of Object.entries(below)) params[`below${key}`] = String(value);
  return params;
}

/** Reads the legs out of Binance's order-list answer (`orderReports`, else the bare `orders` acknowledgement). */
export function ocoLegsFromBinance(exchange: Exchange, market: MarketInterface, response: unknown, request: OcoExitRequest): OcoExitAnswer {
  const body = (response ?? {}) as { orderReports?: unknown; orders?: unknown };
  const reports = Array.isArray(body.orderReports) ? (body.orderReports as Array<Record<string, unknown>>) : [];
  const acks = Array.isArray(body.orders) ? (body.orders as Array<Record<string, unknown>>) : [];
  const leg = (clientOrderId: string, type: OrderType, price: number | null, stopPrice: number | null): VenueOrder | null => {
    const report = reports.find((r) => r['clientOrderId'] === clientOrderId);
    const fallback = { clientOrderId, symbol: market.symbol, side: request.side, type };
    if (report) return venueOrderFromCcxt(exchange.parseOrder(report, market), fallback);
    const ack = acks.find((r) => r['clientOrderId'] === clientOrderId);
    const orderId = ack?.['orderId'];
    if (typeof orderId !== 'number' && typeof orderId !== 'string') return null;
    // An acknowledgement only says the leg exists: it is open and untouched until read again.
    return {
      ...fallback,
      exchangeOrderId: String(orderId),
      amount: request.amount,
      price,
      stopPrice,
      status: 'open',
      filled: 0,
      averagePrice: null,
      cost: 0,
      fills: null,
      updatedAt: Date.now(),
    };
  };
  return {
    target: leg(request.target.clientOrderId, 'limit', request.target.price, null),
    stop: leg(request.stop.clientOrderId, 'stop_market', null, request.stop.stopPrice),
  };
}
