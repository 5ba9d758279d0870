/**
 * OKX v5's private REST security, checked for real: OK-ACCESS-KEY, OK-ACCESS-PASSPHRASE (the
 * one chosen when the key was created), OK-ACCESS-TIMESTAMP (ISO 8601 with milliseconds, within
 * 30 s of the server clock) and OK-ACCESS-SIGN = base64(HMAC-SHA256(secret,
 * timestamp + METHOD + requestPath + body)), where requestPath carries the query string for
 * GETs exactly as sent. Then the key's IP whitelist and rights.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { normaliseIp, type Security } from '../signature';
import type { FakeState, KeyRecord } from '../state';
import { okxErrors } from './errors';

/** OKX refuses requests whose timestamp is more than 30 seconds away from its clock. */
export const OKX_TIMESTAMP_WINDOW_MS = 30_000;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function okxSign(secret: string, prehash: string): string {
  return createHmac('sha256', secret).update(prehash).digest('base64');
}

export interface OkxSignedRequest {
  method: string;
  /** Path and query exactly as received (`/api/v5/trade/order?instId=BTC-USDT&ordId=1`). */
  requestPath: string;
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress: string;
}

function header(req: OkxSignedRequest, name: string): string {
  const value = req.headers[name];
  return typeof value === 'string' ? value : '';
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The key on success; otherwise throws the OkxError OKX would answer with. */
export function authenticateOkx(
  state: FakeState,
  security: Exclude<Security, 'NONE'>,
  req: OkxSignedRequest,
  options: { serverTime: number; forceBadSignature: boolean },
): KeyRecord {
  const apiKey = header(req, 'ok-access-key');
  const sign = header(req, 'ok-access-sign');
  const timestamp = header(req, 'ok-access-timestamp');
  const passphrase = header(req, 'ok-access-passphrase');
  if (apiKey === '') throw okxErrors.missingKey();
  if (sign === '') throw okxErrors.missingSign();
  if (timestamp === '') throw okxErrors.missingTimestamp();
  if (passphrase === '') throw okxErrors.missingPassphrase();
  if (!ISO_MS.test(timestamp)) throw okxErrors.invalidTimestamp();
  if (Math.abs(options.serverTime - Date.parse(timestamp)) > OKX_TIMESTAMP_WINDOW_MS) throw okxErrors.timestampExpired();

  const key = state.keys.get(apiKey);
  if (!key) throw okxErrors.invalidKey();
  if (key.passphrase === undefined || !sameText(passphrase, key.passphrase)) throw okxErrors.wrongPassphrase();
  const ip = normaliseIp(req.remoteAddress);
  if (key.ipWhitelist.length > 0 && !key.ipWhitelist.includes(ip)) throw okxErrors.ipNotWhitelisted(ip);

  const expected = okxSign(key.secret, timestamp + req.method + req.requestPath + req.rawBody);
  if (options.forceBadSignature || !sameText(sign, expected)) throw okxErrors.invalidSign();

  if (!key.rights.read) throw okxErrors.noPermission();
  if (security === 'TRADE' && !key.rights.trade) throw okxErrors.noPermission();
  return key;
}
