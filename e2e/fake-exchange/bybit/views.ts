/**
 * Orders and executions in Bybit v5's JSON shapes (`/v5/order/realtime`, `/v5/order/history`,
 * `/v5/execution/list`, and the private `order` / `execution` streams), derived from the shared
 * order and trade records. Bybit words spot states as New, PartiallyFilled, Filled, Cancelled and
 * PartiallyFilledCanceled (a spot order cancelled, or an IOC/market remainder dropped, after a fill).
 */
import { dec, div, mul, plain, ZERO } from '../decimal';
import type { FakeState, OrderRecord, TradeRecord } from '../state';

export type BybitOrderStatus = 'New' | 'PartiallyFilled' | 'Filled' | 'Cancelled' | 'PartiallyFilledCanceled' | 'Rejected';

export function bybitStatus(order: OrderRecord): BybitOrderStatus {
  const filled = dec(order.executedQty) > ZERO;
  switch (order.status) {
    case 'NEW':
      return 'New';
    case 'PARTIALLY_FILLED':
      return 'PartiallyFilled';
    case 'FILLED':
      return 'Filled';
    case 'REJECTED':
      return 'Rejected';
    default:
      // Bybit calls an order whose whole quantity traded Filled even when it was an IOC/market order.
      if (filled && dec(order.executedQty) >= dec(order.origQty)) return 'Filled';
      return filled ? 'PartiallyFilledCanceled' : 'Cancelled';
  }
}

export const isOpenStatus = (status: BybitOrderStatus) => status === 'New' || status === 'PartiallyFilled';

/** Market orders sized in quote coin (a market buy by default) keep that amount as `qty`. */
function quoteSized(order: OrderRecord): boolean {
  return order.type === 'MARKET' && dec(order.origQuoteOrderQty) > ZERO;
}

function timeInForceOf(order: OrderRecord): string {
  if (order.type === 'LIMIT_MAKER') return 'PostOnly';
  if (order.type === 'MARKET') return 'IOC';
  return order.timeInForce;
}

export function orderView(state: FakeState, order: OrderRecord): Record<string, unknown> {
  const status = bybitStatus(order);
  const executed = dec(order.executedQty);
  const value = dec(order.cummulativeQuoteQty);
  const trades = state.trades.filter((t) => t.account === order.account && t.orderId === order.orderId);
  const feeDetail: Record<string, string> = {};
  let fee = ZERO;
  for (const trade of trades) {
    fee += dec(trade.commission);
    feeDetail[trade.commissionAsset] = plain(dec(feeDetail[trade.commissionAsset] ?? '0') + dec(trade.commission));
  }
  const qty = quoteSized(order) ? dec(order.origQuoteOrderQty) : dec(order.origQty);
  const leaves = isOpenStatus(status) ? dec(order.origQty) - executed : ZERO;
  const isMarket = order.type === 'MARKET';
  return {
    orderId: String(order.orderId),
    orderLinkId: order.clientOrderId,
    blockTradeId: '',
    symbol: order.symbol,
    price: isMarket ? '0' : plain(dec(order.price)),
    qty: plain(qty),
    side: order.side === 'BUY' ? 'Buy' : 'Sell',
    isLeverage: '0',
    positionIdx: 0,
    orderStatus: status,
    cancelType:
      status === 'Cancelled' || status === 'PartiallyFilledCanceled'
        ? isMarket || order.timeInForce !== 'GTC'
          ? 'UNKNOWN'
          : 'CancelByUser'
        : 'UNKNOWN',
    rejectReason: 'EC_NoError',
    avgPrice: executed > ZERO ? plain(div(value, executed)) : '',
    leavesQty: plain(leaves),
    leavesValue: isMarket ? '0' : plain(mul(dec(order.price), leaves)),
    cumExecQty: plain(executed),
    cumExecValue: plain(value),
    cumExecFee: plain(fee),
    cumFeeDetail: feeDetail,
    timeInForce: timeInForceOf(order),
    orderType: isMarket ? 'Market' : 'Limit',
    stopOrderType: '',
    orderIv: '',
    marketUnit: isMarket ? (quoteSized(order) ? 'quoteCoin' : 'baseCoin') : '',
    triggerPrice: '0.00',
    takeProfit: '0.00',
    stopLoss: '0.00',
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: 0,
    triggerBy: '',
    lastPriceOnCreated: '',
    reduceOnly: false,
    closeOnTrigger: false,
    placeType: '',
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    createdTime: String(order.time),
    updatedTime: String(order.updateTime),
  };
}

export function executionView(order: OrderRecord | undefined, trade: TradeRecord, feeRate: string): Record<string, unknown> {
  return {
    symbol: trade.symbol,
    orderId: String(trade.orderId),
    orderLinkId: order?.clientOrderId ?? '',
    side: trade.isBuyer ? 'Buy' : 'Sell',
    orderPrice: order && order.type !== 'MARKET' ? plain(dec(order.price)) : '0',
    orderQty: order ? plain(dec(order.origQty)) : plain(dec(trade.qty)),
    leavesQty: order ? plain(dec(order.origQty) - dec(order.executedQty)) : '0',
    orderType: order?.type === 'MARKET' ? 'Market' : 'Limit',
    stopOrderType: '',
    execFee: plain(dec(trade.commission)),
    feeCurrency: trade.commissionAsset,
    execId: String(trade.id),
    execPrice: plain(dec(trade.price)),
    execQty: plain(dec(trade.qty)),
    execType: 'Trade',
    execValue: plain(dec(trade.quoteQty)),
    execTime: String(trade.time),
    isMaker: trade.isMaker,
    feeRate,
    tradeIv: '',
    markIv: '',
    markPrice: '',
    indexPrice: '',
    underlyingPrice: '',
    blockTradeId: '',
    closedSize: '',
    seq: trade.id,
    extraFees: '',
  };
}
