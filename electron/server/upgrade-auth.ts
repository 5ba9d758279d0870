import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { hostHeaderName } from './origins';

export const WS_PATH = '/ws';

/** A fresh secret per start: a page or peer from an earlier run (or another user) cannot reuse it. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

export type RefusalStatus = 400 | 401 | 403 | 404 | 421;
export type Verdict = { ok: true } | { ok: false; status: RefusalStatus; reason: string };
export type UpgradeVerdict = Verdict;

/**
 * Who may talk to the host. The token is never read from a URL: browsers hold it in an HttpOnly
 * cookie (session-endpoint.ts swaps the page's `#token=` fragment for it), other clients send
 * `Authorization: Bearer <token>` on the upgrade.
 */
export interface AccessPolicy {
  token: string;
  allowedOrigins: readonly string[];
  /** Host-header names this host answers to (origins.ts allowedHostNamesFor); anything else is DNS rebinding or a mistake. */
  allowedHosts: ReadonlySet<string>;
  /** Name of the session cookie; carries the port so two hosts on one machine do not overwrite each other's. */
  cookieName: string;
  /** Epoch ms after which the token opens nothing new (`--token-ttl`); null: no lifetime. */
  expiresAt: number | null;
  now?: () => number;
}
/** Kept for callers written before the access policy had its own name. */
export type UpgradePolicy = AccessPolicy;

export function sessionCookieName(port: number): string {
  return `tradewind_session_${port}`;
}

/** The Host header must name this host: a DNS-rebinding page reaches us under its own name. */
export function checkHost(req: Pick<IncomingMessage, 'headers'>, policy: Pick<AccessPolicy, 'allowedHosts'>): Verdict {
  const name = hostHeaderName(req.headers.host);
  if (name === null) return { ok: false, status: 400, reason: 'missing or malformed Host header' };
  if (!policy.allowedHosts.has(name)) {
    return {
      ok: false,
      status: 421,
      reason: `host '${clip(name)}' is not a name this Tradewind host answers to; behind a proxy or tunnel start it with --public-origin URL`,
    };
  }
  return { ok: true };
}

/** A present Origin must be one of ours; an absent one is a non-browser client, which still needs the token. */
export function checkOrigin(origin: string | undefined, policy: Pick<AccessPolicy, 'allowedOrigins'>): Verdict {
  if (origin !== undefined && !policy.allowedOrigins.includes(origin)) {
    return {
      ok: false,
      status: 403,
      reason: `origin '${clip(origin)}' not allowed; behind a proxy or tunnel start the host with --public-origin ${clip(origin)}`,
    };
  }
  return { ok: true };
}

/** Constant-time comparison plus the lifetime. */
export function checkToken(offered: string | null, policy: Pick<AccessPolicy, 'token' | 'expiresAt' | 'now'>): Verdict {
  if (offered === null || !tokensEqual(offered, policy.token)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  const now = (policy.now ?? Date.now)();
  if (policy.expiresAt !== null && now >= policy.expiresAt) {
    return {
      ok: false,
      status: 401,
      reason: `token expired at ${new Date(policy.expiresAt).toISOString()}; restart tradewind serve for a new one`,
    };
  }
  return { ok: true };
}

/** The token a request presents: `Authorization: Bearer …` first, else the session cookie. */
export function presentedToken(req: Pick<IncomingMessage, 'headers'>, cookieName: string): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const match = /^Bearer ([A-Za-z0-9_-]{1,512})$/.exec(auth);
    return match ? match[1]! : '';
  }
  return readCookie(req.headers.cookie, cookieName);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * Decides whether an HTTP upgrade may become a WebSocket: the path, then the Host header, the
 * Origin (stops other web pages in the user's browser), then the token (always required).
 */
export function checkUpgrade(req: Pick<IncomingMessage, 'url' | 'headers'>, policy: AccessPolicy): UpgradeVerdict {
  let url: URL;
  try {
    url = new URL(req.url ?? '', 'http://host.invalid');
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
  if (url.pathname !== WS_PATH) return { ok: false, status: 404, reason: 'not found' };
  for (const verdict of [checkHost(req, policy), checkOrigin(req.headers.origin, policy)]) if (!verdict.ok) return verdict;
  return checkToken(presentedToken(req, policy.cookieName), policy);
}

/** Constant-time, and hashing first keeps the comparison independent of the offered length. */
export function tokensEqual(offered: string, expected: string): boolean {
  const a = createHash('sha256').update(offered).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
};

/** Answers a refused upgrade with a plain HTTP response, then drops the socket. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.on('error', () => {});
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
