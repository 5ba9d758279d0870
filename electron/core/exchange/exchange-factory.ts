import http from 'node:http';
import ccxt, { type Exchange } from 'ccxt';
import { TradewindError } from '../../../shared/ipc/errors';
import type { ExchangeCredentials } from '../secrets/secret-store';
import { pointExchangeAt, type PointableExchange } from './point-ccxt';
import { rememberSecrets } from '../logs/live-secrets';
import { guardOrphanFutures } from './ws-futures';

export interface ExchangeClientOptions {
  exchangeId: string;
  sandbox: boolean;
  credentials?: ExchangeCredentials;
  /** exchangeId → base URL replacing the exchange's API origin (loopback fakes in tests). */
  urlOverrides?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  /** What the account trades (absent: spot): `swap` loads USDT-margined linear perpetuals instead. */
  marketType?: 'spot' | 'swap';
}

/** Per-exchange options that keep start-up to the calls we need (spot only). */
const EXCHANGE_OPTIONS: Record<string, Record<string, unknown>> = {
  binance: { fetchMarkets: { types: ['spot'] }, fetchMargins: false, fetchCurrencies: false },
  // Spot instruments only (no futures/swap/option lists); asset/currencies stays on, as OKX needs it for networks.
  okx: { fetchMarkets: { types: ['spot'] } },
  // Spot instruments only, spot as the default market type (ccxt's is linear swaps, which would send
  // symbol-less calls such as fetchTickers() to the derivatives category), and fetchOrder by id on a
  // unified account: ccxt refuses it unless told that Bybit only keeps an account's last 500 orders there.
  bybit: { fetchMarkets: { types: ['spot'] }, defaultType: 'spot', fetchOrder: { acknowledged: true } },
};

/**
 * The same for an account of USDT-margined linear perpetuals: only the linear swap lists, and swap
 * as the default type so symbol-less calls (balances, positions, all tickers) go to derivatives.
 * Elsewhere ccxt's generic `defaultType` / `defaultSubType` options say the same.
 */
const SWAP_OPTIONS: Record<string, Record<string, unknown>> = {
  binance: {
    fetchMarkets: { types: ['linear'] },
    defaultType: 'swap',
    defaultSubType: 'linear',
    fetchMargins: false,
    fetchCurrencies: false,
  },
  okx: { fetchMarkets: { types: ['swap'] }, defaultType: 'swap' },
  bybit: { fetchMarkets: { types: ['linear'] }, defaultType: 'swap', defaultSubType: 'linear', fetchOrder: { acknowledged: true } },
};
const GENERIC_SWAP_OPTIONS = { defaultType: 'swap', defaultSubType: 'linear' };

/** ccxt options for an exchange and what the account trades. */
export function marketTypeOptions(exchangeId: string, marketType: 'spot' | 'swap' = 'spot'): Record<string, unknown> {
  if (marketType === 'swap') return SWAP_OPTIONS[exchangeId] ?? GENERIC_SWAP_OPTIONS;
  return EXCHANGE_OPTIONS[exchangeId] ?? {};
}

/**
 * ccxt.pro delays every redial of a URL by its own hidden backoff (1 s doubling to 60 s, reset
 * only after 30 s without a dial). Our watch loops already back off and poll over REST meanwhile;
 * stacked on theirs, a stream sat "connecting" for up to a minute, neither streaming nor polled,
 * and a client closed during that delay still dialled afterwards, leaving a socket nobody owned.
 * Base 0 makes ccxt dial at once, so the watch loop alone decides when to retry.
 */
const WS_OPTIONS = { ws: { backoff: { base: 0 } } };

/** TRADEWIND_EXCHANGE_URLS='{"binance":"http://127.0.0.1:8123"}' — for tests and proxies. */
export function urlOverridesFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Record<string, string> {
  const raw = env.TRADEWIND_EXCHANGE_URLS;
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (!parsed || typeof parsed !== 'object') throw new Error('TRADEWIND_EXCHANGE_URLS must be a JSON object of exchangeId → URL');
  const overrides = Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  // API keys sign requests to these URLs: plain http to another machine would hand them to the network.
  for (const [exchangeId, url] of Object.entries(overrides)) {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new Error(`TRADEWIND_EXCHANGE_URLS: ${exchangeId} → '${url.slice(0, 80)}' is not a URL`);
    }
    const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(target.hostname);
    if (target.protocol !== 'https:' && !loopback) {
      throw new Error(
        `TRADEWIND_EXCHANGE_URLS: ${exchangeId} → ${target.origin} is not https and not loopback; API keys and orders would cross the network unencrypted. Use an https URL or a loopback test server.`,
      );
    }
  }
  const list = Object.entries(overrides)
    .map(([id, url]) => `${id} → ${url}`)
    .join(', ');
  if (list)
    warn(
      `WARNING: TRADEWIND_EXCHANGE_URLS sends exchange traffic (API keys, orders) to ${list} instead of the exchanges' own servers. Unset it unless you are testing.`,
    );
  return overrides;
}

type ExchangeCtor = new (config: object) => Exchange;

/** ccxt.pro's class (REST + websocket `watch*` methods) where ccxt has one, else the REST class. */
function exchangeClass(exchangeId: string): ExchangeCtor | undefined {
  if (!(ccxt.exchanges as string[]).includes(exchangeId)) return undefined;
  const pro = ccxt.pro as unknown as Record<string, ExchangeCtor | undefined> & { exchanges: string[] };
  const rest = (ccxt as unknown as Record<string, ExchangeCtor | undefined>)[exchangeId];
  const Ctor = pro.exchanges.includes(exchangeId) ? pro[exchangeId] : rest;
  return typeof Ctor === 'function' ? Ctor : undefined;
}

/**
 * The one place a ccxt instance is built (wrapped by `createExchangeClient`, exchange-client.ts). The rate limiter is always on; credentials live only
 * in this instance's memory for as long as core keeps it. Exchanges with websocket support get
 * ccxt.pro's client (a superset of the REST one), so callers can stream where `has` says so;
 * `close()` then also closes its sockets.
 */
export function createCcxtExchange(options: ExchangeClientOptions): Exchange {
  const Ctor = exchangeClass(options.exchangeId);
  if (!Ctor) {
    throw new TradewindError('not_found', `"${options.exchangeId}" is not an exchange ccxt supports. Pick one from the list.`);
  }
  const { credentials } = options;
  // The log redactor removes these by value wherever they show up (logs/redact.ts).
  if (credentials) rememberSecrets(credentials.apiKey, credentials.secret, credentials.password, credentials.privateKey);
  const exchange = new Ctor({
    enableRateLimit: true,
    timeout: options.timeoutMs ?? 10_000,
    options: { ...WS_OPTIONS, ...marketTypeOptions(options.exchangeId, options.marketType) },
    ...(credentials ?? {}),
  });
  if (options.sandbox) {
    if (!(exchange.urls as Record<string, unknown>)['test']) {
      throw new TradewindError(
        'invalid_input',
        `${exchange.name} has no testnet in ccxt; add the account as live, or pick another exchange.`,
      );
    }
    exchange.setSandboxMode(true);
  }
  guardOrphanFutures(exchange);
  const override = options.urlOverrides?.[options.exchangeId];
  if (override) pointExchangeAt(exchange as unknown as PointableExchange, override, () => new http.Agent());
  return exchange;
}
