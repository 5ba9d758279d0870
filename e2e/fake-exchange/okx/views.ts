/**
 * The exchange state as OKX v5 writes it: tickers, orders, fills and balances. Decimals are
 * OKX-style plain strings; fees are negative (a charge), in the currency received, as OKX reports
 * spot fees.
 */
import type { ExchangeCore } from '../core';
import { dec, div, plain, ZERO, type Dec } from '../decimal';
import type { OrderRecord, OrderStatus, TradeRecord } from '../state';

export type OkxOrderState = 'live' | 'partially_filled' | 'filled' | 'canceled';

const STATES: Record<OrderStatus, OkxOrderState> = {
  NEW: 'live',
  PARTIALLY_FILLED: 'partially_filled',
  FILLED: 'filled',
  CANCELED: 'canceled',
  // IOC/FOK remainders and market-order leftovers: OKX says canceled.
  EXPIRED: 'canceled',
  REJECTED: 'canceled',
};

export function okxState(order: OrderRecord): OkxOrderState {
  return STATES[order.status];
}

/** OKX's ordType from the engine's type and time in force. */
export function okxOrdType(order: OrderRecord): string {
  if (order.type === 'MARKET') return 'market';
  if (order.type === 'LIMIT_MAKER') return 'post_only';
  if (order.timeInForce === 'IOC') return 'ioc';
  if (order.timeInForce === 'FOK') return 'fok';
  return 'limit';
}

const text = (value: Dec) => plain(value);

export function tickerJson(core: ExchangeCore, instId: string, now: number): Record<string, string> {
  const s = core.state.market(instId);
  const book = core.engine.book(instId, 1);
  return {
    instType: 'SPOT',
    instId,
    last: text(dec(s.lastPrice)),
    lastSz: text(dec(s.lastQty)),
    askPx: text(book.asks[0]?.price ?? ZERO),
    askSz: text(book.asks[0]?.qty ?? ZERO),
    bidPx: text(book.bids[0]?.price ?? ZERO),
    bidSz: text(book.bids[0]?.qty ?? ZERO),
    open24h: text(dec(s.openPrice)),
    high24h: text(dec(s.highPrice)),
    low24h: text(dec(s.lowPrice)),
    volCcy24h: text(dec(s.quoteVolume)),
    vol24h: text(dec(s.volume)),
    sodUtc0: text(dec(s.openPrice)),
    sodUtc8: text(dec(s.openPrice)),
    ts: String(now),
  };
}

function orderTrades(core: ExchangeCore, order: OrderRecord): TradeRecord[] {
  return core.state.trades.filter((t) => t.account === order.account && t.orderId === order.orderId);
}

export function orderJson(core: ExchangeCore, order: OrderRecord): Record<string, string> {
  const market = core.markets.get(order.symbol);
  const trades = orderTrades(core, order);
  const last = trades[trades.length - 1];
  const filled = dec(order.executedQty);
  const fee = trades.reduce((sum, t) => sum + dec(t.commission), ZERO);
  const quoteSized = dec(order.origQuoteOrderQty) > ZERO;
  const feeCcy = market ? (order.side === 'BUY' ? market.base : market.quote) : '';
  return {
    instType: 'SPOT',
    instId: order.symbol,
    tgtCcy: quoteSized ? 'quote_ccy' : 'base_ccy',
    ccy: '',
    ordId: String(order.orderId),
    clOrdId: order.clientOrderId,
    tag: '',
    px: order.type === 'MARKET' ? '' : text(dec(order.price)),
    pxUsd: '',
    pxVol: '',
    pxType: '',
    sz: text(dec(quoteSized ? order.origQuoteOrderQty : order.origQty)),
    pnl: '0',
    ordType: okxOrdType(order),
    side: order.side === 'BUY' ? 'buy' : 'sell',
    posSide: 'net',
    tdMode: 'cash',
    accFillSz: text(filled),
    fillPx: last ? text(dec(last.price)) : '',
    tradeId: last ? String(last.id) : '',
    fillSz: last ? text(dec(last.qty)) : '',
    fillTime: last ? String(last.time) : '',
    avgPx: filled > ZERO ? text(div(dec(order.cummulativeQuoteQty), filled)) : '',
    state: okxState(order),
    stpId: '',
    stpMode: 'cancel_maker',
    lever: '',
    feeCcy,
    fee: fee > ZERO ? text(-fee) : '0',
    rebateCcy: feeCcy,
    rebate: '0',
    source: '',
    category: 'normal',
    reduceOnly: 'false',
    cancelSource: order.status === 'CANCELED' ? '1' : '',
    algoClOrdId: '',
    algoId: '',
    uTime: String(order.updateTime),
    cTime: String(order.time),
  };
}

/** OKX's bill id of a fill: increasing with the fill, so `after`/`before` page by it. */
export const billIdOf = (trade: TradeRecord) => trade.id * 10 + 7;

export function fillJson(core: ExchangeCore, trade: TradeRecord): Record<string, string> {
  const order = core.state.orders.find((o) => o.account === trade.account && o.orderId === trade.orderId);
  const commission = dec(trade.commission);
  return {
    instType: 'SPOT',
    instId: trade.symbol,
    tradeId: String(trade.id),
    ordId: String(trade.orderId),
    clOrdId: order?.clientOrderId ?? '',
    billId: String(billIdOf(trade)),
    subType: trade.isBuyer ? '1' : '2',
    tag: '',
    fillPx: text(dec(trade.price)),
    fillSz: text(dec(trade.qty)),
    fillIdxPx: '',
    fillPnl: '0',
    fillPxVol: '',
    fillPxUsd: '',
    fillMarkVol: '',
    fillFwdPx: '',
    fillMarkPx: '',
    side: trade.isBuyer ? 'buy' : 'sell',
    posSide: 'net',
    execType: trade.isMaker ? 'M' : 'T',
    feeCcy: trade.commissionAsset,
    fee: commission > ZERO ? text(-commission) : '0',
    ts: String(trade.time),
    fillTime: String(trade.time),
  };
}

/** One `details` entry of /api/v5/account/balance. */
export function balanceDetail(ccy: string, free: Dec, locked: Dec, now: number): Record<string, string> {
  const eq = text(free + locked);
  return {
    ccy,
    eq,
    cashBal: eq,
    availBal: text(free),
    availEq: text(free),
    frozenBal: text(locked),
    ordFrozen: text(locked),
    disEq: eq,
    eqUsd: '',
    upl: '0',
    liab: '',
    crossLiab: '',
    isoLiab: '',
    interest: '',
    notionalLever: '',
    stgyEq: '0',
    isoEq: '0',
    uTime: String(now),
  };
}
