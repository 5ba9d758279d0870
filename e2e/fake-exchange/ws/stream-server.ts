/**
 * The fake's websocket side, on the same port as its REST API, in Binance spot's dialect as
 * ccxt.pro 4.5 speaks it:
 * - market streams on `/ws/<anything>`: `{"method":"SUBSCRIBE","params":[...],"id":n}` →
 *   `{"result":null,"id":n}`, then raw events; a stream name in the path (`/ws/btcusdt@trade`)
 *   subscribes directly, and `/stream?streams=a/b` wraps events as `{stream, data}`;
 * - the WebSocket API on `/ws-api/v3`: `userDataStream.subscribe.signature` (HMAC over the sorted
 *   params, checked like a signed REST call) opens the account's user data stream, delivered as
 *   `{"subscriptionId":n,"event":{...}}` (this ccxt version no longer uses REST listenKeys for spot).
 * Events come from diffing the exchange state on a short tick (feeds.ts), so a setPrice, an
 * order or a fill made over REST shows up on the streams. Faults: drop every socket, refuse
 * new connections.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { ExchangeCore } from '../core';
import { BinanceError } from '../errors';
import { hmacHex, checkTimestamp, normaliseIp } from '../signature';
import { PublicFeeds, UserFeeds } from './feeds';
import { createSocketHub, refuseUpgrade, type SocketControl } from './socket-hub';
import { parseStream, type StreamSpec } from './streams';

export interface StreamControl extends Omit<SocketControl, 'close'> {
  /** Stream names with at least one subscriber, e.g. "btcusdt@ticker", sorted. */
  subscriptions(): string[];
  /** Accounts with an open user data stream. */
  userStreams(): string[];
}

export interface StreamServer extends StreamControl {
  close(): void;
}

interface MarketConnection {
  kind: 'market';
  socket: WebSocket;
  combined: boolean;
  streams: Map<string, StreamSpec>;
}

interface ApiConnection {
  kind: 'api';
  socket: WebSocket;
  remoteAddress: string;
  /** subscriptionId → account. */
  userStreams: Map<number, string>;
}

type Connection = MarketConnection | ApiConnection;

