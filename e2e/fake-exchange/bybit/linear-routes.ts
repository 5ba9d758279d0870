/**
 * The `category=linear` side of Bybit v5's routes (see linear.ts for the model): the shared
 * routes in public.ts / private.ts hand a linear request to these, and the position routes
 * (`/v5/position/list`, `/v5/position/set-leverage`) are linear only.
 */
import { dec, ZERO, type Dec } from '../decimal';
import { KLINE_INTERVALS } from './instruments';
import { klineRow } from './kline-row';
import type { ExchangeCore } from '../core';
import { BybitError, bybitErrors } from './errors';
import type { LinearBook, NewLinearOrder } from './linear';
import { linearExecutionView, linearInstrument, linearOrderView, linearPositionView, linearTicker } from './linear-views';
import { intParam, keyOf, param, requiredParam, type BybitRequest, type BybitRoute } from './route';

function decimal(req: BybitRequest, name: string): Dec | undefined {
  const text = param(req, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,20}(\.\d{1,20})?$/.test(text)) throw bybitErrors.invalidParam(name);
  return dec(text);
}

function contractOf(book: LinearBook, req: BybitRequest) {
  const contract = book.contract(requiredParam(req, 'symbol'));
  if (!contract) throw new BybitError(10001, 'params error: symbol invalid');
  return contract;
}

export const linearPublic = {
  instruments(req: BybitRequest, book: LinearBook): unknown {
    // ccxt also asks for pre-launch contracts; the fake lists none. A next page is never there.
    if (param(req, 'status') === 'PreLaunch' || param(req, 'cursor') !== undefined)
      return { category: 'linear', list: [], nextPageCursor: '' };
    const symbol = param(req, 'symbol');
    const list = book.contracts().filter((c) => symbol === undefined || c.symbol === symbol);
    return { category: 'linear', list: list.map(linearInstrument), nextPageCursor: '' };
  },
  tickers(req: BybitRequest, book: LinearBook): unknown {
    const symbol = param(req, 'symbol');
    const list = symbol === undefined ? book.contracts() : [contractOf(book, req)];
    return { category: 'linear', list: list.map((c) => linearTicker(book, c)) };
  },
  /** The contract's bars are its spot market's (its price follows that market in this fake). */
  kline(req: BybitRequest, book: LinearBook, core: ExchangeCore): unknown {
    const contract = contractOf(book, req);
    const interval = KLINE_INTERVALS[requiredParam(req, 'interval')];
    if (interval === undefined) throw bybitErrors.paramError('Invalid period!');
    const start = intParam(req, 'start');
    const end = intParam(req, 'end');
    const limit = Math.min(Math.max(intParam(req, 'limit') ?? 200, 1), 1000);
    const inRange = core
      .klines(contract.symbol, interval)
      .filter((b) => (start === undefined || b.openTime >= start) && (end === undefined || b.openTime <= end));
    const chosen = inRange.slice(Math.max(0, inRange.length - limit)).reverse();
    return { category: 'linear', symbol: contract.symbol, list: chosen.map(klineRow) };
  },
};

