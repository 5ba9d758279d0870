/**
 * The HTTP face of published feeds, served by the headless host on its own server (before its
 * session checks: a follower holds no session; each event's signature is what it trusts):
 *   GET /feeds/<id>/events?after=N&limit=M → {"feed","head","events":[signed events after N]} (catch-up, gaps)
 *   GET /feeds/<id>/stream?after=N         → Server-Sent Events: every event after N, then each new one live
 * A feed is readable by whoever reaches the host and knows its id (128 random bits): it holds the
 * leader's fills, never an account, key or order id. Server-Sent Events are one plain GET on the
 * same server (no upgrade route beside the session's /ws), and the follower resumes with `after`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FEED_ID } from './feed-event';
import { FEED_PATH_PREFIX } from './feed-url';

export interface FeedSource {
  page(feedId: string, after: number, limit: number): { head: number; events: string[] } | null;
  listen(feedId: string, listener: (body: string) => void): () => void;
}

export const FEED_PAGE_MAX = 500;
const MAX_STREAMS = 256;
/** A follower that reads slower than this much is behind is cut off; it resumes from its last sequence. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const pathOf = (url: string | undefined) => {
  const raw = url ?? '';
  const end = raw.search(/[?#]/);
  return end < 0 ? raw : raw.slice(0, end);
};

export function isFeedRequest(req: IncomingMessage): boolean {
  return pathOf(req.url).startsWith(FEED_PATH_PREFIX);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(text);
}

/** A non-negative integer query parameter, its default when absent, or null when malformed. */
function intParam(params: URLSearchParams, name: string, fallback: number, max: number): number | null {
  const text = params.get(name);
  if (text === null) return fallback;
  if (!/^\d{1,15}$/.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
}

export class FeedHttp {
  private streams = 0;

  constructor(
    private readonly source: FeedSource,
    private readonly heartbeatMs = 15_000,
  ) {}

  /** Live streams open now (tests, diagnostics). */
  openStreams(): number {
    return this.streams;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const match = /^\/feeds\/([^/]+)\/(events|stream)$/.exec(pathOf(req.url));
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      req.resume();
      return send(res, 405, { error: 'Feeds are read with GET.' });
    }
    if (!match || !FEED_ID.test(match[1]!))
      return send(res, 404, { error: 'No such feed path: use /feeds/<feed id>/events?after=N or /feeds/<feed id>/stream?after=N.' });
    const feedId = match[1]!;
    const params = new URL(req.url ?? '/', 'http://feed.invalid').searchParams;
    const after = intParam(params, 'after', 0, Number.MAX_SAFE_INTEGER);
    const limit = intParam(params, 'limit', FEED_PAGE_MAX, FEED_PAGE_MAX);
    if (after === null || limit === null)
      return send(res, 400, { error: `"after" must be a whole number ≥ 0 and "limit" one from 0 to ${FEED_PAGE_MAX}.` });
    if (match[2] === 'events') {
      const page = this.source.page(feedId, after, limit);
      if (!page) return send(res, 404, { error: 'This host publishes no feed with that id.' });
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // The stored signed texts go out as they are: re-serialising could only risk the bytes followers verify.
      res.end(`{"feed":${JSON.stringify(feedId)},"head":${page.head},"events":[${page.events.join(',')}]}`);
      return;
    }
    this.stream(req, res, feedId, after);
  }

  private stream(req: IncomingMessage, res: ServerResponse, feedId: string, after: number): void {
    if (!this.source.page(feedId, after, 0)) return send(res, 404, { error: 'This host publishes no feed with that id.' });
    if (this.streams >= MAX_STREAMS) {
      res.setHeader('Retry-After', '30');
      return send(res, 503, { error: 'Too many followers are connected; try again shortly.' });
    }
    this.streams++;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Accel-Buffering': 'no',
    });
    // The comment flushes the headers at once: a follower knows it is connected before any event.
    res.write(`: feed ${feedId}\n\n`);
    const write = (body: string) => {
      res.write(`data: ${body}\n\n`);
      if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
    };
    // Backlog and subscription in one synchronous run: no event can fall between them.
    let cursor = after;
    for (;;) {
      const page = this.source.page(feedId, cursor, FEED_PAGE_MAX);
      if (!page || page.events.length === 0) break;
      for (const body of page.events) write(body);
      cursor = (JSON.parse(page.events.at(-1)!) as { event: { seq: number } }).event.seq;
      if (page.events.length < FEED_PAGE_MAX) break;
    }
    const stop = this.source.listen(feedId, (body) => (body === '' ? res.end() : write(body)));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), this.heartbeatMs);
    heartbeat.unref();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.streams--;
      clearInterval(heartbeat);
      stop();
    };
    res.on('close', finish);
    req.on('close', finish);
  }
}