export function attachStreamServer(server: http.Server, core: ExchangeCore, serverTime: () => number = Date.now): StreamServer {
  const publicFeeds = new PublicFeeds(core);
  const userFeeds = new UserFeeds(core);
  const hub = createSocketHub<Connection>(
    server,
    () => tick(),
    () => {
      // Nobody looked while no socket was open: start from the state as it is now, not a backlog.
      publicFeeds.reset();
      userFeeds.retain(new Set());
    },
  );
  const connections = hub.connections;
  let nextSubscriptionId = 0;

  const send = (socket: WebSocket, message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  const tick = () => {
    const now = Date.now();
    const markets = [...connections].filter((c): c is MarketConnection => c.kind === 'market');
    const specs = new Map<string, StreamSpec>();
    for (const c of markets) for (const [name, spec] of c.streams) specs.set(name, spec);
    for (const event of publicFeeds.collect([...specs.values()], now)) {
      for (const c of markets) {
        if (c.streams.has(event.stream)) send(c.socket, c.combined ? { stream: event.stream, data: event.payload } : event.payload);
      }
    }
    const apis = [...connections].filter((c): c is ApiConnection => c.kind === 'api');
    const accounts = userStreamAccounts(connections);
    userFeeds.retain(accounts);
    for (const account of accounts) {
      const events = userFeeds.collect(account, now);
      for (const c of apis) {
        for (const [subscriptionId, subscribed] of c.userStreams) {
          if (subscribed === account) for (const event of events) send(c.socket, { subscriptionId, event });
        }
      }
    }
  };

  const subscribe = (c: MarketConnection, names: readonly string[]): string | null => {
    const parsed: StreamSpec[] = [];
    for (const name of names) {
      const spec = parseStream(core, name);
      if (!spec) return `Invalid request: invalid stream "${name}"`;
      parsed.push(spec);
    }
    // Prime before answering: a depth diff then continues from what a REST snapshot shows now.
    for (const spec of parsed) {
      publicFeeds.prime(spec, Date.now());
      c.streams.set(spec.name, spec);
    }
    return null;
  };

  const onMarketMessage = (c: MarketConnection, raw: RawData) => {
    let request: { method?: unknown; params?: unknown; id?: unknown };
    try {
      request = JSON.parse(raw.toString()) as typeof request;
    } catch {
      send(c.socket, { error: { code: 3, msg: 'Invalid JSON: expected a JSON object' }, id: null });
      return;
    }
    const id = typeof request.id === 'number' || typeof request.id === 'string' ? request.id : null;
    const params =
      Array.isArray(request.params) && request.params.every((p) => typeof p === 'string') ? (request.params as string[]) : null;
    switch (request.method) {
      case 'SUBSCRIBE': {
        if (!params) return send(c.socket, { error: { code: 2, msg: 'Invalid request: params must be a list of stream names' }, id });
        const error = subscribe(c, params);
        return send(c.socket, error ? { error: { code: 2, msg: error }, id } : { result: null, id });
      }
      case 'UNSUBSCRIBE':
        if (!params) return send(c.socket, { error: { code: 2, msg: 'Invalid request: params must be a list of stream names' }, id });
        for (const name of params) c.streams.delete(name);
        return send(c.socket, { result: null, id });
      case 'LIST_SUBSCRIPTIONS':
        return send(c.socket, { result: [...c.streams.keys()], id });
      default:
        return send(c.socket, { error: { code: 1, msg: 'Invalid request: unknown method' }, id });
    }
  };

  const onApiMessage = (c: ApiConnection, raw: RawData) => {
    let request: { id?: unknown; method?: unknown; params?: unknown };
    try {
      request = JSON.parse(raw.toString()) as typeof request;
    } catch {
      send(c.socket, { id: null, status: 400, error: { code: -1000, msg: 'Malformed request: not JSON.' } });
      return;
    }
    const id = typeof request.id === 'string' || typeof request.id === 'number' ? request.id : null;
    const params = (request.params && typeof request.params === 'object' ? request.params : {}) as Record<string, unknown>;
    const fail = (error: BinanceError) =>
      send(c.socket, { id, status: error.httpStatus === 200 ? 400 : error.httpStatus, error: { code: error.code, msg: error.message } });
    try {
      switch (request.method) {
        case 'ping':
          return send(c.socket, { id, status: 200, result: {} });
        case 'time':
          return send(c.socket, { id, status: 200, result: { serverTime: serverTime() } });
        case 'userDataStream.subscribe.signature': {
          const account = authenticateWs(core, params, c.remoteAddress, serverTime());
          userFeeds.prime(account);
          const subscriptionId = nextSubscriptionId++;
          c.userStreams.set(subscriptionId, account);
          return send(c.socket, { id, status: 200, result: { subscriptionId } });
        }
        case 'userDataStream.unsubscribe': {
          const wanted = params['subscriptionId'];
          if (wanted === undefined) c.userStreams.clear();
          else c.userStreams.delete(Number(wanted));
          return send(c.socket, { id, status: 200, result: {} });
        }
        default:
          return fail(new BinanceError(-1100, `Unknown method '${String(request.method)}'.`, 400));
      }
    } catch (error) {
      if (error instanceof BinanceError) return fail(error);
      throw error;
    }
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: string) => refuseUpgrade(socket, status);
    if (hub.refusing) return refuse('503 Service Unavailable');
    const isApi = url.pathname === '/ws-api/v3';
    const isMarket = url.pathname === '/ws' || url.pathname.startsWith('/ws/') || url.pathname === '/stream';
    if (!isApi && !isMarket) return refuse('404 Not Found');
    hub.wss.handleUpgrade(req, socket, head, (ws) => {
      if (isApi) {
        const c: ApiConnection = { kind: 'api', socket: ws, remoteAddress: req.socket.remoteAddress ?? '', userStreams: new Map() };
        hub.track(c);
        ws.on('message', (raw) => onApiMessage(c, raw));
        return;
      }
      const c: MarketConnection = { kind: 'market', socket: ws, combined: url.pathname === '/stream', streams: new Map() };
      hub.track(c);
      // Streams named in the URL: /ws/btcusdt@trade, /stream?streams=btcusdt@trade/ethusdt@ticker.
      const inPath = url.pathname.startsWith('/ws/') ? decodeURIComponent(url.pathname.slice('/ws/'.length)) : '';
      const named = [...(inPath.includes('@') ? [inPath] : []), ...(url.searchParams.get('streams')?.split('/') ?? [])].filter(Boolean);
      if (named.length > 0 && subscribe(c, named) !== null) {
        ws.close(1008, 'invalid stream');
        return;
      }
      ws.on('message', (raw) => onMarketMessage(c, raw));
    });
  };
  hub.listen(onUpgrade);

  return hub.control({
    subscriptions: () => [...new Set([...connections].flatMap((c) => (c.kind === 'market' ? [...c.streams.keys()] : [])))].sort(),
    userStreams: () => [...userStreamAccounts(connections)].sort(),
  });
}

function userStreamAccounts(connections: ReadonlySet<Connection>): Set<string> {
  return new Set([...connections].flatMap((c) => (c.kind === 'api' ? [...c.userStreams.values()] : [])));
}

/**
 * The WebSocket API's signed request: apiKey + timestamp (+ recvWindow) signed as the sorted
 * `key=value&...` string, the same HMAC-SHA256 and time window as a signed REST call.
 */
function authenticateWs(core: ExchangeCore, params: Record<string, unknown>, remoteAddress: string, serverTime: number): string {
  const apiKey = typeof params['apiKey'] === 'string' ? params['apiKey'] : '';
  if (apiKey === '') throw new BinanceError(-2014, 'API-key format invalid.', 401);
  const key = core.state.keys.get(apiKey);
  if (!key || !key.rights.read) throw new BinanceError(-2015, 'Invalid API-key, IP, or permissions for action.', 401);
  if (key.ipWhitelist.length > 0 && !key.ipWhitelist.includes(normaliseIp(remoteAddress))) {
    throw new BinanceError(-2015, 'Invalid API-key, IP, or permissions for action.', 401);
  }
  const signature = typeof params['signature'] === 'string' ? params['signature'] : '';
  if (signature === '') throw new BinanceError(-1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.", 400);
  const payload = Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
  if (hmacHex(key.secret, payload) !== signature.toLowerCase())
    throw new BinanceError(-1022, 'Signature for this request is not valid.', 400);
  checkTimestamp(new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])), serverTime);
  return key.account;
}
