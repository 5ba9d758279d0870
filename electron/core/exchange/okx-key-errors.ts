import { TradewindError } from '../../../shared/ipc/errors';

/**
 * OKX's own codes for a refused key, in words a person can act on. ccxt folds most of them into
 * AuthenticationError, and their texts ("Invalid Sign", "Invalid OK-ACCESS-KEY") match none of
 * the Binance-worded patterns, so they are told apart by code (OKX v5 error codes, API class).
 */
const OKX_KEY_CODES: Readonly<Record<string, (exchangeName: string, raw: string) => TradewindError>> = {
  '50105': (name, raw) =>
    new TradewindError(
      'auth',
      `${name} says the passphrase is wrong: it is the one you chose when creating this API key, not your login password. If it is lost, create a new key on ${name}. (${raw})`,
      { exchangeCode: '50105' },
    ),
  '50104': (name, raw) =>
    new TradewindError(
      'auth',
      `${name} needs the key's passphrase (the one chosen when the key was created). Enter it with the key. (${raw})`,
      {
        exchangeCode: '50104',
      },
    ),
  '50113': (name, raw) =>
    new TradewindError(
      'auth',
      `${name} rejected the signature: the secret key does not belong to this API key. Copy both again from ${name}'s API page. (${raw})`,
      { exchangeCode: '50113' },
    ),
  '50111': (name, raw) =>
    new TradewindError('auth', `${name} does not know this API key. Check it was copied in full and has not been deleted. (${raw})`, {
      exchangeCode: '50111',
    }),
  '50110': (name, raw) =>
    new TradewindError(
      'ip_not_allowed',
      `${name} refused this key from this computer's IP address: add the address to the key's IP whitelist on ${name}, or remove the restriction. (${raw})`,
      { exchangeCode: '50110' },
    ),
  '50102': (name, raw) =>
    new TradewindError(
      'clock_skew',
      `${name} rejected the request time: this computer's clock is more than 30 seconds off. Turn on automatic time sync, then try again. (${raw})`,
      { exchangeCode: '50102' },
    ),
  '50120': (name, raw) =>
    new TradewindError(
      'permission',
      `${name} accepted the key but it lacks the permission for this action. Check the key's rights on ${name}. (${raw})`,
      {
        exchangeCode: '50120',
      },
    ),
};

/** The classified refusal when `raw` (a redacted ccxt message from OKX) carries one of OKX's key codes. */
export function classifyOkxKeyFailure(raw: string, exchangeName: string): TradewindError | null {
  if (!/^okx\b/i.test(raw)) return null;
  // ccxt's message is `okx <body>`; the body's top-level code ("1" for per-order refusals, never a key code).
  const code = /"code"\s*:\s*"(\d+)"/.exec(raw)?.[1] ?? null;
  const classify = code === null ? undefined : OKX_KEY_CODES[code];
  return classify ? classify(exchangeName, raw) : null;
}
