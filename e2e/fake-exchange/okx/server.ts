/**
 * The fake OKX v5 spot exchange on 127.0.0.1: OKX's REST dialect over the fake's venue-neutral
 * model (state, matching engine, ledger, synthetic book, candles, faults), with its own state and
 * port, so it runs beside a FakeBinance (and other fakes) as a separate exchange.
 *
 * Pipeline as in ../server.ts: log → route → faults → OKX authentication on private routes →
 * handler → `{"code":"0","msg":"","data":[…]}` (or OKX's error shape).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DATA_DIR } from '../candles';
import { createCore, type ExchangeCore } from '../core';
import { createStateControl, type AddKeyInput, type StateControl } from '../control';
import { dec } from '../decimal';
import { FaultRegistry, type FaultHandle, type FaultSpec } from '../faults';
import type { RequestLogEntry } from '../server';
import { FakeState, type FakeStateSnapshot } from '../state';
import { authenticateOkx } from './auth';
import { OkxReply, type OkxContext, type OkxRoute } from './context';
import { OkxError, OkxOrderError, okxErrors } from './errors';
import { engineSpec, OKX_INSTRUMENTS, type OkxInstrumentSpec } from './instruments';
import { privateRoutes } from './routes-private';
import { publicRoutes } from './routes-public';
import { attachOkxStreams, type OkxStreamControl } from './ws';

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1 << 20;

export interface OkxKeyInput extends AddKeyInput {
  /** The passphrase chosen when the key was created; OKX checks it on every private call. */
  passphrase: string;
}

export interface FakeOkxOptions {
  port?: number;
  state?: FakeState | FakeStateSnapshot;
  instruments?: readonly OkxInstrumentSpec[];
  dataDir?: string;
  /** OKX's regular spot tier: 0.08 % maker, 0.1 % taker. */
  fees?: { maker?: string; taker?: string };
  keys?: readonly OkxKeyInput[];
  random?: () => number;
}

