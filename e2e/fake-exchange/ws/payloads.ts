/**
 * Binance spot websocket payloads, built from the fake's state in the shapes ccxt.pro's binance
 * parser reads (event names, one-letter fields, decimals as 8-place strings).
 */
import type { ExchangeCore } from '../core';
import { dec, div, fmt, mul, ZERO } from '../decimal';
import type { Book } from '../book';
import type { OrderRecord, PublicTrade, TradeRecord } from '../state';

const DAY_MS = 24 * 3600_000;

/** `<symbol>@ticker` (24hrTicker): the same figures as REST /api/v3/ticker/24hr. */
export function tickerEvent(core: ExchangeCore, symbol: string, now: number): Record<string, unknown> {
  const s = core.state.market(symbol);
  const book = core.engine.book(symbol, 1);
  const last = dec(s.lastPrice);
  const open = dec(s.openPrice);
  const volume = dec(s.volume);
  const change = last - open;
  return {
    e: '24hrTicker',
    E: now,
    s: symbol,
    p: fmt(change),
    P: open === ZERO ? '0.000' : fmt(div(change * 100n, open), 3),
    w: fmt(volume === ZERO ? last : div(dec(s.quoteVolume), volume)),
    x: s.prevClosePrice,
    c: s.lastPrice,
    Q: s.lastQty,
    b: fmt(book.bids[0]?.price ?? ZERO),
    B: fmt(book.bids[0]?.qty ?? ZERO),
    a: fmt(book.asks[0]?.price ?? ZERO),
    A: fmt(book.asks[0]?.qty ?? ZERO),
    o: s.openPrice,
    h: s.highPrice,
    l: s.lowPrice,
    v: s.volume,
    q: s.quoteVolume,
    O: now - DAY_MS,
    C: now,
    F: s.tape[0]?.id ?? -1,
    L: s.tape[s.tape.length - 1]?.id ?? -1,
    n: s.count,
  };
}

/** `<symbol>@miniTicker` (24hrMiniTicker): ccxt.pro's default watchTickers channel. */
export function miniTickerEvent(core: ExchangeCore, symbol: string, now: number): Record<string, unknown> {
  const s = core.state.market(symbol);
  return {
    e: '24hrMiniTicker',
    E: now,
    s: symbol,
    c: s.lastPrice,
    o: s.openPrice,
    h: s.highPrice,
    l: s.lowPrice,
    v: s.volume,
    q: s.quoteVolume,
  };
}

/** `<symbol>@trade`: one public print of the tape. */
export function tradeEvent(symbol: string, trade: PublicTrade, now: number): Record<string, unknown> {
  return { e: 'trade', E: now, s: symbol, t: trade.id, p: trade.price, q: trade.qty, T: trade.time, m: trade.isBuyerMaker, M: true };
}

/** The live bar of a kline stream, folded from the tape since the subscription started. */
export interface LiveBar {
  interval: string;
  openTime: number;
  closeTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  quoteVolume: string;
  trades: number;
  firstId: number;
  lastId: number;
}

export function klineEvent(symbol: string, bar: LiveBar, now: number): Record<string, unknown> {
  return {
    e: 'kline',
    E: now,
    s: symbol,
    k: {
      t: bar.openTime,
      T: bar.closeTime,
      s: symbol,
      i: bar.interval,
      f: bar.firstId,
      L: bar.lastId,
      o: bar.open,
      c: bar.close,
      h: bar.high,
      l: bar.low,
      v: bar.volume,
      n: bar.trades,
      x: now > bar.closeTime,
      q: bar.quoteVolume,
      V: '0.00000000',
      Q: '0.00000000',
      B: '0',
    },
  };
}

export type LevelMap = Map<string, string>;

/** A book side as price → quantity strings, for diffing. */
export function levelMap(levels: Book['bids']): LevelMap {
  return new Map(levels.map((l) => [fmt(l.price), fmt(l.qty)]));
}

/** Levels whose quantity changed, plus removed levels with quantity 0 (Binance's diff convention). */
export function diffLevels(before: LevelMap, after: LevelMap): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [price, qty] of after) if (before.get(price) !== qty) out.push([price, qty]);
  for (const price of before.keys()) if (!after.has(price)) out.push([price, fmt(ZERO)]);
  return out;
}

/** `<symbol>@depth`: update ids U..u continue the REST snapshot's lastUpdateId. */
export function depthUpdateEvent(
  symbol: string,
  firstUpdateId: number,
  finalUpdateId: number,
  bids: Array<[string, string]>,
  asks: Array<[string, string]>,
  now: number,
): Record<string, unknown> {
  return { e: 'depthUpdate', E: now, s: symbol, U: firstUpdateId, u: finalUpdateId, b: bids, a: asks };
}

/** `<symbol>@depth<N>`: a partial book snapshot (no event type, as on Binance). */
export function partialDepthEvent(book: Book, lastUpdateId: number, levels: number): Record<string, unknown> {
  const rows = (side: Book['bids']) => side.slice(0, levels).map((l) => [fmt(l.price), fmt(l.qty)]);
  return { lastUpdateId, bids: rows(book.bids), asks: rows(book.asks) };
}

/** User data: the changed assets of an account, with their whole free and locked amounts. */
export function accountPositionEvent(updateTime: number, balances: Array<{ asset: string; free: string; locked: string }>, now: number) {
  return {
    e: 'outboundAccountPosition',
    E: now,
    u: updateTime,
    B: balances.map((b) => ({ a: b.asset, f: fmt(dec(b.free)), l: fmt(dec(b.locked)) })),
  };
}

export type ExecutionType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED' | 'REJECTED';

/** User data: one change of one order (`x` says what happened, `X` where the order is now). */
export function executionReportEvent(order: OrderRecord, execution: ExecutionType, trade: TradeRecord | undefined, now: number) {
  return {
    e: 'executionReport',
    E: now,
    s: order.symbol,
    c: order.clientOrderId,
    S: order.side,
    o: order.type,
    f: order.timeInForce,
    q: order.origQty,
    p: order.price,
    P: order.stopPrice,
    F: order.icebergQty,
    g: order.orderListId,
    C: '',
    x: execution,
    X: order.status,
    r: 'NONE',
    i: order.orderId,
    l: trade ? trade.qty : fmt(ZERO),
    z: order.executedQty,
    L: trade ? trade.price : fmt(ZERO),
    n: trade ? trade.commission : fmt(ZERO),
    N: trade ? trade.commissionAsset : null,
    T: trade ? trade.time : order.updateTime,
    t: trade ? trade.id : -1,
    I: 0,
    w: order.isWorking && (order.status === 'NEW' || order.status === 'PARTIALLY_FILLED'),
    m: trade ? trade.isMaker : false,
    M: false,
    O: order.time,
    Z: order.cummulativeQuoteQty,
    Y: trade ? fmt(mul(dec(trade.price), dec(trade.qty))) : fmt(ZERO),
    Q: order.origQuoteOrderQty,
    W: order.workingTime,
    V: order.selfTradePreventionMode,
  };
}
