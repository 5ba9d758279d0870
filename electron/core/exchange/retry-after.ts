import type { Exchange } from 'ccxt';

/** Retry-After (seconds or HTTP date) from the last response ccxt saw, if any. */
export function retryAfterHeaderMs(exchange: Exchange, now: number): number | null {
  const headers = (exchange as unknown as { last_response_headers?: Record<string, string> }).last_response_headers ?? {};
  const value = headers['Retry-After'] ?? headers['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/** "Retry-After: 7" or "retry after 7 s" in an error's message, in ms. */
export function retryAfterInMessageMs(message: string): number | null {
  const match = /retry[- ]?after["':\s]+(\d+(?:\.\d+)?)/i.exec(message);
  return match ? Number(match[1]) * 1_000 : null;
}

/**
 * The exchange's Retry-After written into a rate-limit error's message ("… Retry-After: 3 s."),
 * so whoever backs off (order poll, circuit breaker) can honour it: ccxt's own message carries
 * the body, not the headers. Binance bans an IP that keeps calling after a 429.
 */
export function withRetryAfter(message: string, exchange: Exchange, now: number): string {
  const wait = retryAfterHeaderMs(exchange, now);
  if (wait === null || retryAfterInMessageMs(message) !== null) return message;
  return `${message} Retry-After: ${Math.ceil(wait / 1_000)} s.`;
}
