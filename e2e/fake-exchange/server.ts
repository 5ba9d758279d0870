/**
 * The fake Binance spot REST server on 127.0.0.1 (its state-control methods live in control.ts).
 *
 * Request pipeline: log → route lookup → faults (clock skew, then at most one action fault) →
 * authentication for SIGNED routes → handler → response (or a dropped connection / no answer
 * when a fault says so). The exchange state lives in a FakeState that can outlive the server,
 * so a test can stop it and start another one on the same port with the same orders and balances.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DATA_DIR } from './candles';
import { createCore, type ExchangeCore, type RequestContext, type Route } from './core';
import { dec } from './decimal';
import { BinanceError, errors } from './errors';
import { FaultRegistry, type FaultHandle, type FaultKind, type FaultSpec } from './faults';
import { DEFAULT_MARKETS, type MarketSpec } from './markets';
import { accountRoutes } from './routes/account';
import { marketDataRoutes } from './routes/market-data';
import { orderListRoutes } from './routes/order-lists';
import { orderRoutes } from './routes/orders';
import { authenticate } from './signature';
import { FakeState, type FakeStateSnapshot } from './state';
import { createStateControl, type AddKeyInput, type StateControl } from './control';
import { attachStreamServer, type StreamControl } from './ws/stream-server';

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1 << 20;

export interface FakeBinanceOptions {
  /** 0 (default) picks a free port; pass the old port to restart "the same" exchange. */
  port?: number;
  /** Exchange-side truth to continue from: a live FakeState (shared) or an exported snapshot. */
  state?: FakeState | FakeStateSnapshot;
  markets?: readonly MarketSpec[];
  /** Folder with the replay CSVs (default: assets/data/replay). */
  dataDir?: string;
  /** Commission rates as decimal strings; Binance's default 0.1% for both. */
  fees?: { maker?: string; taker?: string };
  keys?: readonly AddKeyInput[];
  /** Random source of probabilistic faults (default Math.random); seed it to repeat a run. */
  random?: () => number;
}

export type RequestOutcome = 'pending' | 'responded' | 'dropped' | 'hung';

export interface RequestLogEntry {
  id: number;
  method: string;
  path: string;
  /** Query and body parameters, without the signature. */
  params: Record<string, string>;
  apiKey: string | undefined;
  time: number;
  status: number | undefined;
  /** Binance error code when the reply was an error. */
  code: number | undefined;
  fault: FaultKind | undefined;
  outcome: RequestOutcome;
  responseHeaders: Record<string, string>;
}

export interface FakeBinance extends StateControl {
  readonly url: string;
  readonly port: number;
  /** The live state; pass it to startFakeBinance({ state }) to survive a restart. */
  readonly state: FakeState;
  readonly requests: readonly RequestLogEntry[];
  close(): Promise<void>;
  injectFault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;
  clearRequests(): void;
  /** Calls `listener` with every request as it arrives (tests wait on requests instead of sleeping); returns the unsubscribe. */
  onRequest(listener: (entry: RequestLogEntry) => void): () => void;
  /** The websocket side (market streams, user data stream) and its faults. */
  readonly streams: StreamControl;
}

