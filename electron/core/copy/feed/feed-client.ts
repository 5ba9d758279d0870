/**
 * Reading a remote feed: a page of events after a sequence number (catch-up, filling a gap) and
 * the live Server-Sent Events stream. Nothing here is trusted: it only frames bytes into parsed
 * JSON values, bounded in size; the subscriber verifies every event against the pinned key.
 * Messages name the feed by origin and path.
 */
import { displayUrl } from './feed-url';

const PAGE_TIMEOUT_MS = 15_000;
const MAX_PAGE_BYTES = 8 * 1024 * 1024;
const MAX_EVENT_BYTES = 64 * 1024;
/** The publisher writes a comment every 15 s: this long without a byte means the connection is dead. */
const STREAM_IDLE_MS = 60_000;

export class FeedReadError extends Error {
  override readonly name = 'FeedReadError';
}

/** Why a request failed, in words (fetch hides the network cause one level down). */
function failure(url: string, error: unknown): FeedReadError {
  if (error instanceof FeedReadError) return error;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why =
    (error as Error).name === 'TimeoutError'
      ? 'no answer in time'
      : (cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
  return new FeedReadError(`${displayUrl(url)} could not be read: ${why}`);
}

async function refusal(url: string, response: Response): Promise<FeedReadError> {
  let detail = '';
  try {
    const body = (await response.text()).slice(0, 2_000);
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') detail = `: ${parsed.error.slice(0, 200)}`;
  } catch {
    // not our JSON error: the status says enough
  }
  return new FeedReadError(`${displayUrl(url)} answered HTTP ${response.status}${detail}`);
}

export interface FeedPage {
  head: number;
  /** Each event as parsed JSON, unverified. */
  events: unknown[];
}

export async function fetchFeedPage(url: string, after: number, limit: number, signal?: AbortSignal): Promise<FeedPage> {
  const timeout = AbortSignal.timeout(PAGE_TIMEOUT_MS);
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${url}/events?after=${after}&limit=${limit}`, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'error',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw await refusal(url, response);
    text = await response.text();
  } catch (error) {
    throw failure(url, error);
  }
  if (text.length > MAX_PAGE_BYTES)
    throw new FeedReadError(`${displayUrl(url)} sent a page larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FeedReadError(`${displayUrl(url)} did not answer with a feed page (not JSON); is it a Tradewind feed URL?`);
  }
  const { head, events } = (body ?? {}) as { head?: unknown; events?: unknown };
  if (!Number.isSafeInteger(head) || (head as number) < 0 || !Array.isArray(events))
    throw new FeedReadError(`${displayUrl(url)} did not answer with a feed page (no head and events); is it a Tradewind feed URL?`);
  return { head: head as number, events };
}

export interface FeedStreamHandlers {
  /** The stream is open (the publisher answered 200 with an event stream). */
  onOpen(): void;
  /** One event's data: parsed JSON, or the raw text when it is not JSON. */
  onEvent(data: unknown): void;
}

/**
 * Reads the live stream from `after` until it ends, fails or `signal` aborts; resolves when the
 * publisher closed it, rejects with a FeedReadError otherwise.
 */
export async function readFeedStream(url: string, after: number, signal: AbortSignal, handlers: FeedStreamHandlers): Promise<void> {
  const idle = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => idle.abort(new FeedReadError(`${displayUrl(url)} sent nothing for ${STREAM_IDLE_MS / 1000} s`)),
      STREAM_IDLE_MS,
    );
    timer.unref();
  };
  try {
    touch();
    const response = await fetch(`${url}/stream?after=${after}`, {
      signal: AbortSignal.any([signal, idle.signal]),
      redirect: 'error',
      headers: { Accept: 'text/event-stream' },
    });
    if (!response.ok) throw await refusal(url, response);
    if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream') || !response.body)
      throw new FeedReadError(`${displayUrl(url)} did not answer with an event stream; is it a Tradewind feed URL?`);
    handlers.onOpen();
    let buffer = '';
    let data: string[] = [];
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      touch();
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (data.length > 0) {
            const text = data.join('\n');
            data = [];
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // handed on as text: the subscriber refuses it and says so
            }
            handlers.onEvent(parsed);
          }
        } else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        // comments (": …"), "id:", "event:" and "retry:" lines carry nothing the follower uses
      }
      if (buffer.length > MAX_EVENT_BYTES || data.reduce((n, d) => n + d.length, 0) > MAX_EVENT_BYTES)
        throw new FeedReadError(`${displayUrl(url)} sent an event larger than ${MAX_EVENT_BYTES / 1024} KB.`);
    }
  } catch (error) {
    if (signal.aborted) return;
    throw failure(url, idle.signal.aborted ? idle.signal.reason : error);
  } finally {
    clearTimeout(timer);
  }
}
