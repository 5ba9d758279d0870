/**
 * Order endpoints: place, query, cancel, open orders, order history and the account's trades.
 * Parameter rules per order type follow Binance's table (which fields are mandatory, which are
 * refused with -1106), so client code that sends a wrong combination fails here as it would live.
 */
import { keyOf, type ExchangeCore, type RequestContext, type Route } from '../core';
import { errors } from '../errors';
import { checkFilters } from '../filters';
import { randomClientId, type NewOrder } from '../matching';
import { ORDER_TYPES } from '../markets';
import { limitParam, oneOf, optional, optionalClientId, optionalDecimal, optionalInt, requireMarket } from '../params';
import type { OrderRecord, OrderType, TimeInForce } from '../state';
import { cancelView, listView, myTradeView, placementView, queryView, type RespType } from './views';

const SIDES = ['BUY', 'SELL'] as const;
const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK'] as const;
const RESP_TYPES = ['ACK', 'RESULT', 'FULL'] as const;

const NEEDS_PRICE: readonly OrderType[] = ['LIMIT', 'LIMIT_MAKER', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'];
const NEEDS_TIF: readonly OrderType[] = ['LIMIT', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'];
const NEEDS_STOP: readonly OrderType[] = ['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];

/** Parses one order's price/stop/time-in-force fields under the given names (OCO legs use abovePrice etc.). */
export function parseLegFields(
  params: URLSearchParams,
  type: OrderType,
  names: { price: string; stopPrice: string; timeInForce: string },
): { price?: NewOrder['price']; stopPrice?: NewOrder['stopPrice']; timeInForce?: TimeInForce } {
  const price = optionalDecimal(params, names.price);
  const stopPrice = optionalDecimal(params, names.stopPrice);
  const timeInForce = oneOf(optional(params, names.timeInForce), TIME_IN_FORCE, errors.invalidTimeInForce);
  if (NEEDS_PRICE.includes(type) && price === undefined) throw errors.mandatory(names.price);
  if (!NEEDS_PRICE.includes(type) && price !== undefined) throw errors.notRequired(names.price);
  if (NEEDS_STOP.includes(type) && stopPrice === undefined) throw errors.mandatory(names.stopPrice);
  if (!NEEDS_STOP.includes(type) && stopPrice !== undefined) throw errors.notRequired(names.stopPrice);
  if (NEEDS_TIF.includes(type) && timeInForce === undefined) throw errors.mandatory(names.timeInForce);
  if (!NEEDS_TIF.includes(type) && timeInForce !== undefined) throw errors.notRequired(names.timeInForce);
  return {
    ...(price !== undefined ? { price } : {}),
    ...(stopPrice !== undefined ? { stopPrice } : {}),
    ...(timeInForce !== undefined ? { timeInForce } : {}),
  };
}

function parseNewOrder(params: URLSearchParams, core: ExchangeCore): { order: NewOrder; respType: RespType } {
  const market = requireMarket(core.markets, params);
  const side = oneOf(optional(params, 'side'), SIDES, errors.invalidSide);
  if (!side) throw errors.mandatory('side');
  const type = oneOf(optional(params, 'type'), ORDER_TYPES, errors.invalidOrderType);
  if (!type) throw errors.mandatory('type');
  if (optional(params, 'trailingDelta') !== undefined) throw errors.invalidParam('trailingDelta');
  if (optional(params, 'icebergQty') !== undefined) throw errors.invalidParam('icebergQty');

  const quantity = optionalDecimal(params, 'quantity');
  const quoteOrderQty = optionalDecimal(params, 'quoteOrderQty');
  if (type === 'MARKET') {
    if (quantity === undefined && quoteOrderQty === undefined) throw errors.eitherParam('quantity', 'quoteOrderQty');
    if (quantity !== undefined && quoteOrderQty !== undefined) throw errors.notRequired('quoteOrderQty');
  } else {
    if (quantity === undefined) throw errors.mandatory('quantity');
    if (quoteOrderQty !== undefined) throw errors.notRequired('quoteOrderQty');
  }
  const leg = parseLegFields(params, type, { price: 'price', stopPrice: 'stopPrice', timeInForce: 'timeInForce' });
  const clientId = optionalClientId(params, 'newClientOrderId');
  const respType =
    oneOf(optional(params, 'newOrderRespType'), RESP_TYPES, () => errors.invalidParam('newOrderRespType')) ??
    (type === 'MARKET' || type === 'LIMIT' ? 'FULL' : 'ACK');
  return {
    order: {
      symbol: market.symbol,
      side,
      type,
      ...leg,
      ...(quantity !== undefined ? { quantity } : {}),
      ...(quoteOrderQty !== undefined ? { quoteOrderQty } : {}),
      ...(clientId !== undefined ? { newClientOrderId: clientId } : {}),
    },
    respType,
  };
}

/** Finds the caller's order by orderId or origClientOrderId; `missing` is -2013 or -2011. */
function findOrder(ctx: RequestContext, core: ExchangeCore, missing: () => Error): OrderRecord {
  const market = requireMarket(core.markets, ctx.params);
  const account = keyOf(ctx).account;
  const orderId = optionalInt(ctx.params, 'orderId');
  const clientId = optional(ctx.params, 'origClientOrderId');
  if (orderId === undefined && clientId === undefined) throw errors.eitherParam('orderId', 'origClientOrderId');
  const order =
    orderId !== undefined
      ? core.state.orderById(account, market.symbol, orderId)
      : core.state.orderByClientId(account, market.symbol, clientId as string);
  if (!order || (orderId !== undefined && clientId !== undefined && order.clientOrderId !== clientId)) throw missing();
  return order;
}

function inTimeRange(time: number, params: URLSearchParams): boolean {
  const startTime = optionalInt(params, 'startTime');
  const endTime = optionalInt(params, 'endTime');
  return (startTime === undefined || time >= startTime) && (endTime === undefined || time <= endTime);
}

export const orderRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v3/order',
    security: 'TRADE',
    handle: (ctx, core) => {
      const { order, respType } = parseNewOrder(ctx.params, core);
      const placed = core.engine.placeOrder(keyOf(ctx).account, order, ctx.now);
      return placementView(placed.order, placed.fills, respType);
    },
  },
  {
    method: 'POST',
    path: '/api/v3/order/test',
    security: 'TRADE',
    handle: (ctx, core) => {
      const { order } = parseNewOrder(ctx.params, core);
      checkFilters(core.engine.market(order.symbol), order, core.engine.lastPrice(order.symbol));
      return {};
    },
  },
  {
    method: 'GET',
    path: '/api/v3/order',
    security: 'USER_DATA',
    handle: (ctx, core) => queryView(findOrder(ctx, core, errors.orderNotFound)),
  },
  {
    method: 'DELETE',
    path: '/api/v3/order',
    security: 'TRADE',
    handle: (ctx, core) => {
      const order = findOrder(ctx, core, errors.unknownOrderCancel);
      core.engine.cancelOrder(order, ctx.now);
      return cancelView(order, optionalClientId(ctx.params, 'newClientOrderId') ?? randomClientId(), ctx.now);
    },
  },
  {
    method: 'GET',
    path: '/api/v3/openOrders',
    security: 'USER_DATA',
    handle: (ctx, core) => {
      const symbol = optional(ctx.params, 'symbol') !== undefined ? requireMarket(core.markets, ctx.params).symbol : undefined;
      return core.state.openOrders(keyOf(ctx).account, symbol).map(queryView);
    },
  },
  {
    method: 'DELETE',
    path: '/api/v3/openOrders',
    security: 'TRADE',
    handle: (ctx, core) => {
      const market = requireMarket(core.markets, ctx.params);
      const account = keyOf(ctx).account;
      const open = core.state.openOrders(account, market.symbol);
      if (open.length === 0) throw errors.unknownOrderCancel();
      const replies: unknown[] = [];
      const listsDone = new Set<number>();
      for (const order of open) {
        if (order.orderListId >= 0) {
          if (listsDone.has(order.orderListId)) continue;
          listsDone.add(order.orderListId);
          const list = core.state.orderLists.find((l) => l.orderListId === order.orderListId);
          if (!list) continue;
          const legs = core.engine.cancelList(list, ctx.now);
          replies.push({ ...listView(list, legs), orderReports: legs.map((o) => cancelView(o, randomClientId(), ctx.now)) });
        } else {
          core.engine.cancelOrder(order, ctx.now);
          replies.push(cancelView(order, randomClientId(), ctx.now));
        }
      }
      return replies;
    },
  },
  {
    method: 'GET',
    path: '/api/v3/allOrders',
    security: 'USER_DATA',
    handle: (ctx, core) => {
      const market = requireMarket(core.markets, ctx.params);
      const fromId = optionalInt(ctx.params, 'orderId');
      const limit = limitParam(ctx.params, 500, 1000);
      const account = keyOf(ctx).account;
      const matching = core.state.orders.filter(
        (o) =>
          o.account === account &&
          o.symbol === market.symbol &&
          (fromId === undefined || o.orderId >= fromId) &&
          inTimeRange(o.time, ctx.params),
      );
      const selected = fromId !== undefined ? matching.slice(0, limit) : matching.slice(-limit);
      return selected.map(queryView);
    },
  },
  {
    method: 'GET',
    path: '/api/v3/myTrades',
    security: 'USER_DATA',
    handle: (ctx, core) => {
      const market = requireMarket(core.markets, ctx.params);
      const orderId = optionalInt(ctx.params, 'orderId');
      const fromId = optionalInt(ctx.params, 'fromId');
      const limit = limitParam(ctx.params, 500, 1000);
      const account = keyOf(ctx).account;
      const matching = core.state.trades.filter(
        (t) =>
          t.account === account &&
          t.symbol === market.symbol &&
          (orderId === undefined || t.orderId === orderId) &&
          (fromId === undefined || t.id >= fromId) &&
          inTimeRange(t.time, ctx.params),
      );
      const selected = fromId !== undefined ? matching.slice(0, limit) : matching.slice(-limit);
      return selected.map(myTradeView);
    },
  },
];
