/**
 * OCO order lists. ccxt has no unified OCO call for Binance spot; clients reach these through
 * the implicit API: `privatePostOrderListOco` (POST /api/v3/orderList/oco, the current endpoint
 * with above/below legs) and `privatePostOrderOco` (POST /api/v3/order/oco, deprecated but still
 * served by Binance). Both are implemented on the same engine call.
 */
import { keyOf, type ExchangeCore, type RequestContext, type Route } from '../core';
import { errors } from '../errors';
import type { NewOco, OcoLeg } from '../matching';
import { ORDER_TYPES } from '../markets';
import { limitParam, oneOf, optional, optionalClientId, optionalInt, requireMarket, requiredDecimal } from '../params';
import type { OrderListRecord, OrderRecord, OrderType, Side } from '../state';
import { parseLegFields } from './orders';
import { cancelView, listView, placementView } from './views';

const SIDES = ['BUY', 'SELL'] as const;
const LEG_TYPES = ORDER_TYPES.filter((t) => t !== 'LIMIT' && t !== 'MARKET');

function legsOf(core: ExchangeCore, list: OrderListRecord): OrderRecord[] {
  return core.state.orders.filter((o) => o.orderListId === list.orderListId);
}

function parseSide(params: URLSearchParams): Side {
  const side = oneOf(optional(params, 'side'), SIDES, errors.invalidSide);
  if (!side) throw errors.mandatory('side');
  return side;
}

function parseLeg(params: URLSearchParams, prefix: 'above' | 'below'): OcoLeg {
  const type = oneOf(optional(params, `${prefix}Type`), LEG_TYPES, errors.invalidOrderType) as OrderType | undefined;
  if (!type) throw errors.mandatory(`${prefix}Type`);
  const fields = parseLegFields(params, type, {
    price: `${prefix}Price`,
    stopPrice: `${prefix}StopPrice`,
    timeInForce: `${prefix}TimeInForce`,
  });
  const clientOrderId = optionalClientId(params, `${prefix}ClientOrderId`);
  return { type, ...fields, ...(clientOrderId !== undefined ? { clientOrderId } : {}) };
}

function parseOco(params: URLSearchParams, core: ExchangeCore): NewOco {
  const listClientOrderId = optionalClientId(params, 'listClientOrderId');
  return {
    symbol: requireMarket(core.markets, params).symbol,
    side: parseSide(params),
    quantity: requiredDecimal(params, 'quantity'),
    above: parseLeg(params, 'above'),
    below: parseLeg(params, 'below'),
    ...(listClientOrderId !== undefined ? { listClientOrderId } : {}),
  };
}

/** The deprecated form: a LIMIT_MAKER at `price` and a stop at `stopPrice` (limit if `stopLimitPrice`). */
function parseLegacyOco(params: URLSearchParams, core: ExchangeCore): NewOco {
  const side = parseSide(params);
  const limitClientOrderId = optionalClientId(params, 'limitClientOrderId');
  const stopClientOrderId = optionalClientId(params, 'stopClientOrderId');
  const listClientOrderId = optionalClientId(params, 'listClientOrderId');
  const stopLimitPrice = optional(params, 'stopLimitPrice') !== undefined ? requiredDecimal(params, 'stopLimitPrice') : undefined;
  const limitLeg: OcoLeg = {
    type: 'LIMIT_MAKER',
    price: requiredDecimal(params, 'price'),
    ...(limitClientOrderId !== undefined ? { clientOrderId: limitClientOrderId } : {}),
  };
  const tif = optional(params, 'stopLimitTimeInForce');
  if (stopLimitPrice !== undefined && tif === undefined) throw errors.mandatory('stopLimitTimeInForce');
  const stopLeg: OcoLeg = {
    type: stopLimitPrice !== undefined ? 'STOP_LOSS_LIMIT' : 'STOP_LOSS',
    stopPrice: requiredDecimal(params, 'stopPrice'),
    ...(stopLimitPrice !== undefined ? { price: stopLimitPrice } : {}),
    ...(tif !== undefined ? { timeInForce: oneOf(tif, ['GTC', 'IOC', 'FOK'] as const, errors.invalidTimeInForce) ?? 'GTC' } : {}),
    ...(stopClientOrderId !== undefined ? { clientOrderId: stopClientOrderId } : {}),
  };
  return {
    symbol: requireMarket(core.markets, params).symbol,
    side,
    quantity: requiredDecimal(params, 'quantity'),
    above: side === 'SELL' ? limitLeg : stopLeg,
    below: side === 'SELL' ? stopLeg : limitLeg,
    ...(listClientOrderId !== undefined ? { listClientOrderId } : {}),
  };
}

