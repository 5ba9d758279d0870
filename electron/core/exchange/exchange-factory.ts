import ccxt, { type Exchange } from 'ccxt';
import { TradewindError } from '../../../shared/ipc/errors';
import type { ExchangeCredentials } from '../secrets/secret-store';
import { rewriteApiUrls } from './point-ccxt';

export interface ExchangeClientOptions {
  exchangeId: string;
  sandbox: boolean;
  credentials?: ExchangeCredentials;
  /** exchangeId → base URL replacing the exchange's API origin (loopback fakes in tests). */
  urlOverrides?: Readonly<Record<string, string>>;
  timeoutMs?: number;
}

/** Per-exchange options that keep start-up to the calls we need (spot only). */
const EXCHANGE_OPTIONS: Record<string, Record<string, unknown>> = {
  binance: { fetchMarkets: { types: ['spot'] }, fetchMargins: false, fetchCurrencies: false },
};

/** TRADEWIND_EXCHANGE_URLS='{"binance":"http://127.0.0.1:8123"}' — for tests and proxies. */
export function urlOverridesFromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const raw = env.TRADEWIND_EXCHANGE_URLS;
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (!parsed || typeof parsed !== 'object') throw new Error('TRADEWIND_EXCHANGE_URLS must be a JSON object of exchangeId → URL');
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * The one place a ccxt client is built. The rate limiter is always on; credentials live only
 * in this instance's memory for as long as core keeps it.
 */
export function createExchangeClient(options: ExchangeClientOptions): Exchange {
  const Ctor = (ccxt as unknown as Record<string, (new (config: object) => Exchange) | undefined>)[options.exchangeId];
  if (typeof Ctor !== 'function' || !(ccxt.exchanges as string[]).includes(options.exchangeId)) {
    throw new TradewindError('not_found', `"${options.exchangeId}" is not an exchange ccxt supports. Pick one from the list.`);
  }
  const { credentials } = options;
  const exchange = new Ctor({
    enableRateLimit: true,
    timeout: options.timeoutMs ?? 10_000,
    options: EXCHANGE_OPTIONS[options.exchangeId] ?? {},
    ...(credentials ?? {}),
  });
  if (options.sandbox) {
    if (!(exchange.urls as Record<string, unknown>)['test']) {
      throw new TradewindError('invalid_input', `${exchange.name} has no testnet in ccxt; add the account as live, or pick another exchange.`);
    }
    exchange.setSandboxMode(true);
  }
  const override = options.urlOverrides?.[options.exchangeId];
  if (override) exchange.urls['api'] = rewriteApiUrls(exchange.urls['api'], override) as Exchange['urls']['api'];
  return exchange;
}
