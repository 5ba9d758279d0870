import { DeliveryError } from './delivery';

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

/** Why a request got no answer, in words (the cause's code, e.g. ECONNREFUSED, when Node gives one). */
function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  const message = cause instanceof Error ? cause.message : String(cause);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}

/**
 * POSTs a body and reads the answer, giving up after `timeoutMs` (a timer, so fake timers drive
 * it in tests). `target` names the service in errors; it never contains the URL's path or query,
 * which may carry a token.
 */
export async function httpPost(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  target: string,
): Promise<HttpAnswer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetch(url, { method: 'POST', body, headers, signal: abort.signal, redirect: 'manual' });
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, headers: response.headers, text };
  } catch (error) {
    if (abort.signal.aborted) {
      throw new DeliveryError(
        `${target[0]!.toUpperCase()}${target.slice(1)} did not answer within ${Math.round(timeoutMs / 100) / 10} s.`,
        { retryable: true },
      );
    }
    throw new DeliveryError(`Could not reach ${target}: ${networkReason(error)}.`, { retryable: true });
  } finally {
    clearTimeout(timer);
  }
}

/** A Retry-After header in milliseconds (seconds or an HTTP date), undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
