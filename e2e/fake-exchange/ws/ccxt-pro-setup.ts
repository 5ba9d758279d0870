/**
 * A real ccxt.pro Binance client (REST + websockets) pointed at the fake: the same options and
 * URL rewrite as createCcxtBinance, with `urls.api.ws` entries moved to ws://127.0.0.1:<port>.
 */
import http from 'node:http';
import ccxt from 'ccxt';
import { pointExchangeAt, type PointableExchange } from '../../../electron/core/exchange/point-ccxt';
import { FAKE_BINANCE_OPTIONS, type Credentials } from '../ccxt-setup';

export function createCcxtProBinance(
  url: string,
  creds?: Credentials,
  config: Record<string, unknown> = {},
): InstanceType<typeof ccxt.pro.binance> {
  const { options: extraOptions, ...rest } = config as { options?: Record<string, unknown> };
  const exchange = new ccxt.pro.binance({
    enableRateLimit: true,
    rateLimit: 5,
    timeout: 5_000,
    ...(creds ? { apiKey: creds.apiKey, secret: creds.secret } : {}),
    ...rest,
    options: { ...FAKE_BINANCE_OPTIONS, fetchMarkets: { types: ['spot'] }, ...extraOptions },
  });
  pointExchangeAt(exchange as unknown as PointableExchange, url, () => new http.Agent());
  return exchange;
}
