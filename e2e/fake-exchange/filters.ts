/**
 * Binance's symbol filters, enforced on every new order before it touches balances or the book.
 * The failure text ("Filter failure: LOT_SIZE" ...) is what ccxt pattern-matches, so it matches
 * Binance's word for word.
 */
import { div, isMultipleOf, mul, type Dec } from './decimal';
import { errors } from './errors';
import type { Market } from './markets';
import type { OrderType, Side } from './state';

export interface OrderShape {
  side: Side;
  type: OrderType;
  quantity?: Dec;
  quoteOrderQty?: Dec;
  price?: Dec;
  stopPrice?: Dec;
}

const PERCENT_PRICE_UP = 5n;
const PERCENT_PRICE_DOWN_DIVISOR = 5n; // multiplierDown 0.2

function checkPrice(market: Market, price: Dec): void {
  if (price < market.minPrice || price > market.maxPrice || !isMultipleOf(price, market.tickSize)) {
    throw errors.filterFailure('PRICE_FILTER');
  }
}

export function isMarketType(type: OrderType): boolean {
  return type === 'MARKET' || type === 'STOP_LOSS' || type === 'TAKE_PROFIT';
}

/**
 * Validates an order against PRICE_FILTER, PERCENT_PRICE_BY_SIDE, LOT_SIZE, MARKET_LOT_SIZE and
 * NOTIONAL. `lastPrice` stands in for Binance's 5-minute average price where a filter needs it.
 */
export function checkFilters(market: Market, order: OrderShape, lastPrice: Dec): void {
  if (order.price !== undefined) {
    checkPrice(market, order.price);
    const tooHigh = order.price > lastPrice * PERCENT_PRICE_UP;
    const tooLow = order.price * PERCENT_PRICE_DOWN_DIVISOR < lastPrice;
    if (tooHigh || tooLow) throw errors.filterFailure('PERCENT_PRICE_BY_SIDE');
  }
  if (order.stopPrice !== undefined) checkPrice(market, order.stopPrice);

  if (order.quantity !== undefined) {
    const q = order.quantity;
    if (q < market.minQty || q > market.maxQty || !isMultipleOf(q, market.stepSize)) {
      throw errors.filterFailure('LOT_SIZE');
    }
    if (isMarketType(order.type) && q > market.marketMaxQty) throw errors.filterFailure('MARKET_LOT_SIZE');
  }

  // NOTIONAL: min applies to market orders too (applyMinToMarket), max only to limit orders.
  const reference = order.price ?? order.stopPrice ?? lastPrice;
  let notional: Dec | undefined;
  if (order.quantity !== undefined) notional = mul(order.quantity, reference);
  else if (order.quoteOrderQty !== undefined) notional = order.quoteOrderQty;
  if (notional !== undefined) {
    if (notional < market.minNotional) throw errors.filterFailure('NOTIONAL');
    if (!isMarketType(order.type) && notional > market.maxNotional) throw errors.filterFailure('NOTIONAL');
  }
  if (order.quoteOrderQty !== undefined && div(order.quoteOrderQty, lastPrice) > market.marketMaxQty) {
    throw errors.filterFailure('MARKET_LOT_SIZE');
  }
}