export interface FakeOkx extends Omit<StateControl, 'addKey'> {
  readonly url: string;
  readonly port: number;
  readonly state: FakeState;
  readonly requests: readonly RequestLogEntry[];
  addKey(input: OkxKeyInput): void;
  close(): Promise<void>;
  injectFault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;
  clearRequests(): void;
  onRequest(listener: (entry: RequestLogEntry) => void): () => void;
  readonly streams: OkxStreamControl;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(okxErrors.paramError('body'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function logParams(query: URLSearchParams, body: unknown): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(query);
  const first = Array.isArray(body) ? body[0] : body;
  if (first && typeof first === 'object') {
    for (const [k, v] of Object.entries(first as Record<string, unknown>)) if (typeof v === 'string') params[k] = v;
  }
  return params;
}

export async function startFakeOkx(options: FakeOkxOptions = {}): Promise<FakeOkx> {
  const state =
    options.state instanceof FakeState ? options.state : options.state ? FakeState.fromSnapshot(options.state) : new FakeState();
  const instruments = options.instruments ?? OKX_INSTRUMENTS;
  const fees = { maker: dec(options.fees?.maker ?? '0.0008'), taker: dec(options.fees?.taker ?? '0.001') };
  const core: ExchangeCore = createCore(state, instruments.map(engineSpec), options.dataDir ?? DEFAULT_DATA_DIR, fees);
  const control = createStateControl(core);
  const routes: readonly OkxRoute[] = [...publicRoutes(instruments), ...privateRoutes(instruments)];
  const faults = new FaultRegistry(options.random);
  const log: RequestLogEntry[] = [];
  const listeners = new Set<(entry: RequestLogEntry) => void>();
  const holds = new Set<() => void>();
  let nextRequestId = 1;
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

  const send = (res: http.ServerResponse, entry: RequestLogEntry, status: number, body: string, headers: Record<string, string> = {}) => {
    if (res.destroyed || res.writableEnded) return;
    const all = { 'Content-Type': 'application/json', ...headers };
    entry.status = status;
    entry.outcome = 'responded';
    entry.responseHeaders = all;
    res.writeHead(status, all);
    res.end(body);
  };
  const sendError = (res: http.ServerResponse, entry: RequestLogEntry, error: OkxError, headers: Record<string, string> = {}) => {
    entry.code = Number(error.code);
    send(res, entry, error.httpStatus, JSON.stringify(error.toJSON()), headers);
  };

  const dropOrHang = (req: http.IncomingMessage, entry: RequestLogEntry, then: 'destroy' | 'hang' | undefined) => {
    entry.outcome = then === 'hang' ? 'hung' : 'dropped';
    if (then !== 'hang') req.socket.destroy();
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const now = Date.now();
    const requestPath = req.url ?? '/';
    const url = new URL(requestPath, `http://${HOST}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const apiKey = typeof req.headers['ok-access-key'] === 'string' ? req.headers['ok-access-key'] : undefined;
    const entry: RequestLogEntry = {
      id: nextRequestId++,
      method,
      path: url.pathname,
      params: {},
      apiKey,
      time: now,
      status: undefined,
      code: undefined,
      fault: undefined,
      outcome: 'pending',
      responseHeaders: {},
    };
    log.push(entry);
    for (const listener of listeners) listener(entry);
    try {
      const rawBody = await readBody(req);
      let body: unknown = undefined;
      if (rawBody !== '') {
        try {
          body = JSON.parse(rawBody);
        } catch {
          throw new OkxError('50002', 'Json data format error', 400);
        }
      }
      entry.params = logParams(url.searchParams, body);
      const route = routes.find((r) => r.path === url.pathname && r.method === method);
      if (!route) {
        const known = routes.some((r) => r.path === url.pathname);
        if (known) throw new OkxError('50115', 'Invalid request method.', 405);
        send(res, entry, 404, JSON.stringify({ code: '404', msg: 'Not Found' }));
        return;
      }
      const target = { method, path: url.pathname, apiKey, signed: route.security !== 'NONE' };
      const skew = faults.takeSkew(target);
      if (skew !== 0) entry.fault = 'clock_skew';
      const fault = faults.takeAction(target);
      if (fault) entry.fault = fault.kind;
      if (fault?.kind === 'rate_limit') {
        sendError(res, entry, okxErrors.rateLimited(), { 'Retry-After': String(fault.retryAfterSec ?? 1) });
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
      const ctx: OkxContext = { method, path: url.pathname, query: url.searchParams, body, serverTime: Date.now() + skew, now: Date.now() };
      let result: unknown;
      try {
        if (route.security !== 'NONE') {
          ctx.key = authenticateOkx(
            state,
            route.security,
            { method, requestPath, rawBody, headers: req.headers, remoteAddress: req.socket.remoteAddress ?? '' },
            { serverTime: ctx.serverTime, forceBadSignature: fault?.kind === 'bad_signature' },
          );
        }
        result = route.handle(ctx, core);
      } catch (error) {
        if (fault?.kind === 'drop_after_accept') return dropOrHang(req, entry, fault.then);
        throw error;
      }
      if (fault?.kind === 'drop_after_accept') return dropOrHang(req, entry, fault.then);
      const reply = result instanceof OkxReply ? result : new OkxReply('0', '', result as unknown[]);
      if (reply.code !== '0') entry.code = Number(reply.code);
      const stamp = String(Date.now() * 1000);
      send(res, entry, 200, JSON.stringify({ code: reply.code, data: reply.data, inTime: stamp, msg: reply.msg, outTime: stamp }));
    } catch (error) {
      if (error instanceof OkxError) return sendError(res, entry, error);
      if (error instanceof OkxOrderError) return sendError(res, entry, new OkxError(error.sCode, error.sMsg, 200));
      console.error('[fake-okx] internal error', error);
      sendError(res, entry, okxErrors.systemError());
    }
  };

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 5_000;
  const streams = attachOkxStreams(server, core, instruments);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const fake: FakeOkx = {
    url: `http://${HOST}:${port}`,
    port,
    state,
    get requests() {
      return log;
    },
    ...control,
    addKey: (input) => control.addKey(input),
    streams,
    async close() {
      closing = true;
      for (const release of [...holds]) release();
      streams.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    clearRequests() {
      log.length = 0;
    },
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  for (const key of options.keys ?? []) fake.addKey(key);
  return fake;
}
