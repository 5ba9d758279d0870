/**
 * Bybit v5 websockets on the fake's port: public spot topics on `/v5/public/spot`
 * (`tickers.<S>`, `publicTrade.<S>`, `orderbook.<1|50|200>.<S>`, `kline.<interval>.<S>`) and the
 * private stream on `/v5/private` (`auth` op signed over `GET/realtime<expires>`, then `order`,
 * `execution`, `wallet`). Requests are `{op, req_id, args}`; ping is `{op:"ping"}`, answered as
 * Bybit does (public: `ret_msg:"pong"`, private: `op:"pong"`).
 *
 * Like the Binance streams, events come from diffing the shared state on a short tick, so
 * setPrice, setBalance and anything done over REST show up here. Order books are pushed as
 * snapshots (Bybit's rule: a snapshot resets the local book), tickers as snapshots.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { ExchangeCore } from '../core';
import { dec, div, max, min, mul, plain, ZERO, type Dec } from '../decimal';
import { authenticateWsV5 } from './auth';
import { BybitError } from './errors';
import { KLINE_INTERVALS } from './instruments';
import type { BybitExtras } from './route';
import { createSocketHub, refuseUpgrade, type SocketControl } from '../ws/socket-hub';
import { executionView, orderView } from './views';
import { linearOrderView } from './linear-views';
import type { LinearOrder } from './linear';

const BOOK_DEPTHS = new Set([1, 50, 200]);
const PRIVATE_TOPICS = new Set(['order', 'order.spot', 'execution', 'execution.spot', 'wallet']);
const INTERVAL_MS: Record<string, number> = {
  '1': 60_000,
  '3': 180_000,
  '5': 300_000,
  '15': 900_000,
  '30': 1_800_000,
  '60': 3_600_000,
  '120': 7_200_000,
  '240': 14_400_000,
  '360': 21_600_000,
  '720': 43_200_000,
  D: 86_400_000,
  W: 604_800_000,
};

export interface BybitStreamControl extends Omit<SocketControl, 'close'> {
  /** Public topics with at least one subscriber, sorted. */
  subscriptions(): string[];
  /** Accounts with an authenticated private socket subscribed to something. */
  privateAccounts(): string[];
  /** `account:topic` for every private subscription, sorted (tests wait on these before acting). */
  privateSubscriptions(): string[];
}

type PublicTopic =
  | { name: string; kind: 'tickers' | 'publicTrade'; symbol: string }
  | { name: string; kind: 'orderbook'; symbol: string; depth: number }
  | { name: string; kind: 'kline'; symbol: string; interval: string };

interface LiveBar {
  start: number;
  open: Dec;
  high: Dec;
  low: Dec;
  close: Dec;
  volume: Dec;
  turnover: Dec;
}

interface PublicCursor {
  topic: PublicTopic;
  signature: string;
  lastTradeId: number;
  bar?: LiveBar;
}

interface Connection {
  kind: 'public' | 'private';
  socket: WebSocket;
  connId: string;
  remoteAddress: string;
  topics: Map<string, PublicCursor>;
  account: string | null;
  privateTopics: Set<string>;
  orderSignatures: Map<number, string>;
  /** USDT perpetuals orders as last sent (Bybit's all-in-one `order` topic carries every category). */
  linearSignatures: Map<string, string>;
  lastTradeId: number;
  balanceSignatures: Map<string, string>;
}

function parseTopic(core: ExchangeCore, name: string): PublicTopic | null {
  const parts = name.split('.');
  const symbol = parts[parts.length - 1] ?? '';
  if (!core.markets.has(symbol)) return null;
  if (parts.length === 2 && (parts[0] === 'tickers' || parts[0] === 'publicTrade')) return { name, kind: parts[0], symbol };
  if (parts.length === 3 && parts[0] === 'orderbook' && BOOK_DEPTHS.has(Number(parts[1])))
    return { name, kind: 'orderbook', symbol, depth: Number(parts[1]) };
  if (
    parts.length === 3 &&
    parts[0] === 'kline' &&
    parts[1] !== undefined &&
    INTERVAL_MS[parts[1]] !== undefined &&
    KLINE_INTERVALS[parts[1]] !== undefined
  ) {
    return { name, kind: 'kline', symbol, interval: parts[1] };
  }
  return null;
}

function bucketStart(time: number, interval: string): number {
  const length = INTERVAL_MS[interval] as number;
  const offset = interval === 'W' ? 4 * 86_400_000 : 0; // Bybit weeks open on Monday
  return Math.floor((time - offset) / length) * length + offset;
}

