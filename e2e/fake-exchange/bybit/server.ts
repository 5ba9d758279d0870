/**
 * The fake Bybit (v5, spot and USDT linear perpetuals, unified trading account) on 127.0.0.1: REST and websockets on one
 * port, its own exchange state, so it runs beside a FakeBinance (or any other fake) as a separate
 * exchange. The venue-neutral model (state, matching engine, synthetic book, ledger, candles,
 * faults) is shared with the Binance fake; this folder only speaks Bybit's dialect.
 *
 * Request pipeline: log → route → faults → v5 signature check (private routes) → handler →
 * `{retCode, retMsg, result, retExtInfo, time}`. Bybit answers errors with HTTP 200 and a
 * non-zero retCode, which is what ccxt expects.
 */
import type http from 'node:http';
import { DEFAULT_DATA_DIR } from '../candles';
import { createStateControl, type AddKeyInput, type StateControl } from '../control';
import { createCore, type ExchangeCore } from '../core';
import { dec } from '../decimal';
import { DEFAULT_MARKETS, type MarketSpec } from '../markets';
import { placeOnSite, type SiteOrder, type SitePlacement } from '../site-orders';
import type { FakeState, FakeStateSnapshot } from '../state';
import { dropOrHang, readBody, startVenueServer, venueState, writeReply, type RequestLogEntry, type VenueServer } from '../venue-server';
import { apiKeyOf, authenticateV5 } from './auth';
import { BybitError, bybitErrors } from './errors';
import { LINEAR_FEES, LinearBook } from './linear';
import { positionRoutes } from './linear-routes';
import { privateRoutes } from './private';
import { publicRoutes } from './public';
import type { BybitExtras, BybitRequest, BybitRoute } from './route';
import { attachBybitStreams, type BybitStreamControl } from './streams';

/** Per-endpoint limit Bybit reports in X-Bapi-Limit for the fake's private routes. */
const ENDPOINT_LIMIT = 20;

export interface AddBybitKeyInput extends AddKeyInput {
  /** The key's query-api answer carries no readOnly / permissions / ips (its rights cannot be read). */
  unreadable?: boolean;
}

export interface FakeBybitOptions {
  port?: number;
  state?: FakeState | FakeStateSnapshot;
  markets?: readonly MarketSpec[];
  dataDir?: string;
  /** Perpetuals' commission rates (Bybit's non-VIP 0.02% maker, 0.055% taker by default). */
  linearFees?: { maker?: string; taker?: string };
  /** Spot commission rates as decimal strings; Bybit's non-VIP default is 0.1% for both. */
  fees?: { maker?: string; taker?: string };
  keys?: readonly AddBybitKeyInput[];
  random?: () => number;
}

/** Same fault kinds as the Binance fake; `rate_limit` answers Bybit's retCode 10006 with its X-Bapi-Limit-* headers. */
export interface FakeBybit extends Omit<StateControl, 'addKey'>, VenueServer<BybitStreamControl> {
  readonly state: FakeState;
  /** The USDT linear perpetuals (orders, executions, positions); `setPrice` moves them too. */
  readonly linear: LinearBook;
  addKey(input: AddBybitKeyInput): void;
  /** A market order placed on Bybit's site, not the API: no request, and `orderLinkId` is "". */
  placeOnSite(keyOrAccount: string, order: SiteOrder): SitePlacement;
}

