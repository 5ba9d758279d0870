import ccxt from 'ccxt';
import { TradewindError } from '../../../shared/ipc/errors';
import { redactExchangeMessage, translateCcxtError } from './ccxt-errors';
import { classifyOkxKeyFailure } from './okx-key-errors';
import { classifyBybitKeyFailure } from './bybit-key-errors';

const IP_PATTERN = /\bIP\b[^.]*\b(white ?list|allow|restrict|not in)|white ?list/i;
const SIGNATURE_PATTERN = /signature|-1022\b/i;
const KEY_FORMAT_PATTERN = /-2014\b|api-?key format|invalid api-?key|api key.*(invalid|not exist|does not exist)/i;

/**
 * Why an exchange refused a new key, in words a person can act on. The order matters:
 * clock skew and IP whitelists are also "authentication" errors in ccxt's hierarchy.
 */
export function classifyKeyFailure(error: unknown, exchangeName: string): TradewindError {
  const raw = error instanceof Error ? redactExchangeMessage(error.message) : String(error);
  const venueSpecific = classifyOkxKeyFailure(raw, exchangeName) ?? classifyBybitKeyFailure(raw, exchangeName);
  if (venueSpecific) return venueSpecific;
  if (error instanceof ccxt.InvalidNonce || /-1021\b|timestamp .*(recvWindow|ahead)/i.test(raw)) {
    return new TradewindError(
      'clock_skew',
      `${exchangeName} rejected the request time: this computer's clock is off by more than the exchange allows. Turn on automatic time sync, then try again. (${raw})`,
    );
  }
  if (IP_PATTERN.test(raw)) {
    return new TradewindError(
      'ip_not_allowed',
      `${exchangeName} refused this key from this computer's IP address: add the address to the key's IP whitelist on the exchange, or remove the restriction. (${raw})`,
    );
  }
  if (error instanceof ccxt.PermissionDenied) {
    return new TradewindError(
      'permission',
      `${exchangeName} accepted the key but it lacks a permission Tradewind needs (at least reading balances). Enable "read" for the key on the exchange. (${raw})`,
    );
  }
  if (error instanceof ccxt.AuthenticationError) {
    if (SIGNATURE_PATTERN.test(raw)) {
      return new TradewindError(
        'auth',
        `${exchangeName} rejected the signature: the secret does not belong to this API key. Copy both again from the exchange. (${raw})`,
      );
    }
    if (/-2015\b/.test(raw)) {
      // Binance answers -2015 for an unknown key, a non-whitelisted IP and a missing permission alike.
      return new TradewindError(
        'auth',
        `${exchangeName} rejected the key: either the API key does not exist (check it was copied in full and not deleted), this computer's IP is not on its whitelist, or it lacks the "read" permission. (${raw})`,
      );
    }
    if (KEY_FORMAT_PATTERN.test(raw)) {
      return new TradewindError(
        'auth',
        `${exchangeName} does not know this API key. Check it was copied in full and is still enabled. (${raw})`,
      );
    }
    return new TradewindError(
      'auth',
      `${exchangeName} rejected the key or its signature. Copy the key and secret again from the exchange. (${raw})`,
    );
  }
  return translateCcxtError(error, exchangeName);
}
