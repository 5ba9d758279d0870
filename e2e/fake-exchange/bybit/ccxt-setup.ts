/**
 * A real ccxt.pro Bybit client (REST + websockets) pointed at the fake: every URL in
 * `urls.api` (REST and `ws`) moves to the fake's origin, with the spot-only options the app's
 * exchange factory uses, so tests exercise the same requests the app sends.
 */
import http from 'node:http';
import ccxt from 'ccxt';
import { pointExchangeAt, type PointableExchange } from '../../../electron/core/exchange/point-ccxt';
import type { Credentials } from '../ccxt-setup';

/** Spot markets only, spot by default (ccxt's own default type for Bybit is linear swaps). */
export const FAKE_BYBIT_OPTIONS = { fetchMarkets: { types: ['spot'] }, defaultType: 'spot' } as const;

export function createCcxtBybit(
  url: string,
  creds?: Credentials,
  config: Record<string, unknown> = {},
): InstanceType<typeof ccxt.pro.bybit> {
  const { options: extraOptions, ...rest } = config as { options?: Record<string, unknown> };
  const exchange = new ccxt.pro.bybit({
    enableRateLimit: true,
    rateLimit: 5,
    timeout: 5_000,
    ...(creds ? { apiKey: creds.apiKey, secret: creds.secret } : {}),
    ...rest,
    options: { ...FAKE_BYBIT_OPTIONS, ...extraOptions },
  });
  pointExchangeAt(exchange as unknown as PointableExchange, url, () => new http.Agent());
  return exchange;
}