function placeOco(ctx: RequestContext, core: ExchangeCore, request: NewOco): unknown {
  const { list, orders } = core.engine.placeOco(keyOf(ctx).account, request, ctx.now);
  return { ...listView(list, orders), orderReports: orders.map((o) => placementView(o, [], 'RESULT')) };
}

function findList(ctx: RequestContext, core: ExchangeCore, idParam: string, clientParam: string, missing: () => Error): OrderListRecord {
  const account = keyOf(ctx).account;
  const id = optionalInt(ctx.params, idParam);
  const clientId = optional(ctx.params, clientParam);
  if (id === undefined && clientId === undefined) throw errors.eitherParam(idParam, clientParam);
  const candidates = core.state.orderLists.filter(
    (l) => l.account === account && (id !== undefined ? l.orderListId === id : l.listClientOrderId === clientId),
  );
  const list = candidates[candidates.length - 1];
  if (!list) throw missing();
  return list;
}

export const orderListRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v3/orderList/oco',
    security: 'TRADE',
    handle: (ctx, core) => placeOco(ctx, core, parseOco(ctx.params, core)),
  },
  {
    method: 'POST',
    path: '/api/v3/order/oco',
    security: 'TRADE',
    handle: (ctx, core) => placeOco(ctx, core, parseLegacyOco(ctx.params, core)),
  },
  {
    method: 'GET',
    path: '/api/v3/orderList',
    security: 'USER_DATA',
    handle: (ctx, core) => {
      const list = findList(ctx, core, 'orderListId', 'origClientOrderId', errors.orderListNotFound);
      return listView(list, legsOf(core, list));
    },
  },
  {
    method: 'DELETE',
    path: '/api/v3/orderList',
    security: 'TRADE',
    handle: (ctx, core) => {
      const symbol = requireMarket(core.markets, ctx.params).symbol;
      const list = findList(ctx, core, 'orderListId', 'listClientOrderId', errors.unknownOrderListCancel);
      if (list.symbol !== symbol) throw errors.unknownOrderListCancel();
      const legs = core.engine.cancelList(list, ctx.now);
      return { ...listView(list, legs), orderReports: legs.map((o) => cancelView(o, o.clientOrderId, ctx.now)) };
    },
  },
  {
    method: 'GET',
    path: '/api/v3/openOrderList',
    security: 'USER_DATA',
    handle: (ctx, core) => {
      const account = keyOf(ctx).account;
      return core.state.orderLists
        .filter((l) => l.account === account && l.listStatusType === 'EXEC_STARTED')
        .map((l) => listView(l, legsOf(core, l)));
    },
  },
  {
    method: 'GET',
    path: '/api/v3/allOrderList',
    security: 'USER_DATA',
    handle: (ctx, core) => {
      const account = keyOf(ctx).account;
      const fromId = optionalInt(ctx.params, 'fromId');
      const limit = limitParam(ctx.params, 500, 1000);
      const matching = core.state.orderLists.filter((l) => l.account === account && (fromId === undefined || l.orderListId >= fromId));
      return (fromId !== undefined ? matching.slice(0, limit) : matching.slice(-limit)).map((l) => listView(l, legsOf(core, l)));
    },
  },
];
