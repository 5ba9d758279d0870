/**
 * Pointing the real ccxt Binance client at the fake exchange.
 *
 * Only the origin of each API URL changes: the paths (/api/v3, /sapi/v1 ...) stay, so ccxt
 * builds exactly the requests it would send to Binance. The options keep loadMarkets to the one
 * spot exchangeInfo call (no futures exchangeInfo, no margin pairs, no currencies endpoint that
 * needs a key), as DESIGN.md's "Testing without the internet" prescribes.
 */
import ccxt, { type Exchange } from 'ccxt';
import { rewriteApiUrls } from '../../electron/core/exchange/point-ccxt';

/** Replaces the origin of every URL in `exchange.urls.api` (nested objects too), keeping paths: core's own rewrite. */
export function pointCcxtAt(exchange: Exchange, url: string): void {
  exchange.urls.api = rewriteApiUrls(exchange.urls.api, url) as Exchange['urls']['api'];
}

export interface Credentials {
  apiKey: string;
  secret: string;
}

/** Loads only spot markets from exchangeInfo; nothing else is needed before the first call. */
export const FAKE_BINANCE_OPTIONS = {
  fetchMarkets: { types: ['spot'] },
  fetchMargins: false,
  fetchCurrencies: false,
} as const;

/**
 * A real `ccxt.binance` talking to the fake at `url`. The rate limiter stays on (as in the app)
 * with a small interval so tests are quick; `config` overrides anything (e.g. `timeout`).
 */
export function createCcxtBinance(
  url: string,
  creds?: Credentials,
  config: Record<string, unknown> = {},
): InstanceType<typeof ccxt.binance> {
  const { options: extraOptions, ...rest } = config as { options?: Record<string, unknown> };
  const exchange = new ccxt.binance({
    enableRateLimit: true,
    rateLimit: 5,
    timeout: 5_000,
    ...(creds ? { apiKey: creds.apiKey, secret: creds.secret } : {}),
    ...rest,
    options: { ...FAKE_BINANCE_OPTIONS, fetchMarkets: { types: ['spot'] }, ...extraOptions },
  });
  pointCcxtAt(exchange, url);
  return exchange;
}
