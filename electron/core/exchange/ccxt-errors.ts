import ccxt, { type Exchange } from 'ccxt';
import { TradewindError, type ErrorCode } from '../../../shared/ipc/errors';
import { classifyOkxKeyFailure } from './okx-key-errors';
import { retryAfterHeaderMs, withRetryAfter } from './retry-after';

/** Most specific class first: ccxt's hierarchy nests (e.g. PermissionDenied ⊂ AuthenticationError, DDoSProtection ⊂ NetworkError). */
const TRANSLATIONS: ReadonlyArray<[new (...args: never[]) => Error, ErrorCode, string]> = [
  [ccxt.PermissionDenied, 'permission', 'the API key lacks the permission for this action'],
  [ccxt.AccountSuspended, 'auth', 'the account is suspended'],
  [ccxt.AuthenticationError, 'auth', 'the API key or signature was rejected'],
  [ccxt.InsufficientFunds, 'insufficient_funds', 'not enough balance'],
  [ccxt.InvalidOrder, 'invalid_order', 'the order was rejected'],
  [ccxt.BadSymbol, 'not_found', 'unknown market'],
  [ccxt.RateLimitExceeded, 'rate_limited', 'rate limit reached; retry later'],
  [ccxt.DDoSProtection, 'rate_limited', 'the exchange is throttling requests; retry later'],
  [ccxt.OnMaintenance, 'exchange_down', 'the exchange is under maintenance'],
  [ccxt.ExchangeNotAvailable, 'exchange_down', 'the exchange is not available'],
  [ccxt.RequestTimeout, 'network', 'the request timed out'],
  [ccxt.NetworkError, 'network', 'the exchange could not be reached'],
];

/**
 * ccxt messages embed full request URLs (signed query strings included). Keep the
 * exchange's own words but drop query strings so nothing signed reaches logs or the UI.
 */
export function redactExchangeMessage(message: string): string {
  return message.replace(/(https?:\/\/[^\s?"']+)\?[^\s"']*/g, '$1?…').slice(0, 500);
}

/** The exchange's own error code in a ccxt message (`binance {"code":-2010,"msg":"…"}`, Bybit's `{"retCode":10004,…}`), if any. */
export function exchangeCodeIn(message: string): string | null {
  const match = /"(?:code|retCode)"\s*:\s*"?(-?\w+)"?/.exec(message);
  return match ? match[1]! : null;
}

/**
 * ccxt's error in our terms. With the client it came from (`source`), a rate limit carries the
 * exchange's Retry-After as `retryAfterMs` (and, as before, said in the message for the person
 * reading it); the exchange's own code travels as `exchangeCode`.
 */
export function translateCcxtError(error: unknown, exchangeName: string, source?: { exchange: Exchange; now: number }): TradewindError {
  if (error instanceof TradewindError) return error;
  const raw = error instanceof Error ? redactExchangeMessage(error.message) : 'unknown error';
  const exchangeCode = exchangeCodeIn(raw);
  // Binance -2015 ("Invalid API-key, IP, or permissions for action") is a refusal, but ccxt
  // reports it as DDoSProtection once the client has made a successful private call.
  if (/"?code"?\s*:\s*-2015\b|-2015\b/.test(raw)) {
    return new TradewindError(
      'permission',
      `${exchangeName} refused this action for the key: it lacks the permission, or this IP is not whitelisted for it (${raw})`,
      { exchangeCode: exchangeCode ?? '-2015' },
    );
  }
  // Bybit 10010 (the key is bound to other IPs) arrives as ccxt's PermissionDenied, but no key permission can fix it.
  if (/"retCode"\s*:\s*10010\b/.test(raw)) {
    return new TradewindError(
      'ip_not_allowed',
      `${exchangeName} refused the key from this computer's IP address: add it to the key's bound IPs on ${exchangeName} (${raw})`,
      { exchangeCode: '10010' },
    );
  }
  // A key OKX stopped accepting (passphrase changed, key deleted, IP whitelist edited) says which.
  const okxKey = classifyOkxKeyFailure(raw, exchangeName);
  if (okxKey) return okxKey;
  for (const [cls, code, summary] of TRANSLATIONS) {
    if (!(error instanceof cls)) continue;
    const message = `${exchangeName}: ${summary} (${raw})`;
    if (code !== 'rate_limited' || !source) return new TradewindError(code, message, { exchangeCode });
    const retryAfterMs = retryAfterHeaderMs(source.exchange, source.now);
    return new TradewindError(code, withRetryAfter(message, retryAfterMs), { exchangeCode, retryAfterMs });
  }
  return new TradewindError('unavailable', `${exchangeName} returned an error: ${raw}`, { exchangeCode });
}
