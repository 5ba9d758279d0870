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
  /** The answer's body is read up to this many bytes; the rest is never downloaded. */
  maxAnswerBytes = DEFAULT_ANSWER_MAX_BYTES,
): Promise<HttpAnswer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetch(url, { method: 'POST', body, headers, signal: abort.signal, redirect: 'manual' });
    const text = await readCapped(response, maxAnswerBytes);
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

/** Answers beyond this are cut (a hostile or broken receiver cannot make core buffer megabytes). */
export const DEFAULT_ANSWER_MAX_BYTES = 64 * 1024;

/** The body's first `maxBytes` bytes as text; the stream is cancelled there instead of read to its end. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    const part = value.subarray(0, maxBytes - size);
    chunks.push(part);
    size += part.byteLength;
  }
  // Full: whatever follows is not downloaded.
  const full = size >= maxBytes;
  if (full) await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const text = new TextDecoder().decode(bytes);
  return full ? `${text}…` : text;
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