const ROUTES: readonly Route[] = [...marketDataRoutes, ...accountRoutes, ...orderRoutes, ...orderListRoutes];

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BinanceError(-1000, 'Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeBinance(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const state =
    options.state instanceof FakeState ? options.state : options.state ? FakeState.fromSnapshot(options.state) : new FakeState();
  const fees = { maker: dec(options.fees?.maker ?? '0.001'), taker: dec(options.fees?.taker ?? '0.001') };
  const core: ExchangeCore = createCore(state, options.markets ?? DEFAULT_MARKETS, options.dataDir ?? DEFAULT_DATA_DIR, fees);
  const control = createStateControl(core);
  const faults = new FaultRegistry(options.random);
  const log: RequestLogEntry[] = [];
  const requestListeners = new Set<(entry: RequestLogEntry) => void>();
  let nextRequestId = 1;
  /** Held requests (timeout faults) wait on these; close() releases them so nothing dangles. */
  const holds = new Set<() => void>();
  let closing = false;

  const hold = (ms: number | undefined) =>
    new Promise<boolean>((resolve) => {
      const release = () => {
        holds.delete(release);
        if (timer) clearTimeout(timer);
        resolve(false);
      };
      const timer =
        ms === undefined
          ? undefined
          : setTimeout(() => {
              holds.delete(release);
              resolve(true);
            }, ms);
      holds.add(release);
    });

  /** Binance reports the request weight used in the last minute; the fake counts one per request. */
  const usedWeight = (now: number) => log.filter((e) => now - e.time < 60_000).length;

  const send = (res: http.ServerResponse, entry: RequestLogEntry, status: number, body: string, headers: Record<string, string>) => {
    if (res.destroyed || res.writableEnded) return;
    const all = { 'Content-Type': 'application/json;charset=UTF-8', 'X-MBX-USED-WEIGHT-1M': String(usedWeight(Date.now())), ...headers };
    entry.status = status;
    entry.outcome = 'responded';
    entry.responseHeaders = all;
    res.writeHead(status, all);
    res.end(body);
  };

  const sendError = (res: http.ServerResponse, entry: RequestLogEntry, error: BinanceError, headers: Record<string, string> = {}) => {
    entry.code = error.code;
    send(res, entry, error.httpStatus, JSON.stringify(error.toJSON()), headers);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const now = Date.now();
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
    const apiKeyHeader = typeof req.headers['x-mbx-apikey'] === 'string' ? req.headers['x-mbx-apikey'] : undefined;
    const entry: RequestLogEntry = {
      id: nextRequestId++,
      method,
      path: url.pathname,
      params: {},
      apiKey: apiKeyHeader,
      time: now,
      status: undefined,
      code: undefined,
      fault: undefined,
      outcome: 'pending',
      responseHeaders: {},
    };
    log.push(entry);
    for (const listener of requestListeners) listener(entry);
    try {
      const rawBody = await readBody(req);
      const params = new URLSearchParams(rawQuery);
      if (rawBody !== '') for (const [k, v] of new URLSearchParams(rawBody)) params.append(k, v);
      entry.params = Object.fromEntries([...params].filter(([k]) => k !== 'signature'));

      const route = ROUTES.find((r) => r.path === url.pathname && r.method === method);
      if (!route) {
        const pathKnown = ROUTES.some((r) => r.path === url.pathname);
        send(res, entry, pathKnown ? 405 : 404, pathKnown ? 'Method Not Allowed' : 'Not Found', { 'Content-Type': 'text/plain' });
        return;
      }
      const target = { method, path: url.pathname, apiKey: apiKeyHeader, signed: route.security !== 'NONE' };
      const skew = faults.takeSkew(target);
      if (skew !== 0) entry.fault = 'clock_skew';
      const fault = faults.takeAction(target);
      if (fault) entry.fault = fault.kind;

      if (fault?.kind === 'rate_limit') {
        const error = errors.tooManyRequests();
        const status = fault.status ?? 429;
        sendError(res, entry, new BinanceError(error.code, error.message, status), { 'Retry-After': String(fault.retryAfterSec ?? 1) });
        return;
      }
      if (fault?.kind === 'server_error') {
        send(res, entry, fault.status ?? 503, fault.body ?? 'Service Unavailable', { 'Content-Type': 'text/plain' });
        return;
      }
      if (fault?.kind === 'timeout') {
        entry.outcome = 'hung';
        const elapsed = await hold(fault.ms);
        if (!elapsed || closing) return;
        entry.outcome = 'pending';
      }

      const ctx: RequestContext = { method, path: url.pathname, params, serverTime: Date.now() + skew, now: Date.now() };
      let body: unknown;
      try {
        if (route.security !== 'NONE') {
          ctx.key = authenticate(
            state,
            route.security,
            {
              method,
              apiKeyHeader,
              remoteAddress: req.socket.remoteAddress ?? '',
              rawQuery,
              rawBody,
              params,
            },
            { serverTime: ctx.serverTime, forceBadSignature: fault?.kind === 'bad_signature' },
          );
        }
        body = route.handle(ctx, core);
      } catch (error) {
        if (!(error instanceof BinanceError)) throw error;
        if (fault?.kind === 'drop_after_accept') return dropOrHang(req, entry, fault.then);
        sendError(res, entry, error);
        return;
      }
      if (fault?.kind === 'drop_after_accept') return dropOrHang(req, entry, fault.then);
      send(res, entry, 200, JSON.stringify(body), {});
    } catch (error) {
      if (error instanceof BinanceError) {
        sendError(res, entry, error);
        return;
      }
      // A bug in the fake must be loud in the test output, and still look like a 500 to the client.
      console.error('[fake-binance] internal error', error);
      send(res, entry, 500, JSON.stringify(errors.unknown().toJSON()), {});
    }
  };

  const dropOrHang = (req: http.IncomingMessage, entry: RequestLogEntry, then: 'destroy' | 'hang' | undefined) => {
    if (then === 'hang') {
      entry.outcome = 'hung';
      return;
    }
    entry.outcome = 'dropped';
    req.socket.destroy();
  };

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 5_000;
  const streams = attachStreamServer(server, core);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const fake: FakeBinance = {
    url: `http://${HOST}:${port}`,
    port,
    state,
    get requests() {
      return log;
    },
    async close() {
      closing = true;
      for (const release of [...holds]) release();
      streams.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    ...control,
    streams,
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    onRequest(listener) {
      requestListeners.add(listener);
      return () => requestListeners.delete(listener);
    },
    clearRequests() {
      log.length = 0;
    },
  };
  for (const key of options.keys ?? []) fake.addKey(key);
  return fake;
}