export function attachBybitStreams(server: http.Server, core: ExchangeCore, extras: BybitExtras): BybitStreamControl & { close(): void } {
  const hub = createSocketHub<Connection>(server, () => tick());
  const connections = hub.connections;

  const send = (socket: WebSocket, message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  // ---- public ---------------------------------------------------------------------------------

  const tickerData = (symbol: string) => {
    const s = core.state.market(symbol);
    const last = dec(s.lastPrice);
    const open = dec(s.openPrice);
    return {
      symbol,
      lastPrice: plain(last),
      highPrice24h: plain(dec(s.highPrice)),
      lowPrice24h: plain(dec(s.lowPrice)),
      prevPrice24h: plain(open),
      volume24h: plain(dec(s.volume)),
      turnover24h: plain(dec(s.quoteVolume)),
      price24hPcnt: open === ZERO ? '0' : plain(div(last - open, open)),
      usdIndexPrice: plain(last),
    };
  };

  const bookData = (symbol: string, depth: number) => {
    const book = core.engine.book(symbol, depth);
    const level = (l: { price: Dec; qty: Dec }) => [plain(l.price), plain(l.qty)];
    const updateId = core.state.market(symbol).updateId;
    return { s: symbol, b: book.bids.slice(0, depth).map(level), a: book.asks.slice(0, depth).map(level), u: updateId, seq: updateId };
  };

  const barData = (topic: Extract<PublicTopic, { kind: 'kline' }>, bar: LiveBar, now: number) => ({
    start: bar.start,
    end: bar.start + (INTERVAL_MS[topic.interval] as number) - 1,
    interval: topic.interval,
    open: plain(bar.open),
    close: plain(bar.close),
    high: plain(bar.high),
    low: plain(bar.low),
    volume: plain(bar.volume),
    turnover: plain(bar.turnover),
    confirm: false,
    timestamp: now,
  });

  /** The events one public cursor owes its socket since the last look (all of them when `first`). */
  const publicEvents = (cursor: PublicCursor, now: number, first: boolean): unknown[] => {
    const { topic } = cursor;
    const s = core.state.market(topic.symbol);
    const newTrades = s.tape.filter((t) => t.id > cursor.lastTradeId);
    cursor.lastTradeId = s.tape[s.tape.length - 1]?.id ?? cursor.lastTradeId;
    switch (topic.kind) {
      case 'tickers': {
        const data = tickerData(topic.symbol);
        const signature = JSON.stringify(data);
        if (!first && signature === cursor.signature) return [];
        cursor.signature = signature;
        return [{ topic: topic.name, ts: now, type: 'snapshot', cs: s.updateId, data }];
      }
      case 'orderbook': {
        const signature = `${s.updateId}|${s.lastPrice}`;
        if (!first && signature === cursor.signature) return [];
        cursor.signature = signature;
        return [{ topic: topic.name, ts: now, type: 'snapshot', data: bookData(topic.symbol, topic.depth), cts: now }];
      }
      case 'publicTrade': {
        if (first || newTrades.length === 0) return [];
        const data = newTrades.map((t) => ({
          T: t.time,
          s: topic.symbol,
          S: t.isBuyerMaker ? 'Sell' : 'Buy',
          v: plain(dec(t.qty)),
          p: plain(dec(t.price)),
          L: 'ZeroPlusTick',
          i: String(t.id),
          BT: false,
          RPI: false,
        }));
        return [{ topic: topic.name, type: 'snapshot', ts: now, data }];
      }
      case 'kline': {
        const start = bucketStart(now, topic.interval);
        if (!cursor.bar || cursor.bar.start !== start) {
          const last = dec(s.lastPrice);
          cursor.bar = { start, open: last, high: last, low: last, close: last, volume: ZERO, turnover: ZERO };
        }
        const bar = cursor.bar;
        for (const t of first ? [] : newTrades) {
          const price = dec(t.price);
          bar.high = max(bar.high, price);
          bar.low = min(bar.low, price);
          bar.close = price;
          bar.volume += dec(t.qty);
          bar.turnover += mul(price, dec(t.qty));
        }
        if (!first && newTrades.length === 0) return [];
        return [{ topic: topic.name, data: [barData(topic, bar, now)], ts: now, type: 'snapshot' }];
      }
    }
  };

  // ---- private --------------------------------------------------------------------------------

  const orderSignature = (o: { status: string; executedQty: string; updateTime: number }) => `${o.status}|${o.executedQty}|${o.updateTime}`;
  const linearSignature = (o: LinearOrder) => `${o.status}|${plain(o.filled)}|${o.updated}`;

  /** Starts a private socket's cursors from the state as it is now: later changes become events. */
  const primePrivate = (c: Connection, account: string) => {
    c.orderSignatures = new Map(core.state.orders.filter((o) => o.account === account).map((o) => [o.orderId, orderSignature(o)]));
    c.linearSignatures = new Map(extras.linear.orders.filter((o) => o.account === account).map((o) => [o.orderId, linearSignature(o)]));
    c.lastTradeId = core.state.trades.reduce((id, t) => Math.max(id, t.id), 0);
    const balances = core.state.accounts.get(account)?.balances ?? {};
    c.balanceSignatures = new Map(Object.entries(balances).map(([coin, b]) => [coin, `${b.free}|${b.locked}`]));
  };

  const privateEvents = (c: Connection, now: number): unknown[] => {
    const account = c.account;
    if (account === null) return [];
    const events: unknown[] = [];
    const changedOrders = core.state.orders.filter((o) => o.account === account && c.orderSignatures.get(o.orderId) !== orderSignature(o));
    for (const o of changedOrders) c.orderSignatures.set(o.orderId, orderSignature(o));
    const changedLinear = extras.linear.orders.filter(
      (o) => o.account === account && c.linearSignatures.get(o.orderId) !== linearSignature(o),
    );
    for (const o of changedLinear) c.linearSignatures.set(o.orderId, linearSignature(o));
    const newTrades = core.state.trades.filter((t) => t.account === account && t.id > c.lastTradeId);
    c.lastTradeId = core.state.trades.reduce((id, t) => Math.max(id, t.id), c.lastTradeId);
    const balances = core.state.accounts.get(account)?.balances ?? {};
    const changedCoins = Object.entries(balances).filter(([coin, b]) => c.balanceSignatures.get(coin) !== `${b.free}|${b.locked}`);
    for (const [coin, b] of changedCoins) c.balanceSignatures.set(coin, `${b.free}|${b.locked}`);

    const subscribed = (topic: string) => c.privateTopics.has(topic) || c.privateTopics.has(`${topic}.spot`);
    if (newTrades.length > 0 && subscribed('execution')) {
      const byId = new Map(core.state.orders.filter((o) => o.account === account).map((o) => [o.orderId, o]));
      const data = newTrades.map((t) => ({
        category: 'spot',
        ...executionView(byId.get(t.orderId), t, t.isMaker ? extras.feeRates.maker : extras.feeRates.taker),
      }));
      events.push({ id: randomUUID(), topic: 'execution', creationTime: now, data });
    }
    if (changedOrders.length > 0 && subscribed('order')) {
      events.push({
        id: randomUUID(),
        topic: 'order',
        creationTime: now,
        data: changedOrders.map((o) => ({ category: 'spot', ...orderView(core.state, o) })),
      });
    }
    if (changedLinear.length > 0 && c.privateTopics.has('order')) {
      events.push({
        id: randomUUID(),
        topic: 'order',
        creationTime: now,
        data: changedLinear.map((o) => ({ category: 'linear', ...linearOrderView(o) })),
      });
    }
    if (changedCoins.length > 0 && c.privateTopics.has('wallet')) {
      const coin = changedCoins.map(([name, b]) => {
        const total = dec(b.free) + dec(b.locked);
        return {
          coin: name,
          equity: plain(total),
          walletBalance: plain(total),
          locked: plain(dec(b.locked)),
          availableToWithdraw: '',
          totalOrderIM: '0',
          totalPositionIM: '0',
          totalPositionMM: '0',
          borrowAmount: '0',
          accruedInterest: '0',
          unrealisedPnl: '0',
          cumRealisedPnl: '0',
          usdValue: '',
          bonus: '0',
          spotHedgingQty: '0',
        };
      });
      events.push({
        id: randomUUID(),
        topic: 'wallet',
        creationTime: now,
        data: [
          {
            accountType: 'UNIFIED',
            accountIMRate: '0',
            accountMMRate: '0',
            accountLTV: '0',
            totalEquity: '',
            totalWalletBalance: '',
            totalMarginBalance: '',
            totalAvailableBalance: '',
            totalPerpUPL: '0',
            totalInitialMargin: '0',
            totalMaintenanceMargin: '0',
            coin,
          },
        ],
      });
    }
    return events;
  };

  const tick = () => {
    const now = Date.now();
    for (const c of connections) {
      if (c.kind === 'public')
        for (const cursor of c.topics.values()) for (const event of publicEvents(cursor, now, false)) send(c.socket, event);
      else for (const event of privateEvents(c, now)) send(c.socket, event);
    }
  };

  const reply = (c: Connection, op: string, reqId: unknown, success: boolean, retMsg: string, extra: Record<string, unknown> = {}) =>
    send(c.socket, { success, ret_msg: retMsg, conn_id: c.connId, ...(reqId !== undefined ? { req_id: reqId } : {}), op, ...extra });

  const onMessage = (c: Connection, raw: RawData) => {
    let request: { op?: unknown; req_id?: unknown; args?: unknown };
    try {
      request = JSON.parse(raw.toString()) as typeof request;
    } catch {
      return reply(c, '', undefined, false, 'error:request must be JSON');
    }
    const reqId = typeof request.req_id === 'string' || typeof request.req_id === 'number' ? String(request.req_id) : undefined;
    const args = Array.isArray(request.args) ? request.args.map((a) => String(a)) : [];
    switch (request.op) {
      case 'ping':
        if (c.kind === 'private')
          return send(c.socket, {
            ...(reqId !== undefined ? { req_id: reqId } : {}),
            op: 'pong',
            args: [String(Date.now())],
            conn_id: c.connId,
          });
        return reply(c, 'ping', reqId, true, 'pong');
      case 'auth': {
        if (c.kind !== 'private') return reply(c, 'auth', reqId, false, 'error:auth is only for the private stream');
        try {
          const key = authenticateWsV5(core.state, request.args, c.remoteAddress, Date.now());
          c.account = key.account;
          primePrivate(c, key.account);
          return reply(c, 'auth', reqId, true, '');
        } catch (error) {
          if (!(error instanceof BybitError)) throw error;
          return reply(c, 'auth', reqId, false, `error:${error.message}`, { request: { op: 'auth', args } });
        }
      }
      case 'subscribe': {
        if (c.kind === 'private') {
          if (c.account === null) return reply(c, 'subscribe', reqId, false, 'Request not authorized');
          const unknown = args.find((t) => !PRIVATE_TOPICS.has(t));
          if (unknown !== undefined) return reply(c, 'subscribe', reqId, false, `error:handler not found,topic:${unknown}`);
          for (const t of args) c.privateTopics.add(t);
          return reply(c, 'subscribe', reqId, true, '');
        }
        const parsed = args.map((name) => ({ name, topic: parseTopic(core, name) }));
        const bad = parsed.find((p) => p.topic === null);
        if (bad) return reply(c, 'subscribe', reqId, false, `Invalid topic :[${bad.name}]`);
        reply(c, 'subscribe', reqId, true, 'subscribe');
        const now = Date.now();
        for (const { topic } of parsed) {
          if (!topic || c.topics.has(topic.name)) continue;
          const cursor: PublicCursor = { topic, signature: '', lastTradeId: 0 };
          c.topics.set(topic.name, cursor);
          // Bybit opens tickers, books and klines with a snapshot; trades start with the next print.
          for (const event of publicEvents(cursor, now, true)) send(c.socket, event);
        }
        return;
      }
      case 'unsubscribe':
        for (const t of args) {
          c.topics.delete(t);
          c.privateTopics.delete(t);
        }
        return reply(c, 'unsubscribe', reqId, true, '');
      default:
        return reply(c, String(request.op ?? ''), reqId, false, `error:invalid op`);
    }
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: string) => refuseUpgrade(socket, status);
    if (hub.refusing) return refuse('503 Service Unavailable');
    const kind = url.pathname === '/v5/public/spot' ? 'public' : url.pathname === '/v5/private' ? 'private' : null;
    if (!kind) return refuse('404 Not Found');
    hub.wss.handleUpgrade(req, socket, head, (ws) => {
      const c: Connection = {
        kind,
        socket: ws,
        connId: randomUUID(),
        remoteAddress: req.socket.remoteAddress ?? '',
        topics: new Map(),
        account: null,
        privateTopics: new Set(),
        orderSignatures: new Map(),
        linearSignatures: new Map(),
        lastTradeId: 0,
        balanceSignatures: new Map(),
      };
      hub.track(c);
      ws.on('message', (raw) => onMessage(c, raw));
    });
  };
  hub.listen(onUpgrade);

  return hub.control({
    subscriptions: () => [...new Set([...connections].flatMap((c) => [...c.topics.keys()]))].sort(),
    privateAccounts: () =>
      [...new Set([...connections].flatMap((c) => (c.account !== null && c.privateTopics.size > 0 ? [c.account] : [])))].sort(),
    privateSubscriptions: () =>
      [
        ...new Set([...connections].flatMap((c) => (c.account === null ? [] : [...c.privateTopics].map((t) => `${c.account}:${t}`)))),
      ].sort(),
  });
}