function bodyParams(rawBody: string): Record<string, string> {
  if (rawBody.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    throw new BybitError(10001, 'request params type error: the body must be a JSON object');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new BybitError(10001, 'request params type error: the body must be a JSON object');
  return Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

export async function startFakeBybit(options: FakeBybitOptions = {}): Promise<FakeBybit> {
  const state = venueState(options.state);
  const feeText = { maker: options.fees?.maker ?? '0.001', taker: options.fees?.taker ?? '0.001' };
  const core: ExchangeCore = createCore(state, options.markets ?? DEFAULT_MARKETS, options.dataDir ?? DEFAULT_DATA_DIR, {
    maker: dec(feeText.maker),
    taker: dec(feeText.taker),
  });
  const control = createStateControl(core);
  const linear = new LinearBook(core, { ...LINEAR_FEES, ...options.linearFees });
  const extras: BybitExtras = { unreadableKeys: new Set(), feeRates: feeText, linear };
  const ROUTES: readonly BybitRoute[] = [...publicRoutes(), ...privateRoutes, ...positionRoutes(() => linear)];
  const log: RequestLogEntry[] = [];

  /** Bybit's per-key counters; the fake counts a key's private requests in the last second. */
  const limitHeaders = (apiKey: string | undefined, now: number, exhausted: boolean, resetAt = now): Record<string, string> => {
    const used = log.filter((e) => e.apiKey === apiKey && now - e.time < 1000).length;
    return {
      'X-Bapi-Limit': String(ENDPOINT_LIMIT),
      'X-Bapi-Limit-Status': exhausted ? '0' : String(Math.max(0, ENDPOINT_LIMIT - used)),
      'X-Bapi-Limit-Reset-Timestamp': String(resetAt),
    };
  };

  const send = (res: http.ServerResponse, entry: RequestLogEntry, status: number, body: string, headers: Record<string, string>) => {
    writeReply(res, entry, status, body, { 'Content-Type': 'application/json; charset=utf-8', Timenow: String(Date.now()), ...headers });
  };

  const sendError = (res: http.ServerResponse, entry: RequestLogEntry, error: BybitError, headers: Record<string, string> = {}) => {
    entry.code = error.retCode;
    if (error.httpStatus === 403) return send(res, entry, 403, error.message, { 'Content-Type': 'text/plain', ...headers });
    send(res, entry, error.httpStatus, JSON.stringify(error.toJSON(Date.now())), headers);
  };

  const venue = await startVenueServer({
    port: options.port,
    random: options.random,
    log,
    apiKeyOf: (req) => apiKeyOf(req.headers),
    attachStreams: (server) => attachBybitStreams(server, core, extras),
    async handle({ req, res, url, method, entry }, kit) {
      const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
      const apiKey = entry.apiKey;
      try {
        const rawBody = await readBody(req, () => bybitErrors.paramError('request body too large'));
        const params = method === 'GET' ? Object.fromEntries(new URLSearchParams(rawQuery)) : bodyParams(rawBody);
        entry.params = params;
        const route = ROUTES.find((r) => r.path === url.pathname && r.method === method);
        if (!route) {
          sendError(res, entry, new BybitError(10017, 'Request path not found or request method is invalid', 404));
          return;
        }
        const signed = route.security !== 'NONE';
        const target = { method, path: url.pathname, apiKey, signed };
        const taken = await kit.takeFaults(target, entry, (status, text, headers) => send(res, entry, status, text, headers));
        if (!taken) return;
        const { skew, fault } = taken;
        if (fault?.kind === 'rate_limit') {
          const resetAt = Date.now() + (fault.retryAfterSec ?? 1) * 1000;
          sendError(res, entry, bybitErrors.tooManyVisits(), limitHeaders(apiKey, Date.now(), true, resetAt));
          return;
        }

        const request: BybitRequest = { method, path: url.pathname, params, serverTime: Date.now() + skew, now: Date.now() };
        let result: unknown;
        try {
          if (signed) {
            request.key = authenticateV5(
              state,
              route.security as 'READ' | 'TRADE',
              { method, headers: req.headers, remoteAddress: req.socket.remoteAddress ?? '', rawQuery, rawBody },
              { serverTime: request.serverTime, forceBadSignature: fault?.kind === 'bad_signature' },
            );
          }
          result = route.handle(request, core, extras);
        } catch (error) {
          if (!(error instanceof BybitError)) throw error;
          if (fault?.kind === 'drop_after_accept') return dropOrHang(req, entry, fault.then);
          sendError(res, entry, error, signed ? limitHeaders(apiKey, Date.now(), false) : {});
          return;
        }
        if (fault?.kind === 'drop_after_accept') return dropOrHang(req, entry, fault.then);
        const body = { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: request.serverTime };
        send(res, entry, 200, JSON.stringify(body), signed ? limitHeaders(apiKey, Date.now(), false) : {});
      } catch (error) {
        if (error instanceof BybitError) {
          sendError(res, entry, error);
          return;
        }
        console.error('[fake-bybit] internal error', error);
        send(res, entry, 500, JSON.stringify(new BybitError(10016, 'Internal server error.').toJSON(Date.now())), {});
      }
    },
  });

  const fake: FakeBybit = {
    ...venue,
    state,
    ...control,
    linear,
    setPrice(symbol, price, setOptions) {
      const fills = control.setPrice(symbol, price, setOptions);
      linear.onPrice(symbol, dec(price), Date.now());
      return fills;
    },
    addKey(input) {
      control.addKey(input);
      if (input.unreadable) extras.unreadableKeys.add(input.apiKey);
      else extras.unreadableKeys.delete(input.apiKey);
    },
    placeOnSite: (keyOrAccount, order) => placeOnSite(core, keyOrAccount, order),
  };
  for (const key of options.keys ?? []) fake.addKey(key);
  return fake;
}
