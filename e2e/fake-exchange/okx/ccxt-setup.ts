/**
 * A real ccxt.pro okx client (REST + websockets) pointed at the fake OKX, the way core points
 * one (`pointExchangeAt`): every origin in `urls.api` moves to the fake, paths stay. Markets are
 * loaded for spot only, as the app does; everything else loadMarkets does (asset/currencies when
 * a key is set) goes to the fake as it would go to OKX.
 */
import http from 'node:http';
import ccxt from 'ccxt';
import { pointExchangeAt, type PointableExchange } from '../../../electron/core/exchange/point-ccxt';

export interface OkxCredentials {
  apiKey: string;
  secret: string;
  /** OKX's passphrase; ccxt calls it `password`. */
  password: string;
}

export function createCcxtOkx(
  url: string,
  creds?: OkxCredentials,
  config: Record<string, unknown> = {},
): InstanceType<typeof ccxt.pro.okx> {
  const { options: extraOptions, ...rest } = config as { options?: Record<string, unknown> };
  const exchange = new ccxt.pro.okx({
    enableRateLimit: true,
    rateLimit: 5,
    timeout: 5_000,
    ...(creds ?? {}),
    ...rest,
    options: { fetchMarkets: { types: ['spot'] }, ws: { backoff: { base: 0 } }, ...extraOptions },
  });
  pointExchangeAt(exchange as unknown as PointableExchange, url, () => new http.Agent());
  return exchange;
}
