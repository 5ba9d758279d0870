/**
 * Bybit v5's signed-request check, done for real: the X-BAPI-API-KEY must be a known key, the
 * caller's IP on its whitelist (if any), X-BAPI-SIGN the HMAC-SHA256 (hex) of
 * `timestamp + apiKey + recvWindow + payload` where the payload is the raw query string (GET) or
 * the raw JSON body (POST) exactly as received, and the timestamp inside
 * `[serverTime - recvWindow, serverTime + 1000)`.
 */
import { timingSafeEqual } from 'node:crypto';
import { hmacHex, normaliseIp } from '../signature';
import type { FakeState, KeyRecord } from '../state';
import { bybitErrors } from './errors';

export type BybitSecurity = 'NONE' | 'READ' | 'TRADE';

const DEFAULT_RECV_WINDOW = 5000;
/** Bybit lets a client's clock run up to one second ahead of its own. */
const AHEAD_TOLERANCE = 1000;

export interface SignedRequestV5 {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress: string;
  rawQuery: string;
  rawBody: string;
}

function header(headers: SignedRequestV5['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function apiKeyOf(headers: SignedRequestV5['headers']): string | undefined {
  return header(headers, 'X-BAPI-API-KEY');
}

/** The string Bybit signs for a v5 request. */
export function v5SignPayload(timestamp: string, apiKey: string, recvWindow: string, payload: string): string {
  return timestamp + apiKey + recvWindow + payload;
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase());
  const right = Buffer.from(b.toLowerCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface V5AuthOptions {
  serverTime: number;
  /** Fault injection: answer 10004 even for a correct signature. */
  forceBadSignature: boolean;
}

/** Returns the key, or throws the BybitError Bybit would answer with. */
export function authenticateV5(
  state: FakeState,
  security: Exclude<BybitSecurity, 'NONE'>,
  req: SignedRequestV5,
  options: V5AuthOptions,
): KeyRecord {
  const apiKey = apiKeyOf(req.headers);
  if (apiKey === undefined) throw bybitErrors.missingAuthHeader('X-BAPI-API-KEY');
  const key = state.keys.get(apiKey);
  if (!key) throw bybitErrors.invalidKey();
  const timestamp = header(req.headers, 'X-BAPI-TIMESTAMP');
  if (timestamp === undefined) throw bybitErrors.missingAuthHeader('X-BAPI-TIMESTAMP');
  const signature = header(req.headers, 'X-BAPI-SIGN');
  if (signature === undefined) throw bybitErrors.missingAuthHeader('X-BAPI-SIGN');
  const rawWindow = header(req.headers, 'X-BAPI-RECV-WINDOW');
  if (key.ipWhitelist.length > 0 && !key.ipWhitelist.includes(normaliseIp(req.remoteAddress))) throw bybitErrors.ipMismatch();

  const payload = req.method === 'GET' ? req.rawQuery : req.rawBody;
  const expected = hmacHex(key.secret, v5SignPayload(timestamp, apiKey, rawWindow ?? '', payload));
  if (options.forceBadSignature || !sameHex(signature, expected)) throw bybitErrors.badSignature();

  const recvWindow = rawWindow !== undefined && /^\d+$/.test(rawWindow) ? Number(rawWindow) : DEFAULT_RECV_WINDOW;
  const sent = /^\d+$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!(sent < options.serverTime + AHEAD_TOLERANCE && options.serverTime - recvWindow <= sent)) {
    throw bybitErrors.requestExpired(timestamp, options.serverTime, recvWindow);
  }
  if (!key.rights.read) throw bybitErrors.permissionDenied();
  if (security === 'TRADE' && !key.rights.trade) throw bybitErrors.permissionDenied();
  return key;
}

/** The private websocket's `auth` op: HMAC-SHA256 of `GET/realtime${expires}`, expires in the future. */
export function authenticateWsV5(state: FakeState, args: unknown, remoteAddress: string, now: number): KeyRecord {
  const [apiKey, expires, signature] = Array.isArray(args) ? (args as unknown[]).map((a) => String(a)) : [];
  if (!apiKey || !expires || !signature) throw bybitErrors.paramError('auth args must be [apiKey, expires, signature]');
  const key = state.keys.get(apiKey);
  if (!key) throw bybitErrors.invalidKey();
  if (key.ipWhitelist.length > 0 && !key.ipWhitelist.includes(normaliseIp(remoteAddress))) throw bybitErrors.ipMismatch();
  if (!sameHex(signature, hmacHex(key.secret, `GET/realtime${expires}`))) throw bybitErrors.badSignature();
  if (!(Number(expires) > now)) throw bybitErrors.requestExpired(expires, now, 0);
  if (!key.rights.read) throw bybitErrors.permissionDenied();
  return key;
}
