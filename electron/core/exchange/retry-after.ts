import type { Exchange } from 'ccxt';

/** Retry-After (seconds or HTTP date) from the last response ccxt saw, if any. */
export function retryAfterHeaderMs(exchange: Exchange, now: number): number | null {
  const headers = (exchange as unknown as { last_response_headers?: Record<string, string> }).last_response_headers ?? {};
  const value = headers['Retry-After'] ?? headers['retry-after'];
  if (!value) return bybitResetMs(headers, now);
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/**
 * Bybit sends no Retry-After: its X-Bapi-Limit-Reset-Timestamp (ms) says when the endpoint's limit
 * resets, and only means a wait once X-Bapi-Limit-Status (requests left) is 0.
 */
function bybitResetMs(headers: Record<string, string>, now: number): number | null {
  const header = (name: string) => Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const left = header('x-bapi-limit-status');
  const reset = Number(header('x-bapi-limit-reset-timestamp'));
  if (left !== '0' || !Number.isFinite(reset) || reset <= 0) return null;
  return Math.max(0, reset - now);
}

/**
 * The exchange's Retry-After said in a rate-limit error's message ("… Retry-After: 3 s.") for the
 * person reading it; code reads the typed `TradewindError.retryAfterMs` instead. ccxt's own
 * message carries the body, not the headers. Binance bans an IP that keeps calling after a 429.
 */
export function withRetryAfter(message: string, waitMs: number | null): string {
  if (waitMs === null || /retry[- ]?after["':\s]+\d/i.test(message)) return message;
  return `${message} Retry-After: ${Math.ceil(waitMs / 1_000)} s.`;
}
