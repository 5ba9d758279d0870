/**
 * Order, trade and order-list records rendered the way each Binance endpoint prints them
 * (ACK / RESULT / FULL placement replies, query replies, cancel replies, list replies).
 */
import type { OrderListRecord, OrderRecord, TradeRecord } from '../state';

export type RespType = 'ACK' | 'RESULT' | 'FULL';

const ZERO8 = '0.00000000';

/** GET /api/v3/order, openOrders, allOrders. */
export function queryView(o: OrderRecord): Record<string, unknown> {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: o.clientOrderId,
    price: o.price,
    origQty: o.origQty,
    executedQty: o.executedQty,
    cummulativeQuoteQty: o.cummulativeQuoteQty,
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    stopPrice: o.stopPrice,
    icebergQty: o.icebergQty,
    time: o.time,
    updateTime: o.updateTime,
    isWorking: o.isWorking,
    workingTime: o.isWorking ? o.workingTime : -1,
    origQuoteOrderQty: o.origQuoteOrderQty,
    selfTradePreventionMode: o.selfTradePreventionMode,
  };
}

function fillView(t: TradeRecord): Record<string, unknown> {
  return { price: t.price, qty: t.qty, commission: t.commission, commissionAsset: t.commissionAsset, tradeId: t.id };
}

/** POST /api/v3/order reply; stop orders print stopPrice, working orders workingTime. */
export function placementView(o: OrderRecord, fills: TradeRecord[], respType: RespType): Record<string, unknown> {
  const ack = { symbol: o.symbol, orderId: o.orderId, orderListId: o.orderListId, clientOrderId: o.clientOrderId, transactTime: o.time };
  if (respType === 'ACK') return ack;
  const result: Record<string, unknown> = {
    ...ack,
    price: o.price,
    origQty: o.origQty,
    executedQty: o.executedQty,
    origQuoteOrderQty: o.origQuoteOrderQty,
    cummulativeQuoteQty: o.cummulativeQuoteQty,
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    ...(o.stopPrice !== ZERO8 ? { stopPrice: o.stopPrice } : {}),
    workingTime: o.isWorking ? o.workingTime : -1,
    selfTradePreventionMode: o.selfTradePreventionMode,
  };
  if (respType === 'FULL') result.fills = fills.map(fillView);
  return result;
}

/** DELETE /api/v3/order and the entries of DELETE /api/v3/openOrders. */
export function cancelView(o: OrderRecord, cancelClientId: string, transactTime: number): Record<string, unknown> {
  return {
    symbol: o.symbol,
    origClientOrderId: o.clientOrderId,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: cancelClientId,
    transactTime,
    price: o.price,
    origQty: o.origQty,
    executedQty: o.executedQty,
    origQuoteOrderQty: o.origQuoteOrderQty,
    cummulativeQuoteQty: o.cummulativeQuoteQty,
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    ...(o.stopPrice !== ZERO8 ? { stopPrice: o.stopPrice } : {}),
    selfTradePreventionMode: o.selfTradePreventionMode,
  };
}

/** GET /api/v3/myTrades. */
export function myTradeView(t: TradeRecord): Record<string, unknown> {
  return {
    symbol: t.symbol,
    id: t.id,
    orderId: t.orderId,
    orderListId: t.orderListId,
    price: t.price,
    qty: t.qty,
    quoteQty: t.quoteQty,
    commission: t.commission,
    commissionAsset: t.commissionAsset,
    time: t.time,
    isBuyer: t.isBuyer,
    isMaker: t.isMaker,
    isBestMatch: t.isBestMatch,
  };
}

/** An order list without its reports (GET orderList, openOrderList, allOrderList). */
export function listView(list: OrderListRecord, legs: OrderRecord[]): Record<string, unknown> {
  return {
    orderListId: list.orderListId,
    contingencyType: list.contingencyType,
    listStatusType: list.listStatusType,
    listOrderStatus: list.listOrderStatus,
    listClientOrderId: list.listClientOrderId,
    transactionTime: list.transactionTime,
    symbol: list.symbol,
    orders: legs.map((o) => ({ symbol: o.symbol, orderId: o.orderId, clientOrderId: o.clientOrderId })),
  };
}
