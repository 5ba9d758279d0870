/**
 * OKX v5 websockets on the fake's port, as ccxt.pro's okx speaks them:
 * - `/ws/v5/public`: `tickers`, `books5`, `books` (snapshot, then updates chained by
 *   prevSeqId/seqId) and `trades`; `/ws/v5/business`: `candle<bar>` (the live bar folded from
 *   prices since the subscription); `/ws/v5/private`: `login` (sign = base64 HMAC-SHA256 of
 *   timestamp-in-seconds + 'GET' + '/users/self/verify', passphrase checked), then `orders` and
 *   `account`.
 * - `{"op":"subscribe","args":[{channel, instId}]}` → `{"event":"subscribe","arg":…,"connId"}`;
 *   pushes are `{"arg":…,"data":[…]}`; the text `ping` answers `pong` (OKX has no protocol pings).
 * Pushes come from diffing the exchange state on a short tick, so setPrice, setBalance and REST
 * orders show up on the streams.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { ExchangeCore } from '../core';
import { dec, max, min, plain, ZERO, type Dec } from '../decimal';
import { normaliseIp } from '../signature';
import { createSocketHub, type SocketControl } from '../ws/socket-hub';
import { okxSign, OKX_TIMESTAMP_WINDOW_MS } from './auth';
import type { OkxInstrumentSpec } from './instruments';
import { balanceDetail, orderJson, tickerJson } from './views';

const PUBLIC_CHANNELS = new Set(['tickers', 'books5', 'books', 'trades']);
const CANDLE = /^candle(1m|3m|5m|15m|30m|1H)$/;
const CANDLE_MS: Record<string, number> = { '1m': 60_000, '3m': 180_000, '5m': 300_000, '15m': 900_000, '30m': 1_800_000, '1H': 3_600_000 };

export interface OkxStreamControl extends Omit<SocketControl, 'close'> {
  /** `channel:instId` (or `channel` for private channels) with at least one subscriber, sorted. */
  subscriptions(): string[];
  /** Accounts logged in on a private socket. */
  loggedIn(): string[];
}

export interface OkxStreamServer extends OkxStreamControl {
  close(): void;
}

interface LiveBar {
  start: number;
  open: Dec;
  high: Dec;
  low: Dec;
  close: Dec;
  volume: Dec;
}

interface Subscription {
  arg: Record<string, string>;
  /** What was last pushed, to push only changes. */
  seen: string;
  bar?: LiveBar;
  updateId?: number;
  tradeId?: number;
  levels?: { bids: Map<string, string>; asks: Map<string, string>; seqId: number };
  orders?: Map<number, string>;
}

interface Connection {
  socket: WebSocket;
  kind: 'public' | 'business' | 'private';
  connId: string;
  remoteAddress: string;
  account?: string;
  subs: Map<string, Subscription>;
}

const err = (code: string, msg: string, connId: string) => ({ event: 'error', code, msg, connId });

