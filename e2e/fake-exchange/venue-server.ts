/**
 * The scaffold every fake venue's REST server stands on (Binance in ../server.ts, Bybit and OKX in
 * their folders): the HTTP server on 127.0.0.1 and its lifecycle, the request log and its
 * listeners, body reading, the venue-neutral fault plumbing (clock skew, server errors, held
 * requests, dropped connections) and the control surface they share. A dialect supplies only what
 * differs: how it finds the API key, how it routes, authenticates and answers, and its websockets.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultRegistry, type FaultHandle, type FaultKind, type FaultSpec, type FaultTarget } from './faults';
import { FakeState, type FakeStateSnapshot } from './state';

export const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1 << 20;

export type RequestOutcome = 'pending' | 'responded' | 'dropped' | 'hung';

export interface RequestLogEntry {
  id: number;
  method: string;
  path: string;
  /** Query and body parameters, without the signature. */
  params: Record<string, string>;
  apiKey: string | undefined;
  time: number;
  status: number | undefined;
  /** The venue's error code when the reply was an error. */
  code: number | undefined;
  fault: FaultKind | undefined;
  outcome: RequestOutcome;
  responseHeaders: Record<string, string>;
}

/** What every fake venue offers besides its state control: where it listens, its log, its faults. */
export interface VenueServer<Streams> {
  readonly url: string;
  readonly port: number;
  readonly requests: readonly RequestLogEntry[];
  close(): Promise<void>;
  injectFault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;
  clearRequests(): void;
  /** Calls `listener` with every request as it arrives (tests wait on requests instead of sleeping); returns the unsubscribe. */
  onRequest(listener: (entry: RequestLogEntry) => void): () => void;
  /** The websocket side (market streams, private streams) and its faults. */
  readonly streams: Streams;
}

/** One incoming request, already logged (listeners have seen `entry`). */
export interface VenueRequest {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  /** Upper case. */
  method: string;
  entry: RequestLogEntry;
}

/** The action fault taken for a request (never a clock skew: that comes as `skew`). */
export type ActionFault = Exclude<FaultSpec, { kind: 'clock_skew' }>;

export interface TakenFaults {
  /** Milliseconds to add to the venue's clock for this request. */
  skew: number;
  fault: ActionFault | undefined;
}

export interface VenueKit {
  /**
   * Takes this request's faults (clock skew, then at most one action fault), marks them in the log,
   * answers a `server_error` with `send` (plain text) and holds a `timeout` until it elapses.
   * Undefined when the request must not be answered further (server error sent, or the hold was
   * released by close()); a `rate_limit`, `bad_signature` or `drop_after_accept` is the dialect's.
   */
  takeFaults(
    target: FaultTarget,
    entry: RequestLogEntry,
    send: (status: number, body: string, headers: Record<string, string>) => void,
  ): Promise<TakenFaults | undefined>;
}

export interface VenueDialect<Streams extends { close(): void }> {
  /** 0 (default) picks a free port; pass the old port to restart "the same" exchange. */
  port?: number;
  /** Random source of probabilistic faults (default Math.random); seed it to repeat a run. */
  random?: () => number;
  /** The request log the scaffold appends to (a dialect reads it for its rate-limit headers). */
  log: RequestLogEntry[];
  /** The API key a request names (logged before the body is read), if any. */
  apiKeyOf(req: http.IncomingMessage): string | undefined;
  handle(request: VenueRequest, kit: VenueKit): Promise<void>;
  /** Attaches the venue's websocket side to the HTTP server before it listens. */
  attachStreams(server: http.Server): Streams;
}

/** Exchange-side truth to continue from: a live FakeState (shared) or an exported snapshot. */
export function venueState(state: FakeState | FakeStateSnapshot | undefined): FakeState {
  return state instanceof FakeState ? state : state ? FakeState.fromSnapshot(state) : new FakeState();
}

/** The request body as text; rejects with the dialect's own error past 1 MiB. */
export function readBody(req: http.IncomingMessage, tooLarge: () => Error): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(tooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes a reply (headers already complete) and records it, unless the socket is already gone. */
export function writeReply(
  res: http.ServerResponse,
  entry: RequestLogEntry,
  status: number,
  body: string,
  headers: Record<string, string>,
): void {
  if (res.destroyed || res.writableEnded) return;
  entry.status = status;
  entry.outcome = 'responded';
  entry.responseHeaders = headers;
  res.writeHead(status, headers);
  res.end(body);
}

/** A `drop_after_accept` fault: the venue did the work, then the client never hears back. */
export function dropOrHang(req: http.IncomingMessage, entry: RequestLogEntry, then: 'destroy' | 'hang' | undefined): void {
  if (then === 'hang') {
    entry.outcome = 'hung';
    return;
  }
  entry.outcome = 'dropped';
  req.socket.destroy();
}

export async function startVenueServer<Streams extends { close(): void }>(dialect: VenueDialect<Streams>): Promise<VenueServer<Streams>> {
  const faults = new FaultRegistry(dialect.random);
  const log = dialect.log;
  const listeners = new Set<(entry: RequestLogEntry) => void>();
  let nextRequestId = 1;
  /** Held requests (timeout faults) wait on these; close() releases them so nothing dangles. */
  const holds = new Set<() => void>();
  let closing = false;

  const hold = (ms: number | undefined) =>
    new Promise<boolean>((resolve) => {
      const release = () => {
        holds.delete(release);
        if (timer) clearTimeout(timer);
        resolve(false);
      };
      const timer =
        ms === undefined
          ? undefined
          : setTimeout(() => {
              holds.delete(release);
              resolve(true);
            }, ms);
      holds.add(release);
    });

  const kit: VenueKit = {
    async takeFaults(target, entry, send) {
      const skew = faults.takeSkew(target);
      if (skew !== 0) entry.fault = 'clock_skew';
      const fault = faults.takeAction(target);
      if (fault) entry.fault = fault.kind;
      if (fault?.kind === 'server_error') {
        send(fault.status ?? 503, fault.body ?? 'Service Unavailable', { 'Content-Type': 'text/plain' });
        return undefined;
      }
      if (fault?.kind === 'timeout') {
        entry.outcome = 'hung';
        const elapsed = await hold(fault.ms);
        if (!elapsed || closing) return undefined;
        entry.outcome = 'pending';
      }
      return { skew, fault };
    },
  };

  const server = http.createServer((req, res) => {
    const now = Date.now();
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: RequestLogEntry = {
      id: nextRequestId++,
      method,
      path: url.pathname,
      params: {},
      apiKey: dialect.apiKeyOf(req),
      time: now,
      status: undefined,
      code: undefined,
      fault: undefined,
      outcome: 'pending',
      responseHeaders: {},
    };
    log.push(entry);
    for (const listener of listeners) listener(entry);
    void dialect.handle({ req, res, url, method, entry }, kit);
  });
  server.keepAliveTimeout = 5_000;
  const streams = dialect.attachStreams(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(dialect.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}`,
    port,
    requests: log,
    async close() {
      closing = true;
      for (const release of [...holds]) release();
      streams.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    streams,
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clearRequests() {
      log.length = 0;
    },
  };
}
