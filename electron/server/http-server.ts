import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { handleSignalRequest, isSignalRequest, type SignalHttpIntake } from '../core/signals/signal-http';
import { isFeedRequest, type FeedHttp } from '../core/copy/feed/feed-http';
import { applySecurityHeaders } from './security-headers';
import { handleSession, sendText, SESSION_PATH } from './session-endpoint';
import { createStaticHandler } from './static-files';
import { checkHost, type AccessPolicy } from './upgrade-auth';

export type HostServer = Server | HttpsServer;

export interface HostServerOptions {
  /** PEM certificate (chain) and key: serve HTTPS (and so WSS). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * The access policy, once the port is known. With one, every request's Host header is checked
   * and `/session` is served; until it is set requests get 503.
   */
  access?: () => AccessPolicy | undefined;
  /**
   * Core's signal listener, once core is up. While signals are enabled, `POST /signals/<id>`
   * goes to it before the Host, token and Origin checks: a signal sender (TradingView, a tunnel)
   * holds no session; the source's secret authenticates it instead. Disabled: the path is like any other.
   */
  signals?: () => SignalHttpIntake | undefined;
  /**
   * Core's published copy feeds, once core is up: `GET /feeds/<id>/events|stream` goes to them
   * before the Host, token and Origin checks. A follower on another machine holds no session and
   * reaches the host by a name of its own; every event is signed, and a feed holds fills only.
   */
  feeds?: () => FeedHttp | undefined;
  /**
   * The MCP endpoint (`/mcp`, streamable HTTP), once core is up. After the Host check, before the
   * session: an agent authenticates with its own agent token (Bearer), which core checks per call.
   */
  mcp?: () => ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
}

/** The HTTP half of the headless host: static renderer files and `/session`; `/ws` upgrades are attached separately. */
export function createHostServer(rendererDir: string, log: (line: string) => void = () => {}, options: HostServerOptions = {}): HostServer {
  const serveStatic = createStaticHandler(rendererDir, log);
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const signals = options.signals?.();
    if (signals && isSignalRequest(req, signals)) {
      handleSignalRequest(req, res, signals).catch((err: unknown) => {
        log(`signals: ${String(err)}`);
        if (!res.headersSent) sendText(res, 500, 'internal error');
        else res.destroy();
      });
      return;
    }
    const feeds = options.feeds?.();
    if (feeds && isFeedRequest(req)) {
      applySecurityHeaders(res);
      return feeds.handle(req, res);
    }
    if (!options.access) return serveStatic(req, res);
    const policy = options.access();
    if (!policy) {
      applySecurityHeaders(res);
      return sendText(res, 503, 'starting; try again in a moment');
    }
    const host = checkHost(req, policy);
    if (!host.ok) {
      log(`http: refused request (${host.status} ${host.reason})`);
      applySecurityHeaders(res);
      return sendText(res, host.status, host.reason);
    }
    const mcp = pathOf(req.url) === '/mcp' ? options.mcp?.() : undefined;
    if (mcp) {
      // A browser page may not drive it: only the host's own origins, or clients that send none (agents).
      const origin = req.headers.origin;
      if (origin !== undefined && !policy.allowedOrigins.includes(origin)) {
        log('mcp: refused a request from a foreign origin');
        return sendText(res, 403, 'origin not allowed');
      }
      mcp(req, res).catch((err: unknown) => {
        log(`mcp: ${String(err)}`);
        if (!res.headersSent) sendText(res, 500, 'internal error');
        else res.destroy();
      });
      return;
    }
    if (pathOf(req.url) === SESSION_PATH) {
      handleSession(req, res, policy).catch((err: unknown) => {
        log(`session: ${String(err)}`);
        if (!res.headersSent) sendText(res, 500, 'internal error');
        else res.destroy();
      });
      return;
    }
    serveStatic(req, res);
  };
  const server: HostServer = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler)
    : createServer(handler);
  server.on('clientError', (err: Error, socket: { destroy(): void }) => {
    log(`http: client error: ${err.message}`);
    socket.destroy();
  });
  if (options.tls) server.on('tlsClientError', (err: Error) => log(`https: TLS handshake failed: ${err.message}`));
  return server;
}

function pathOf(url: string | undefined): string {
  const end = (url ?? '').search(/[?#]/);
  return end < 0 ? (url ?? '') : (url ?? '').slice(0, end);
}

export function listen(server: HostServer, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Stops accepting, then drops idle keep-alive sockets so close() does not wait on browsers. */
export function closeServer(server: HostServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