function subKey(arg: Record<string, string>): string {
  return arg['instId'] ? `${arg['channel']}:${arg['instId']}` : String(arg['channel']);
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function attachOkxStreams(server: http.Server, core: ExchangeCore, instruments: readonly OkxInstrumentSpec[]): OkxStreamServer {
  const hub = createSocketHub<Connection>(server, () => tick());
  const connections = hub.connections;

  const send = (socket: WebSocket, message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  };

  const bookLevels = (instId: string, depth: number) => {
    const book = core.engine.book(instId, depth);
    const row = (l: { price: Dec; qty: Dec }) => [plain(l.price), plain(l.qty), '0', '1'];
    return { asks: book.asks.map(row), bids: book.bids.map(row) };
  };

  const publicPush = (sub: Subscription, now: number): unknown => {
    const { channel, instId } = sub.arg as { channel: string; instId: string };
    const market = core.state.market(instId);
    if (channel === 'tickers') {
      if (sub.updateId === market.updateId) return undefined;
      sub.updateId = market.updateId;
      return { arg: sub.arg, data: [tickerJson(core, instId, now)] };
    }
    if (channel === 'books5') {
      if (sub.updateId === market.updateId) return undefined;
      sub.updateId = market.updateId;
      return { arg: sub.arg, data: [{ ...bookLevels(instId, 5), instId, ts: String(now), seqId: market.updateId }] };
    }
    if (channel === 'books') {
      if (sub.updateId === market.updateId) return undefined;
      sub.updateId = market.updateId;
      const levels = bookLevels(instId, 400);
      const bids = new Map(levels.bids.map((l) => [l[0] as string, l[1] as string]));
      const asks = new Map(levels.asks.map((l) => [l[0] as string, l[1] as string]));
      const previous = sub.levels;
      const seqId = (previous?.seqId ?? 0) + 1;
      sub.levels = { bids, asks, seqId };
      if (!previous) return { arg: sub.arg, action: 'snapshot', data: [{ ...levels, ts: String(now), checksum: 0, prevSeqId: -1, seqId }] };
      const diff = (before: Map<string, string>, after: Map<string, string>) => {
        const out: string[][] = [];
        for (const [px, sz] of after) if (before.get(px) !== sz) out.push([px, sz, '0', '1']);
        for (const px of before.keys()) if (!after.has(px)) out.push([px, '0', '0', '0']);
        return out;
      };
      return {
        arg: sub.arg,
        action: 'update',
        data: [
          {
            asks: diff(previous.asks, asks),
            bids: diff(previous.bids, bids),
            ts: String(now),
            checksum: 0,
            prevSeqId: previous.seqId,
            seqId,
          },
        ],
      };
    }
    if (channel === 'trades') {
      const since = sub.tradeId ?? 0;
      const fresh = market.tape.filter((t) => t.id > since);
      if (fresh.length === 0) return undefined;
      sub.tradeId = fresh[fresh.length - 1]?.id ?? since;
      const data = fresh.map((t) => ({
        instId,
        tradeId: String(t.id),
        px: plain(dec(t.price)),
        sz: plain(dec(t.qty)),
        side: t.isBuyerMaker ? 'sell' : 'buy',
        ts: String(t.time),
        count: '1',
      }));
      return { arg: sub.arg, data };
    }
    const bar = CANDLE.exec(channel)?.[1];
    if (bar !== undefined) {
      const length = CANDLE_MS[bar] as number;
      const start = Math.floor(now / length) * length;
      const last = dec(market.lastPrice);
      const moved = sub.updateId !== undefined && sub.updateId !== market.updateId;
      if (!sub.bar || sub.bar.start !== start) sub.bar = { start, open: last, high: last, low: last, close: last, volume: ZERO };
      else if (moved) {
        sub.bar.high = max(sub.bar.high, last);
        sub.bar.low = min(sub.bar.low, last);
        sub.bar.close = last;
        sub.bar.volume += dec(market.lastQty);
      }
      sub.updateId = market.updateId;
      const b = sub.bar;
      const row = [String(b.start), plain(b.open), plain(b.high), plain(b.low), plain(b.close), plain(b.volume), '0', '0', '0'];
      const text = row.join(',');
      if (text === sub.seen) return undefined;
      sub.seen = text;
      return { arg: sub.arg, data: [row] };
    }
    return undefined;
  };

  const privatePush = (conn: Connection, sub: Subscription, now: number): unknown => {
    const account = conn.account as string;
    if (sub.arg['channel'] === 'account') {
      const record = core.state.accounts.get(account);
      const text = JSON.stringify(record?.balances ?? {});
      if (text === sub.seen) return undefined;
      const before = sub.seen === '' ? {} : (JSON.parse(sub.seen) as Record<string, { free: string; locked: string }>);
      sub.seen = text;
      const changed = Object.entries(record?.balances ?? {}).filter(
        ([ccy, b]) => before[ccy]?.free !== b.free || before[ccy]?.locked !== b.locked,
      );
      const details = changed.map(([ccy, b]) => balanceDetail(ccy, dec(b.free), dec(b.locked), record?.updateTime ?? now));
      return { arg: sub.arg, data: [{ uTime: String(record?.updateTime ?? now), totalEq: '', details }] };
    }
    // orders: every order of the account whose state changed since the last push.
    const seen = sub.orders ?? new Map<number, string>();
    sub.orders = seen;
    const instId = sub.arg['instId'];
    const changed = core.state.orders.filter((o) => {
      if (o.account !== account || (instId !== undefined && o.symbol !== instId)) return false;
      const mark = `${o.status}|${o.executedQty}|${o.updateTime}`;
      if (seen.get(o.orderId) === mark) return false;
      seen.set(o.orderId, mark);
      return true;
    });
    if (changed.length === 0) return undefined;
    return { arg: sub.arg, data: changed.map((o) => orderJson(core, o)) };
  };

  const tick = () => {
    const now = Date.now();
    for (const conn of connections) {
      for (const sub of conn.subs.values()) {
        const push = conn.kind === 'private' ? privatePush(conn, sub, now) : publicPush(sub, now);
        if (push !== undefined) send(conn.socket, push);
      }
    }
  };

  const login = (conn: Connection, args: unknown) => {
    const arg = (Array.isArray(args) ? args[0] : undefined) as Record<string, unknown> | undefined;
    const field = (name: string) => (typeof arg?.[name] === 'string' ? (arg[name] as string) : '');
    const apiKey = field('apiKey');
    const timestamp = field('timestamp');
    const key = core.state.keys.get(apiKey);
    if (!key) return send(conn.socket, err('60005', 'Invalid OK-ACCESS-KEY', conn.connId));
    if (!/^\d+(\.\d+)?$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp) * 1000) > OKX_TIMESTAMP_WINDOW_MS) {
      return send(conn.socket, err('60006', 'Timestamp request expired', conn.connId));
    }
    if (key.passphrase === undefined || !same(field('passphrase'), key.passphrase)) {
      return send(conn.socket, err('60024', 'Wrong passphrase', conn.connId));
    }
    if (key.ipWhitelist.length > 0 && !key.ipWhitelist.includes(conn.remoteAddress)) {
      return send(conn.socket, err('60009', 'Login failed.', conn.connId));
    }
    if (!same(field('sign'), okxSign(key.secret, `${timestamp}GET/users/self/verify`))) {
      return send(conn.socket, err('60007', 'Invalid sign', conn.connId));
    }
    conn.account = key.account;
    send(conn.socket, { event: 'login', code: '0', msg: '', connId: conn.connId });
  };

  const subscribe = (conn: Connection, args: unknown, on: boolean) => {
    for (const raw of Array.isArray(args) ? args : []) {
      const arg = Object.fromEntries(
        Object.entries((raw ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const channel = arg['channel'] ?? '';
      const instId = arg['instId'];
      const where = CANDLE.test(channel) ? 'business' : PUBLIC_CHANNELS.has(channel) ? 'public' : 'private';
      const known = where === 'private' ? channel === 'orders' || channel === 'account' : instruments.some((i) => i.instId === instId);
      if (!known || where !== conn.kind) {
        send(
          conn.socket,
          err(
            '60018',
            `Wrong URL or channel:${channel},instId:${instId ?? ''} doesn't exist. Please use the correct URL, channel and parameters referring to API document.`,
            conn.connId,
          ),
        );
        continue;
      }
      if (where === 'private' && conn.account === undefined) {
        send(conn.socket, err('60011', 'Please log in', conn.connId));
        continue;
      }
      if (on) {
        // Trades pushed are those printed after the subscription was acknowledged, as on OKX.
        const tape = instId !== undefined && channel === 'trades' ? core.state.market(instId).tape : [];
        conn.subs.set(subKey(arg), { arg, seen: '', ...(channel === 'trades' ? { tradeId: tape[tape.length - 1]?.id ?? 0 } : {}) });
      } else conn.subs.delete(subKey(arg));
      send(conn.socket, { event: on ? 'subscribe' : 'unsubscribe', arg, connId: conn.connId });
    }
  };

  const onMessage = (conn: Connection, data: RawData) => {
    const text = data.toString();
    if (text === 'ping') return send(conn.socket, 'pong');
    let message: { op?: unknown; args?: unknown };
    try {
      message = JSON.parse(text) as { op?: unknown; args?: unknown };
    } catch {
      return send(conn.socket, err('60012', `Illegal request: ${text.slice(0, 200)}`, conn.connId));
    }
    if (message.op === 'login') return login(conn, message.args);
    if (message.op === 'subscribe' || message.op === 'unsubscribe') return subscribe(conn, message.args, message.op === 'subscribe');
    send(conn.socket, err('60012', `Illegal request: ${text.slice(0, 200)}`, conn.connId));
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const kind =
      path === '/ws/v5/public' ? 'public' : path === '/ws/v5/business' ? 'business' : path === '/ws/v5/private' ? 'private' : null;
    if (hub.refusing || kind === null) {
      socket.end(hub.refusing ? 'HTTP/1.1 503 Service Unavailable\r\n\r\n' : 'HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    hub.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Connection = {
        socket: ws,
        kind,
        connId: randomBytes(4).toString('hex'),
        remoteAddress: normaliseIp(req.socket.remoteAddress ?? ''),
        subs: new Map(),
      };
      hub.track(conn);
      ws.on('message', (data) => onMessage(conn, data));
      ws.on('error', () => undefined);
    });
  };
  hub.listen(onUpgrade);

  return hub.control({
    subscriptions: () => [...new Set([...connections].flatMap((c) => [...c.subs.keys()]))].sort(),
    loggedIn: () => [...new Set([...connections].flatMap((c) => (c.account ? [c.account] : [])))].sort(),
  });
}