export const linearPrivate = {
  create(req: BybitRequest, book: LinearBook): unknown {
    const key = keyOf(req);
    const contract = contractOf(book, req);
    const side = requiredParam(req, 'side');
    if (side !== 'Buy' && side !== 'Sell') throw bybitErrors.invalidSide();
    const orderType = requiredParam(req, 'orderType');
    if (orderType !== 'Limit' && orderType !== 'Market') throw bybitErrors.invalidOrderType();
    // One-way mode: 0 is the only position index; in hedge mode 1 (Buy leg) or 2 (Sell leg) is
    // required. Bybit refuses a mismatch with 10001; the fake does not trade hedge legs.
    const positionIdx = param(req, 'positionIdx') ?? '0';
    if (book.positionMode(key.account) === 'hedge') {
      if (positionIdx === '0') throw new BybitError(10001, 'position idx not match position mode');
      throw new BybitError(10001, 'hedge-mode orders are not modelled by this fake');
    }
    if (positionIdx !== '0') throw new BybitError(10001, 'position idx not match position mode');
    if (param(req, 'triggerPrice') !== undefined || param(req, 'takeProfit') !== undefined || param(req, 'stopLoss') !== undefined)
      throw new BybitError(10001, 'conditional and TP/SL orders are not modelled by this fake');
    const tif = param(req, 'timeInForce') ?? (orderType === 'Market' ? 'IOC' : 'GTC');
    if (tif !== 'GTC' && tif !== 'IOC' && tif !== 'FOK' && tif !== 'PostOnly') throw bybitErrors.invalidTimeInForce();
    const qty = decimal(req, 'qty');
    if (qty === undefined || qty <= ZERO) throw bybitErrors.emptyParam('qty');
    const price = orderType === 'Limit' ? decimal(req, 'price') : undefined;
    if (orderType === 'Limit' && (price === undefined || price <= ZERO)) throw bybitErrors.emptyParam('price');
    const orderLinkId = param(req, 'orderLinkId');
    if (orderLinkId !== undefined && !/^[A-Za-z0-9_-]{1,36}$/.test(orderLinkId)) throw bybitErrors.invalidParam('orderLinkId');
    const reduceOnly = param(req, 'reduceOnly');
    if (reduceOnly !== undefined && reduceOnly !== 'true' && reduceOnly !== 'false') throw bybitErrors.invalidParam('reduceOnly');
    const order: NewLinearOrder = {
      symbol: contract.symbol,
      side,
      orderType,
      qty,
      ...(price !== undefined ? { price } : {}),
      timeInForce: tif,
      ...(orderLinkId !== undefined ? { orderLinkId } : {}),
      reduceOnly: reduceOnly === 'true',
    };
    const placed = book.place(key.account, order, req.now);
    return { orderId: placed.orderId, orderLinkId: placed.orderLinkId };
  },
  cancel(req: BybitRequest, book: LinearBook): unknown {
    const contract = contractOf(book, req);
    const orderId = param(req, 'orderId');
    const orderLinkId = param(req, 'orderLinkId');
    if (orderId === undefined && orderLinkId === undefined) throw bybitErrors.emptyParam('orderId');
    const order = book.cancel(
      keyOf(req).account,
      contract.symbol,
      { ...(orderId ? { orderId } : {}), ...(orderLinkId ? { orderLinkId } : {}) },
      req.now,
    );
    return { orderId: order.orderId, orderLinkId: order.orderLinkId };
  },
  /** `open`: realtime (open orders, or any recent one asked for by id); history: finished ones. */
  orders(req: BybitRequest, book: LinearBook, which: 'realtime' | 'history'): unknown {
    const account = keyOf(req).account;
    const symbol = param(req, 'symbol');
    const orderId = param(req, 'orderId');
    const orderLinkId = param(req, 'orderLinkId');
    const status = param(req, 'orderStatus');
    const limit = intParam(req, 'limit') ?? 20;
    if (limit < 1 || limit > 50) throw bybitErrors.paramError('limit must be between 1 and 50');
    const byId = orderId !== undefined || orderLinkId !== undefined;
    const openOnly = param(req, 'openOnly') ?? '0';
    const list = book.orders
      .filter(
        (o) =>
          o.account === account &&
          (symbol === undefined || o.symbol === symbol) &&
          (orderId === undefined || o.orderId === orderId) &&
          (orderLinkId === undefined || o.orderLinkId === orderLinkId) &&
          (status === undefined || o.status === status) &&
          (which === 'history' ? o.status !== 'New' : byId || (openOnly === '1' ? o.status !== 'New' : o.status === 'New')),
      )
      .reverse()
      .slice(0, limit)
      .map(linearOrderView);
    return { category: 'linear', list, nextPageCursor: '' };
  },
  executions(req: BybitRequest, book: LinearBook): unknown {
    const account = keyOf(req).account;
    const symbol = param(req, 'symbol');
    const orderId = param(req, 'orderId');
    const orderLinkId = param(req, 'orderLinkId');
    const start = intParam(req, 'startTime');
    const end = intParam(req, 'endTime');
    const limit = intParam(req, 'limit') ?? 50;
    if (limit < 1 || limit > 100) throw bybitErrors.paramError('limit must be between 1 and 100');
    const orders = new Map(book.orders.filter((o) => o.account === account).map((o) => [o.orderId, o]));
    const list = book.executions
      .filter(
        (e) =>
          e.account === account &&
          (symbol === undefined || e.symbol === symbol) &&
          (orderId === undefined || e.orderId === orderId) &&
          (orderLinkId === undefined || orders.get(e.orderId)?.orderLinkId === orderLinkId) &&
          (start === undefined || e.time >= start) &&
          (end === undefined || e.time <= end),
      )
      .reverse()
      .slice(0, limit)
      .map((e) => linearExecutionView(orders.get(e.orderId), e));
    return { category: 'linear', list, nextPageCursor: '' };
  },
};

export function positionRoutes(book: () => LinearBook): BybitRoute[] {
  return [
    {
      method: 'GET',
      path: '/v5/position/list',
      security: 'READ',
      handle(req) {
        if (requiredParam(req, 'category') !== 'linear') throw bybitErrors.categoryOnly();
        const linear = book();
        const account = keyOf(req).account;
        const symbol = param(req, 'symbol');
        const settleCoin = param(req, 'settleCoin');
        if (symbol === undefined && settleCoin === undefined && param(req, 'baseCoin') === undefined)
          throw new BybitError(10001, 'symbol or settleCoin is required');
        if (symbol !== undefined) {
          const contract = contractOf(linear, req);
          const position = linear.position(account, contract.symbol);
          // Bybit lists a symbol's position even when empty: one row (positionIdx 0) in one-way
          // mode, both legs (1 Buy, 2 Sell) in hedge mode.
          const list =
            linear.positionMode(account) === 'hedge'
              ? [linearPositionView(linear, contract, position, 1), linearPositionView(linear, contract, position, 2)]
              : [linearPositionView(linear, contract, position)];
          return { category: 'linear', list, nextPageCursor: '' };
        }
        const list = linear.openPositions(account).flatMap(({ symbol: s, position }) => {
          const contract = linear.contract(s);
          return contract ? [linearPositionView(linear, contract, position)] : [];
        });
        return { category: 'linear', list, nextPageCursor: '' };
      },
    },
    {
      method: 'POST',
      path: '/v5/position/set-leverage',
      security: 'TRADE',
      handle(req) {
        if (requiredParam(req, 'category') !== 'linear') throw bybitErrors.categoryOnly();
        book().setLeverage(
          keyOf(req).account,
          requiredParam(req, 'symbol'),
          requiredParam(req, 'buyLeverage'),
          requiredParam(req, 'sellLeverage'),
          req.now,
        );
        return {};
      },
    },
  ];
}
