import { TradewindError } from '../../../shared/ipc/errors';

/** Bybit's own retCode in a ccxt message (`bybit {"retCode":10004,"retMsg":"…"}`), if any. */
export function bybitRetCode(raw: string): string | null {
  const match = /"retCode"\s*:\s*"?(\d+)"?/.exec(raw);
  return match ? match[1]! : null;
}

/**
 * Bybit's v5 codes for a refused key, in words a person can act on. Bybit's texts ("error sign!",
 * "Unmatched IP, please check your API key's bound IP addresses.") match none of the
 * Binance-worded patterns, and ccxt files 10010 under PermissionDenied, so they go by code.
 */
const BYBIT_KEY_CODES: Readonly<Record<string, (exchangeName: string, raw: string) => TradewindError>> = {
  '10002': (name, raw) =>
    new TradewindError(
      'clock_skew',
      `${name} rejected the request time: this computer's clock is outside the request's receive window (recv_window, 5 s by default) of ${name}'s server time. Turn on automatic time sync, then try again. (${raw})`,
      { exchangeCode: '10002' },
    ),
  '10003': (name, raw) =>
    new TradewindError(
      'auth',
      `${name} does not know this API key. Check it was copied in full and has not been deleted or expired. (${raw})`,
      {
        exchangeCode: '10003',
      },
    ),
  '10004': (name, raw) =>
    new TradewindError(
      'auth',
      `${name} rejected the signature: the API secret does not belong to this API key. Copy both again from ${name}'s API management page. (${raw})`,
      { exchangeCode: '10004' },
    ),
  '10005': (name, raw) =>
    new TradewindError(
      'permission',
      `${name} accepted the key but it lacks the permission for this action. Check the key's permissions on ${name}'s API management page. (${raw})`,
      { exchangeCode: '10005' },
    ),
  '10010': (name, raw) =>
    new TradewindError(
      'ip_not_allowed',
      `${name} refused this key from this computer's IP address: add the address to the key's bound IPs on ${name}, or create a key without an IP restriction. (${raw})`,
      { exchangeCode: '10010' },
    ),
};

/** The classified refusal when `raw` (a redacted ccxt message from Bybit) carries one of Bybit's key codes. */
export function classifyBybitKeyFailure(raw: string, exchangeName: string): TradewindError | null {
  if (!/^bybit\b/i.test(raw)) return null;
  const code = bybitRetCode(raw);
  const classify = code === null ? undefined : BYBIT_KEY_CODES[code];
  return classify ? classify(exchangeName, raw) : null;
}
