/**
 * What changed in the fake's state since the last look, as Binance stream events.
 *
 * The exchange core has no event bus (REST handlers and the test's setPrice mutate the state
 * directly), so the stream server looks at the state on a short tick and diffs it against a
 * cursor. A cursor is primed when a stream gains its first subscriber, so a depth diff continues
 * exactly from the book (and lastUpdateId) a REST snapshot taken at that moment shows.
 */
import type { ExchangeCore } from '../core';
import { dec, fmt, max, min, mul } from '../decimal';
import type { OrderRecord, PublicTrade, TradeRecord } from '../state';
import {
  accountPositionEvent,
  depthUpdateEvent,
  diffLevels,
  executionReportEvent,
  klineEvent,
  levelMap,
  miniTickerEvent,
  partialDepthEvent,
  tickerEvent,
  tradeEvent,
  type LevelMap,
  type LiveBar,
} from './payloads';
import { klineBucket, type StreamSpec } from './streams';

/** Depth diffs cover the top levels of ccxt's default snapshot (watchOrderBookLimit 1000). */
export const DIFF_DEPTH_LEVELS = 1000;

interface SymbolCursor {
  tickerSignature: string;
  updateId: number;
  lastTradeId: number;
  book: { bids: LevelMap; asks: LevelMap } | null;
  bars: Map<string, LiveBar>;
}

export interface StreamEvent {
  stream: string;
  payload: unknown;
}

export class PublicFeeds {
  private readonly cursors = new Map<string, SymbolCursor>();

  constructor(private readonly core: ExchangeCore) {}

  /** Forgets every cursor (the server stopped looking while no socket was open). */
  reset(): void {
    this.cursors.clear();
  }

  /** Starts tracking what `spec` needs from now on (idempotent). */
  prime(spec: StreamSpec, now: number): void {
    const cursor = this.cursor(spec.symbol);
    if (spec.kind === 'depth' && !cursor.book) {
      const book = this.core.engine.book(spec.symbol, DIFF_DEPTH_LEVELS);
      cursor.book = { bids: levelMap(book.bids), asks: levelMap(book.asks) };
    }
    if (spec.kind === 'kline' && !cursor.bars.has(spec.interval)) {
      cursor.bars.set(spec.interval, this.freshBar(spec.symbol, spec.interval, now));
    }
  }

  /**
   * Events for the subscribed streams since the last call. Every cursor advances, subscribed or
   * not, so a later subscription never receives a backlog; state kept only for a stream kind
   * (the book, live bars) is dropped with its last subscriber and primed afresh by the next.
   */
  collect(specs: readonly StreamSpec[], now: number): StreamEvent[] {
    const bySymbol = new Map<string, StreamSpec[]>([...this.cursors.keys()].map((symbol) => [symbol, []]));
    for (const spec of specs) bySymbol.set(spec.symbol, [...(bySymbol.get(spec.symbol) ?? []), spec]);
    const events: StreamEvent[] = [];
    for (const [symbol, symbolSpecs] of bySymbol) events.push(...this.collectSymbol(symbol, symbolSpecs, now));
    return events;
  }

