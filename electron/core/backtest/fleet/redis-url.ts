/**
 * The Redis URL of the optimiser's worker fleet: checked before anything connects, shown only
 * without its password, and connection failures turned into a message that says which server
 * (by its redacted URL) and what to do.
 */
import { BacktestInputError } from '../errors';

export interface RedisTarget {
  /** The URL as given: used to connect, never printed. */
  url: string;
  /** The URL with any password replaced by `***`: the only form that goes into messages and logs. */
  safe: string;
}

const MAX_URL_CHARS = 2048;

/** Validates a `redis://` or `rediss://` URL (host required, optional port and database number). */
export function parseRedisUrl(raw: string): RedisTarget {
  const text = raw.trim();
  if (text.length === 0) throw new BacktestInputError('The Redis URL is empty. Give one like redis://127.0.0.1:6379.');
  if (text.length > MAX_URL_CHARS) throw new BacktestInputError(`The Redis URL is longer than ${MAX_URL_CHARS} characters.`);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new BacktestInputError(
      `"${redactLoose(text)}" is not a URL. Give one like redis://127.0.0.1:6379 or redis://:password@host:6379/0.`,
    );
  }
  const safe = redactRedisUrl(parsed);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new BacktestInputError(`${safe} is not a Redis URL: it must start with redis:// (or rediss:// for TLS).`);
  }
  if (parsed.hostname === '') throw new BacktestInputError(`${safe} names no host. Give one like redis://127.0.0.1:6379.`);
  if (parsed.port !== '' && !(Number(parsed.port) >= 1 && Number(parsed.port) <= 65535)) {
    throw new BacktestInputError(`${safe}: the port must be 1–65535.`);
  }
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) {
    throw new BacktestInputError(`${safe}: the path is the database number (0–99), e.g. redis://127.0.0.1:6379/0.`);
  }
  if (parsed.search !== '' || parsed.hash !== '') throw new BacktestInputError(`${safe}: query strings and fragments are not supported.`);
  return { url: text, safe };
}

export function redactRedisUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  // redis://SECRET@host (no colon) is a common way to write a password-only URL: the "user name" is the secret.
  else if (copy.username !== '') copy.username = '***';
  return copy.href.replace(/\/$/, '');
}

/** For text that is not even a URL: hide anything between "//" and "@" (where a password would be). */
function redactLoose(text: string): string {
  return text.replace(/\/\/[^@/]*@/, '//***@').slice(0, 120);
}

/** A connection problem, already phrased for the user (the URL inside is redacted). */
export class FleetUnavailableError extends Error {
  override name = 'FleetUnavailableError';
}

/** Turns an ioredis / socket error into what happened at which server and what to do about it. */
export function describeRedisError(target: RedisTarget, error: unknown): FleetUnavailableError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code ?? '';
  const where = `Redis at ${target.safe}`;
  const fix = 'Check the URL in Settings → Optimiser fleet (or TRADEWIND_REDIS_URL)';
  let text: string;
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(message)) {
    text = `${where} refused the credentials (${/NOAUTH/.test(message) ? 'a password is required' : 'wrong user name or password'}). ${fix}: redis://:PASSWORD@host:port or redis://USER:PASSWORD@host:port.`;
  } else if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    text = `${where} refused the connection: nothing listens there. Start redis-server on that host and port, or ${lower(fix)}.`;
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN/.test(message)) {
    text = `${where}: the host name does not resolve. ${fix}.`;
  } else if (code === 'ETIMEDOUT' || /ETIMEDOUT|timed? ?out/i.test(message)) {
    text = `${where} did not answer in time (a firewall, or the wrong host). ${fix}, and that the host is reachable from here.`;
  } else {
    text = `${where} is not usable: ${scrub(message, target)}. ${fix}.`;
  }
  return new FleetUnavailableError(text);
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Error texts from a driver may echo the URL: never let the password through. */
function scrub(message: string, target: RedisTarget): string {
  let out = message.split(target.url).join(target.safe);
  try {
    const parsed = new URL(target.url);
    // The user name is a secret too when it stands alone (redis://SECRET@host).
    const secret = parsed.password || parsed.username;
    if (secret) out = out.split(decodeURIComponent(secret)).join('***').split(secret).join('***');
  } catch {
    // parseRedisUrl already accepted the URL.
  }
  return out.slice(0, 300);
}
