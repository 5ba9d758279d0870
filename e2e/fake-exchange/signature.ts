/**
 * Binance's SIGNED endpoint security: API key header, IP whitelist, HMAC-SHA256 of the exact
 * bytes sent, timestamp inside recvWindow, and the key's rights.
 *
 * The signature is checked over the raw query string and raw body as received (not over
 * re-encoded parameters), because that is what Binance does and what catches client bugs such
 * as signing one encoding and sending another.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors } from './errors';
import type { FakeState, KeyRecord } from './state';

export type Security = 'NONE' | 'USER_DATA' | 'TRADE';

const DEFAULT_RECV_WINDOW = 5000;
const MAX_RECV_WINDOW = 60000;
/** Binance tolerates client clocks up to one second ahead of its own. */
const AHEAD_TOLERANCE = 1000;

function withoutSignature(raw: string): { rest: string; signature: string | undefined } {
  if (raw === '') return { rest: '', signature: undefined };
  let signature: string | undefined;
  const kept: string[] = [];
  for (const part of raw.split('&')) {
    if (part.startsWith('signature=')) signature = decodeURIComponent(part.slice('signature='.length));
    else kept.push(part);
  }
  return { rest: kept.join('&'), signature };
}

/** Binance's totalParams: the query string followed directly by the body, minus the signature. */
export function signedPayload(rawQuery: string, rawBody: string): { payload: string; signature: string | undefined } {
  const query = withoutSignature(rawQuery);
  const body = withoutSignature(rawBody);
  return { payload: query.rest + body.rest, signature: body.signature ?? query.signature };
}

export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase());
  const right = Buffer.from(b.toLowerCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface SignedRequest {
  method: string;
  apiKeyHeader: string | undefined;
  remoteAddress: string;
  rawQuery: string;
  rawBody: string;
  params: URLSearchParams;
}

export interface AuthOptions {
  serverTime: number;
  /** Fault injection: answer -1022 even for a correct signature. */
  forceBadSignature: boolean;
}

/** Returns the key on success; throws the BinanceError Binance would send otherwise. */
export function authenticate(state: FakeState, security: Exclude<Security, 'NONE'>, req: SignedRequest, options: AuthOptions): KeyRecord {
  if (req.apiKeyHeader === undefined || req.apiKeyHeader === '') throw errors.apiKeyFormat();
  const key = state.keys.get(req.apiKeyHeader);
  if (!key) throw errors.rejectedKey();
  if (key.ipWhitelist.length > 0 && !key.ipWhitelist.includes(normaliseIp(req.remoteAddress))) throw errors.rejectedKey();

  const { payload, signature } = signedPayload(req.rawQuery, req.rawBody);
  if (signature === undefined || signature === '') throw errors.mandatory('signature');
  if (options.forceBadSignature || !sameHex(signature, hmacHex(key.secret, payload))) throw errors.badSignature();

  checkTimestamp(req.params, options.serverTime);

  if (!key.rights.read) throw errors.rejectedKey();
  if (security === 'TRADE' && !key.rights.trade) throw errors.rejectedKey();
  return key;
}

export function checkTimestamp(params: URLSearchParams, serverTime: number): void {
  const rawTimestamp = params.get('timestamp');
  if (rawTimestamp === null || !/^\d+$/.test(rawTimestamp)) throw errors.mandatory('timestamp');
  const rawWindow = params.get('recvWindow');
  if (rawWindow !== null && !/^\d+$/.test(rawWindow)) throw errors.illegalChars('recvWindow');
  const recvWindow = rawWindow === null ? DEFAULT_RECV_WINDOW : Number(rawWindow);
  if (recvWindow > MAX_RECV_WINDOW) throw errors.recvWindowTooLarge();
  const timestamp = Number(rawTimestamp);
  if (timestamp >= serverTime + AHEAD_TOLERANCE) throw errors.timestampAhead();
  if (serverTime - timestamp > recvWindow) throw errors.timestampOutside();
}

/** Node reports IPv4 clients on dual-stack sockets as ::ffff:a.b.c.d. */
export function normaliseIp(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