  private collectSymbol(symbol: string, specs: readonly StreamSpec[], now: number): StreamEvent[] {
    const cursor = this.cursor(symbol);
    const state = this.core.state.market(symbol);
    const newTrades = state.tape.filter((t) => t.id > cursor.lastTradeId);
    const tickerChanged = tickerSignature(state) !== cursor.tickerSignature;
    const depthChanged = state.updateId !== cursor.updateId;
    const events: StreamEvent[] = [];
    for (const spec of specs) {
      switch (spec.kind) {
        case 'ticker':
          if (tickerChanged) events.push({ stream: spec.name, payload: tickerEvent(this.core, symbol, now) });
          break;
        case 'miniTicker':
          if (tickerChanged) events.push({ stream: spec.name, payload: miniTickerEvent(this.core, symbol, now) });
          break;
        case 'trade':
          for (const t of newTrades) events.push({ stream: spec.name, payload: tradeEvent(symbol, t, now) });
          break;
        case 'aggTrade':
          for (const t of newTrades) {
            events.push({
              stream: spec.name,
              payload: {
                e: 'aggTrade',
                E: now,
                s: symbol,
                a: t.id,
                p: t.price,
                q: t.qty,
                f: t.id,
                l: t.id,
                T: t.time,
                m: t.isBuyerMaker,
                M: true,
              },
            });
          }
          break;
        case 'partialDepth':
          if (depthChanged)
            events.push({
              stream: spec.name,
              payload: partialDepthEvent(this.core.engine.book(symbol, spec.levels), state.updateId, spec.levels),
            });
          break;
        case 'kline': {
          const bar = this.foldBar(symbol, spec.interval, newTrades, now);
          if (newTrades.length > 0) events.push({ stream: spec.name, payload: klineEvent(symbol, bar, now) });
          break;
        }
        case 'depth':
          break; // one diff per symbol below, shared by every depth stream of it
      }
    }
    const depthSpecs = specs.filter((s) => s.kind === 'depth');
    if (depthSpecs.length === 0) cursor.book = null;
    for (const interval of cursor.bars.keys()) {
      if (!specs.some((s) => s.kind === 'kline' && s.interval === interval)) cursor.bars.delete(interval);
    }
    if (depthChanged && depthSpecs.length > 0 && cursor.book) {
      const book = this.core.engine.book(symbol, DIFF_DEPTH_LEVELS);
      const next = { bids: levelMap(book.bids), asks: levelMap(book.asks) };
      const payload = depthUpdateEvent(
        symbol,
        cursor.updateId + 1,
        state.updateId,
        diffLevels(cursor.book.bids, next.bids),
        diffLevels(cursor.book.asks, next.asks),
        now,
      );
      for (const spec of depthSpecs) events.push({ stream: spec.name, payload });
      cursor.book = next;
    }
    cursor.tickerSignature = tickerSignature(state);
    cursor.updateId = state.updateId;
    cursor.lastTradeId = state.tape[state.tape.length - 1]?.id ?? cursor.lastTradeId;
    return events;
  }

  private cursor(symbol: string): SymbolCursor {
    let cursor = this.cursors.get(symbol);
    if (!cursor) {
      const state = this.core.state.market(symbol);
      cursor = {
        tickerSignature: tickerSignature(state),
        updateId: state.updateId,
        lastTradeId: state.tape[state.tape.length - 1]?.id ?? 0,
        book: null,
        bars: new Map(),
      };
      this.cursors.set(symbol, cursor);
    }
    return cursor;
  }

  private freshBar(symbol: string, interval: string, now: number): LiveBar {
    const [openTime, closeTime] = klineBucket(now, interval);
    const last = this.core.state.market(symbol).lastPrice;
    return {
      interval,
      openTime,
      closeTime,
      open: last,
      high: last,
      low: last,
      close: last,
      volume: fmt(0n),
      quoteVolume: fmt(0n),
      trades: 0,
      firstId: -1,
      lastId: -1,
    };
  }

  /** The live bar with the new prints folded in; a print in a later bucket starts a new bar. */
  private foldBar(symbol: string, interval: string, trades: readonly PublicTrade[], now: number): LiveBar {
    const cursor = this.cursor(symbol);
    let bar = cursor.bars.get(interval) ?? this.freshBar(symbol, interval, now);
    for (const t of trades) {
      if (t.time > bar.closeTime) {
        const [openTime, closeTime] = klineBucket(t.time, interval);
        bar = {
          ...bar,
          openTime,
          closeTime,
          open: bar.close,
          high: bar.close,
          low: bar.close,
          volume: fmt(0n),
          quoteVolume: fmt(0n),
          trades: 0,
          firstId: -1,
        };
      }
      const price = dec(t.price);
      bar = {
        ...bar,
        high: fmt(max(dec(bar.high), price)),
        low: fmt(min(dec(bar.low), price)),
        close: t.price,
        volume: fmt(dec(bar.volume) + dec(t.qty)),
        quoteVolume: fmt(dec(bar.quoteVolume) + mul(price, dec(t.qty))),
        trades: bar.trades + 1,
        firstId: bar.firstId === -1 ? t.id : bar.firstId,
        lastId: t.id,
      };
    }
    cursor.bars.set(interval, bar);
    return bar;
  }
}

