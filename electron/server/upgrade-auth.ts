import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export const WS_PATH = '/ws';

/** A fresh secret per start: a page or peer from an earlier run (or another user) cannot reuse it. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

export interface UpgradePolicy {
  token: string;
  allowedOrigins: readonly string[];
}

/**
 * Decides whether an HTTP upgrade may become a WebSocket. The token is always required, even
 * without an Origin header (non-browser clients); a present Origin must be one of ours, which
 * stops other web pages in the user's browser from driving the terminal.
 */
export function checkUpgrade(req: Pick<IncomingMessage, 'url' | 'headers'>, policy: UpgradePolicy): UpgradeVerdict {
  let url: URL;
  try {
    url = new URL(req.url ?? '', 'http://host.invalid');
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
  if (url.pathname !== WS_PATH) return { ok: false, status: 404, reason: 'not found' };

  const origin = req.headers.origin;
  if (origin !== undefined && !policy.allowedOrigins.includes(origin)) {
    return { ok: false, status: 403, reason: 'origin not allowed' };
  }
  const token = url.searchParams.get('token');
  if (token === null || !tokensEqual(token, policy.token)) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}

/** Constant-time, and hashing first keeps the comparison independent of the offered length. */
export function tokensEqual(offered: string, expected: string): boolean {
  const a = createHash('sha256').update(offered).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

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
