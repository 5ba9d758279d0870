/** Shared by this folder's tests: a real host on an ephemeral loopback port and a frame-level client. */
import WebSocket from 'ws';
import type { Core } from '../core/types';
import { closeServer, createHostServer, listen, type HostServer } from './http-server';
import { allowedOriginsFor, originFor } from './origins';
import { createToken } from './upgrade-auth';
import { attachWsTransport, type WsTransport, type WsTransportOptions } from './ws-transport';

export interface TestHost {
  server: HostServer;
  transport: WsTransport;
  port: number;
  origin: string;
  token: string;
  /** The socket URL; it never carries the token. */
  wsUrl(): string;
  /** `Authorization: Bearer <token>` (this host's token by default; null: no header at all). */
  auth(token?: string | null): Record<string, string>;
  close(): Promise<void>;
}

export async function startTestHost(core: Core, rendererDir: string, extra: Partial<WsTransportOptions> = {}): Promise<TestHost> {
  const server = createHostServer(rendererDir);
  const { port } = await listen(server, 0, '127.0.0.1');
  const token = createToken();
  const transport = attachWsTransport(server, core, { token, allowedOrigin: allowedOriginsFor('127.0.0.1', port), ...extra });
  const origin = originFor('127.0.0.1', port);
  return {
    server,
    transport,
    port,
    origin,
    token,
    wsUrl: () => `ws://127.0.0.1:${port}/ws`,
    auth: (t = token) => bearer(t),
    close: async () => {
      await transport.close();
      await closeServer(server);
    },
  };
}

/** How non-browser clients present the token (browsers use the session cookie). */
export function bearer(token: string | null): Record<string, string> {
  return token === null ? {} : { Authorization: `Bearer ${token}` };
}

export type Frame = Record<string, unknown> & { t: string };
export type Next = { kind: 'frame'; frame: Frame } | { kind: 'close'; code: number };

/** Queues what the server sends so a test can await the next result (events are kept aside). */
export class WsProbe {
  readonly events: Frame[] = [];
  private readonly queue: Next[] = [];
  private waiter: ((next: Next) => void) | null = null;
  closed: { code: number } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const frame = JSON.parse(isBinary ? '{"t":"binary-from-server"}' : data.toString()) as Frame;
      if (frame.t === 'event') this.events.push(frame);
      else this.push({ kind: 'frame', frame });
    });
    ws.on('close', (code) => {
      this.closed = { code };
      this.push({ kind: 'close', code });
    });
    // Writing the rest of an oversize frame after the server hung up raises EPIPE/ECONNRESET here.
    ws.on('error', () => {});
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<WsProbe> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers, maxPayload: 64 * 1024 * 1024 });
      const probe = new WsProbe(ws);
      ws.once('open', () => resolve(probe));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  next(timeoutMs = 5000): Promise<Next> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error('no frame from server in time'));
      }, timeoutMs);
      this.waiter = (next) => {
        clearTimeout(timer);
        resolve(next);
      };
    });
  }

  /** Core calls may reach an exchange (the fake one): allow for a busy 2-core CI machine. */
  async call(id: number | string, method: string, input?: unknown, timeoutMs = 15_000): Promise<Frame> {
    this.send(JSON.stringify({ t: 'call', id, method, input }));
    const next = await this.next(timeoutMs);
    if (next.kind !== 'frame') throw new Error(`socket closed (${next.code}) awaiting result ${id}`);
    return next.frame;
  }

  close(): void {
    this.ws.terminate();
  }

  private push(next: Next): void {
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter) waiter(next);
    else this.queue.push(next);
  }
}

/** Refused upgrades: the HTTP status the server answered with. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.terminate();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

/** A hand-driven Core for transport tests that must not depend on core's behaviour. */
export function createStubCore(): Core & {
  emit(topic: string, payload: unknown): void;
  listenerCount(topic: string): number;
  endedSessions: string[];
} {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const endedSessions: string[] = [];
  return {
    dataDir: '/nonexistent',
    endedSessions,
    async invoke(method, input, ctx) {
      if (method === 'echo') return { ok: true, value: { input, sessionId: ctx.sessionId } };
      if (method === 'throw') throw new Error('boom');
      if (method === 'bigint') return { ok: true, value: 1n };
      if (method === 'slow') {
        await new Promise((r) => setTimeout(r, 200));
        return { ok: true, value: 'slow' };
      }
      return { ok: false, error: { code: 'unknown_method', message: `unknown method '${method}'` } };
    },
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(topic, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(topic, payload) {
      for (const l of listeners.get(topic) ?? []) (l as (p: unknown) => void)(payload);
    },
    listenerCount(topic) {
      return listeners.get(topic)?.size ?? 0;
    },
    endSession(sessionId) {
      endedSessions.push(sessionId);
    },
    sessionState() {
      let eventListeners = 0;
      for (const set of listeners.values()) eventListeners += set.size;
      return { watchSessions: 0, eventListeners, csvUploads: 0 };
    },
    async close() {},
  };
}