function tickerSignature(state: { lastPrice: string; count: number; updateId: number; volume: string }): string {
  return `${state.lastPrice}|${state.count}|${state.updateId}|${state.volume}`;
}

interface AccountCursor {
  balances: Map<string, string>;
  orders: Map<number, string>;
  lastTradeId: number;
}

const TERMINAL: Partial<Record<OrderRecord['status'], 'CANCELED' | 'EXPIRED' | 'REJECTED'>> = {
  CANCELED: 'CANCELED',
  EXPIRED: 'EXPIRED',
  REJECTED: 'REJECTED',
};

/** The user data stream of one account: executionReport per order change, then outboundAccountPosition. */
export class UserFeeds {
  private readonly cursors = new Map<string, AccountCursor>();

  constructor(private readonly core: ExchangeCore) {}

  prime(account: string): void {
    if (this.cursors.has(account)) return;
    this.cursors.set(account, {
      balances: this.balanceSignatures(account),
      orders: new Map(this.ordersOf(account).map((o) => [o.orderId, orderSignature(o)])),
      lastTradeId: this.tradesOf(account).reduce((m, t) => Math.max(m, t.id), 0),
    });
  }

  /** Drops the cursors of accounts nobody streams any more, so a new subscription starts from now. */
  retain(accounts: ReadonlySet<string>): void {
    for (const account of this.cursors.keys()) if (!accounts.has(account)) this.cursors.delete(account);
  }

  collect(account: string, now: number): unknown[] {
    const cursor = this.cursors.get(account);
    if (!cursor) return [];
    const events: unknown[] = [];
    const newTrades = this.tradesOf(account).filter((t) => t.id > cursor.lastTradeId);
    for (const order of this.ordersOf(account)) {
      const before = cursor.orders.get(order.orderId);
      const signature = orderSignature(order);
      if (before === signature) continue;
      if (before === undefined)
        events.push(
          executionReportEvent({ ...order, status: 'NEW', executedQty: fmt(0n), cummulativeQuoteQty: fmt(0n) }, 'NEW', undefined, now),
        );
      for (const trade of newTrades.filter((t) => t.orderId === order.orderId))
        events.push(executionReportEvent(order, 'TRADE', trade, now));
      const terminal = TERMINAL[order.status];
      if (terminal && !before?.startsWith(`${order.status}|`)) events.push(executionReportEvent(order, terminal, undefined, now));
      cursor.orders.set(order.orderId, signature);
    }
    cursor.lastTradeId = newTrades.reduce((m, t) => Math.max(m, t.id), cursor.lastTradeId);

    const balances = this.balanceSignatures(account);
    const changed = [...balances].filter(([asset, signature]) => cursor.balances.get(asset) !== signature);
    if (changed.length > 0) {
      const record = this.core.state.accounts.get(account);
      const rows = changed.map(([asset]) => ({ asset, ...(record?.balances[asset] ?? { free: '0', locked: '0' }) }));
      events.push(accountPositionEvent(record?.updateTime ?? now, rows, now));
    }
    cursor.balances = balances;
    return events;
  }

  private balanceSignatures(account: string): Map<string, string> {
    const balances = this.core.state.accounts.get(account)?.balances ?? {};
    return new Map(Object.entries(balances).map(([asset, b]) => [asset, `${b.free}|${b.locked}`]));
  }

  private ordersOf(account: string): OrderRecord[] {
    return this.core.state.orders.filter((o) => o.account === account);
  }

  private tradesOf(account: string): TradeRecord[] {
    return this.core.state.trades.filter((t) => t.account === account);
  }
}

function orderSignature(order: OrderRecord): string {
  return `${order.status}|${order.executedQty}|${String(order.isWorking)}`;
}
