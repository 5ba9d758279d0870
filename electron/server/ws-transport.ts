import type { IncomingMessage, Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/types';
import { MAX_FRAME_BYTES } from '../../shared/ipc/wire';
import { allowedHostNamesFor } from './origins';
import { checkUpgrade, refuseUpgrade, type AccessPolicy } from './upgrade-auth';
import { DEFAULT_LIMITS, serveConnection, type ConnectionLimits } from './ws-connection';

export interface WsTransportOptions {
  token: string;
  /** The origin(s) of pages this host serves, e.g. `http://127.0.0.1:7421`. */
  allowedOrigin: string | readonly string[];
  /** Host-header names to answer (default: the loopback names). */
  allowedHosts?: ReadonlySet<string>;
  /** The browser session cookie's name (session-endpoint.ts); default `tradewind_session`. */
  cookieName?: string;
  /** Epoch ms after which the token opens no new connection; live ones carry on. */
  expiresAt?: number | null;
  now?: () => number;
  limits?: Partial<ConnectionLimits>;
  /** Interval of liveness pings; a peer that misses one is dropped. */
  heartbeatMs?: number;
  log?: (line: string) => void;
}

export interface WsTransport {
  readonly clients: ReadonlySet<WebSocket>;
  /** Closes every connection (1001) and detaches from the HTTP server. */
  close(): Promise<void>;
}

/** Serves shared/ipc/wire.ts on `/ws` of an existing HTTP server. */
export function attachWsTransport(server: Server | HttpsServer, core: Core, options: WsTransportOptions): WsTransport {
  const log = options.log ?? (() => {});
  const limits: ConnectionLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const policy: AccessPolicy = {
    token: options.token,
    allowedOrigins: typeof options.allowedOrigin === 'string' ? [options.allowedOrigin] : [...options.allowedOrigin],
    allowedHosts: options.allowedHosts ?? allowedHostNamesFor('127.0.0.1'),
    cookieName: options.cookieName ?? 'tradewind_session',
    expiresAt: options.expiresAt ?? null,
    ...(options.now ? { now: options.now } : {}),
  };
  // maxPayload makes ws refuse oversize frames (close 1009) before buffering or parsing them.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  wss.on('error', (err) => log(`ws server: ${err.message}`));

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (err) => log(`ws upgrade socket: ${err.message}`));
    const verdict = checkUpgrade(req, policy);
    if (!verdict.ok) {
      log(`ws: refused upgrade (${verdict.status} ${verdict.reason})`);
      refuseUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  const alive = new WeakSet<WebSocket>();
  wss.on('connection', (ws: WebSocket) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    serveConnection(ws, core, limits, log);
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    clients: wss.clients,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        server.off('upgrade', onUpgrade);
        for (const ws of wss.clients) ws.close(1001, 'server shutting down');
        // Peers get a moment to acknowledge the close; a silent one is cut off.
        const force = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1000);
        force.unref();
        wss.close(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
