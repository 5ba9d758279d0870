/**
 * The fake Binance spot REST server on 127.0.0.1 (its state-control methods live in control.ts).
 *
 * Request pipeline: log → route lookup → faults (clock skew, then at most one action fault) →
 * authentication for SIGNED routes → handler → response (or a dropped connection / no answer
 * when a fault says so). The exchange state lives in a FakeState that can outlive the server,
 * so a test can stop it and start another one on the same port with the same orders and balances.
 */
import type http from 'node:http';
import { DEFAULT_DATA_DIR } from './candles';
import { createCore, type ExchangeCore, type RequestContext, type Route } from './core';
import { dec } from './decimal';
import { BinanceError, errors } from './errors';
import { DEFAULT_MARKETS, type MarketSpec } from './markets';
import { accountRoutes } from './routes/account';
import { marketDataRoutes } from './routes/market-data';
import { orderListRoutes } from './routes/order-lists';
import { orderRoutes } from './routes/orders';
import { authenticate } from './signature';
import type { FakeState, FakeStateSnapshot } from './state';
import { createStateControl, type AddKeyInput, type StateControl } from './control';
import { dropOrHang, readBody, startVenueServer, venueState, writeReply, type RequestLogEntry, type VenueServer } from './venue-server';
import { attachStreamServer, type StreamControl } from './ws/stream-server';

export type { RequestLogEntry, RequestOutcome } from './venue-server';

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

export interface FakeBinance extends StateControl, VenueServer<StreamControl> {
  /** The live state; pass it to startFakeBinance({ state }) to survive a restart. */
  readonly state: FakeState;
}

const ROUTES: readonly Route[] = [...marketDataRoutes, ...accountRoutes, ...orderRoutes, ...orderListRoutes];

export async function startFakeBinance(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const state = venueState(options.state);
  const fees = { maker: dec(options.fees?.maker ?? '0.001'), taker: dec(options.fees?.taker ?? '0.001') };
  const core: ExchangeCore = createCore(state, options.markets ?? DEFAULT_MARKETS, options.dataDir ?? DEFAULT_DATA_DIR, fees);
  const control = createStateControl(core);
  const log: RequestLogEntry[] = [];

  /** Binance reports the request weight used in the last minute; the fake counts one per request. */
  const usedWeight = (now: number) => log.filter((e) => now - e.time < 60_000).length;

  const send = (res: http.ServerResponse, entry: RequestLogEntry, status: number, body: string, headers: Record<string, string>) => {
    const all = { 'Content-Type': 'application/json;charset=UTF-8', 'X-MBX-USED-WEIGHT-1M': String(usedWeight(Date.now())), ...headers };
    writeReply(res, entry, status, body, all);
  };

  const sendError = (res: http.ServerResponse, entry: RequestLogEntry, error: BinanceError, headers: Record<string, string> = {}) => {
    entry.code = error.code;
    send(res, entry, error.httpStatus, JSON.stringify(error.toJSON()), headers);
  };

  const venue = await startVenueServer({
    port: options.port,
    random: options.random,
    log,
    apiKeyOf: (req) => (typeof req.headers['x-mbx-apikey'] === 'string' ? req.headers['x-mbx-apikey'] : undefined),
    attachStreams: (server) => attachStreamServer(server, core),
    async handle({ req, res, url, method, entry }, kit) {
      const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
      const apiKeyHeader = entry.apiKey;
      try {
        const rawBody = await readBody(req, () => new BinanceError(-1000, 'Request body too large.'));
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
        const taken = await kit.takeFaults(target, entry, (status, text, headers) => send(res, entry, status, text, headers));
        if (!taken) return;
        const { skew, fault } = taken;
        if (fault?.kind === 'rate_limit') {
          const error = errors.tooManyRequests();
          const status = fault.status ?? 429;
          sendError(res, entry, new BinanceError(error.code, error.message, status), { 'Retry-After': String(fault.retryAfterSec ?? 1) });
          return;
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
    },
  });

  const fake: FakeBinance = { ...venue, state, ...control };
  for (const key of options.keys ?? []) fake.addKey(key);
  return fake;
}
