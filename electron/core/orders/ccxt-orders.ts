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
  const orderTypes = Array.isArray(info.orderTypes) ? (info.orderTypes as unknown[]).filter((t): t is string => typeof t === 'string') : null;
  const stopMarket = orderTypes ? orderTypes.includes('STOP_LOSS') : truthy(has['createStopMarketOrder']);
  const stopLimit = orderTypes ? orderTypes.includes('STOP_LOSS_LIMIT') : truthy(has['createStopLimitOrder']) || truthy(has['createTriggerOrder']);
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
    feeSide: feeSide === 'give' || feeSide === 'base' || feeSide === 'quote' ? (feeSide as FeeSide) : 'get',
    stopMarket,
    stopLimit,
  };
}

export function statusFromCcxt(order: Order): VenueStatus {
  const filled = num(order.filled) ?? 0;
  switch (order.status) {
    case 'closed':
      return 'filled';
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

export function venueOrderFromCcxt(order: Order, fallback: { clientOrderId: string; symbol: string; side?: OrderSide; type?: OrderType }): VenueOrder {
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
  };
}
