import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { applySecurityHeaders } from './security-headers';
import { checkOrigin, checkToken, presentedToken, type AccessPolicy, type Verdict } from './upgrade-auth';

export const SESSION_PATH = '/session';
const MAX_BODY_BYTES = 1024;

/**
 * `/session` swaps the token the page found in its URL fragment for an HttpOnly, SameSite=Strict
 * cookie, so scripts in the page never hold it after start-up and a reload keeps working.
 *   POST /session (body: the token, text) → 204 + Set-Cookie, or 401/403 with the reason;
 *   GET  /session → 204 when the request's cookie (or bearer token) is valid, else 401 with the reason.
 * A POST must carry one of our origins: that is what stops another site from planting a cookie.
 */
export async function handleSession(req: IncomingMessage, res: ServerResponse, policy: AccessPolicy): Promise<void> {
  applySecurityHeaders(res);
  res.setHeader('Cache-Control', 'no-store');
  if (req.method === 'GET' || req.method === 'HEAD') {
    const verdict = firstRefusal(checkOrigin(req.headers.origin, policy), () => checkToken(presentedToken(req, policy.cookieName), policy));
    return verdict.ok ? noContent(res) : sendText(res, verdict.status, verdict.reason);
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'GET, HEAD, POST');
    return sendText(res, 405, 'method not allowed');
  }
  if (req.headers.origin === undefined)
    return sendText(res, 403, 'a session is opened by the Tradewind page itself (Origin header missing)');
  const origin = checkOrigin(req.headers.origin, policy);
  if (!origin.ok) return sendText(res, origin.status, origin.reason);
  const body = await readSmallBody(req);
  if (body === null) return sendText(res, 413, `the token is at most ${MAX_BODY_BYTES} bytes`);
  const token = body.trim();
  const verdict = checkToken(token, policy);
  if (!verdict.ok) return sendText(res, verdict.status, verdict.reason);
  res.setHeader('Set-Cookie', sessionCookie(policy, token, isSecureRequest(req)));
  noContent(res);
}

export function sessionCookie(policy: AccessPolicy, token: string, secure: boolean): string {
  const parts = [`${policy.cookieName}=${token}`, 'HttpOnly', 'SameSite=Strict', 'Path=/'];
  if (secure) parts.push('Secure');
  if (policy.expiresAt !== null) {
    const seconds = Math.max(0, Math.floor((policy.expiresAt - (policy.now ?? Date.now)()) / 1000));
    parts.push(`Max-Age=${seconds}`);
  }
  return parts.join('; ');
}

/** TLS here, or a TLS proxy in front (the page's origin is https). */
function isSecureRequest(req: IncomingMessage): boolean {
  return (req.socket as Partial<TLSSocket>).encrypted === true || (req.headers.origin ?? '').startsWith('https:');
}

function firstRefusal(first: Verdict, then: () => Verdict): Verdict {
  return first.ok ? then() : first;
}

function readSmallBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function noContent(res: ServerResponse): void {
  res.statusCode = 204;
  res.end();
}

export function sendText(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(body)));
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${body}`);
}
