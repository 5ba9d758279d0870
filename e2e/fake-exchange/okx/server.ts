/**
 * The fake OKX v5 spot exchange on 127.0.0.1: OKX's REST dialect over the fake's venue-neutral
 * model (state, matching engine, ledger, synthetic book, candles, faults), with its own state and
 * port, so it runs beside a FakeBinance (and other fakes) as a separate exchange.
 *
 * Pipeline as in ../server.ts: log → route → faults → OKX authentication on private routes →
 * handler → `{"code":"0","msg":"","data":[…]}` (or OKX's error shape).
 */
import type http from 'node:http';
import { DEFAULT_DATA_DIR } from '../candles';
import { createCore, type ExchangeCore } from '../core';
import { createStateControl, type AddKeyInput, type StateControl } from '../control';
import { dec } from '../decimal';
import { placeOnSite, type SiteOrder, type SitePlacement } from '../site-orders';
import type { FakeState, FakeStateSnapshot } from '../state';
import { dropOrHang, readBody, startVenueServer, venueState, writeReply, type RequestLogEntry, type VenueServer } from '../venue-server';
import { authenticateOkx } from './auth';
import { OkxReply, type OkxContext, type OkxRoute } from './context';
import { OkxError, OkxOrderError, okxErrors } from './errors';
import { engineSpec, OKX_INSTRUMENTS, type OkxInstrumentSpec } from './instruments';
import { privateRoutes } from './routes-private';
import { publicRoutes } from './routes-public';
import { attachOkxStreams, type OkxStreamControl } from './ws';

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

export interface FakeOkx extends Omit<StateControl, 'addKey'>, VenueServer<OkxStreamControl> {
  readonly state: FakeState;
  addKey(input: OkxKeyInput): void;
  /** A market order placed on OKX's site, not the API: no request, and `clOrdId` is "". */
  placeOnSite(keyOrAccount: string, order: SiteOrder): SitePlacement;
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
  const state = venueState(options.state);
  const instruments = options.instruments ?? OKX_INSTRUMENTS;
  const fees = { maker: dec(options.fees?.maker ?? '0.0008'), taker: dec(options.fees?.taker ?? '0.001') };
  const core: ExchangeCore = createCore(state, instruments.map(engineSpec), options.dataDir ?? DEFAULT_DATA_DIR, fees);
  const control = createStateControl(core);
  const routes: readonly OkxRoute[] = [...publicRoutes(instruments), ...privateRoutes(instruments)];

  const send = (res: http.ServerResponse, entry: RequestLogEntry, status: number, body: string, headers: Record<string, string> = {}) => {
    writeReply(res, entry, status, body, { 'Content-Type': 'application/json', ...headers });
  };
  const sendError = (res: http.ServerResponse, entry: RequestLogEntry, error: OkxError, headers: Record<string, string> = {}) => {
    entry.code = Number(error.code);
    send(res, entry, error.httpStatus, JSON.stringify(error.toJSON()), headers);
  };

  const venue = await startVenueServer({
    port: options.port,
    random: options.random,
    log: [],
    apiKeyOf: (req) => (typeof req.headers['ok-access-key'] === 'string' ? req.headers['ok-access-key'] : undefined),
    attachStreams: (server) => attachOkxStreams(server, core, instruments),
    async handle({ req, res, url, method, entry }, kit) {
      const requestPath = req.url ?? '/';
      const apiKey = entry.apiKey;
      try {
        const rawBody = await readBody(req, () => okxErrors.paramError('body'));
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
        const taken = await kit.takeFaults(target, entry, (status, text, headers) => send(res, entry, status, text, headers));
        if (!taken) return;
        const { skew, fault } = taken;
        if (fault?.kind === 'rate_limit') {
          sendError(res, entry, okxErrors.rateLimited(), { 'Retry-After': String(fault.retryAfterSec ?? 1) });
          return;
        }
        const ctx: OkxContext = {
          method,
          path: url.pathname,
          query: url.searchParams,
          body,
          serverTime: Date.now() + skew,
          now: Date.now(),
        };
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
    },
  });

  const fake: FakeOkx = {
    ...venue,
    state,
    ...control,
    addKey: (input) => control.addKey(input),
    placeOnSite: (keyOrAccount, order) => placeOnSite(core, keyOrAccount, order),
  };
  for (const key of options.keys ?? []) fake.addKey(key);
  return fake;
}
