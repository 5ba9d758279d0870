/**
 * The websocket plumbing every fake venue's stream side shares (Binance in stream-server.ts,
 * ../bybit/streams.ts, ../okx/ws.ts): the ws server on the REST server's port, the open
 * connections, the push timer that runs only while a socket is open, and the controls a test uses
 * to drop or refuse sockets. A dialect keeps its paths, messages and what each tick pushes.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

const TICK_MS = 25;
const MAX_MESSAGE_BYTES = 64 * 1024;

/** The controls every venue's stream side offers a test. */
export interface SocketControl {
  /** Open websocket connections. */
  readonly connectionCount: number;
  /** Closes every socket without a close frame, as a network drop does (ccxt sees code 1006). */
  dropAll(): void;
  /** While on, websocket upgrades are answered with HTTP 503 (REST keeps working). */
  refuse(on: boolean): void;
  close(): void;
}

export interface SocketHub<C extends { socket: WebSocket }> {
  readonly wss: WebSocketServer;
  readonly connections: ReadonlySet<C>;
  /** True while refuse(true) is on: the dialect answers upgrades with its 503. */
  readonly refusing: boolean;
  /** Counts the connection in, starts the push timer with the first, stops it when the last closes. */
  track(connection: C): void;
  /** Handles the server's upgrades with `onUpgrade` until close(). */
  listen(onUpgrade: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void): void;
  /** The shared controls with the dialect's own added (its getters stay live). */
  control<T extends object>(own: T): SocketControl & T;
}

/**
 * `tick` pushes to every open connection every 25 ms; `onFirstConnection` runs when the timer starts,
 * so a venue can start from the state as it is rather than a backlog nobody looked at.
 */
export function createSocketHub<C extends { socket: WebSocket }>(
  server: http.Server,
  tick: () => void,
  onFirstConnection?: () => void,
): SocketHub<C> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const connections = new Set<C>();
  let refusing = false;
  let timer: NodeJS.Timeout | undefined;
  let upgradeHandler: ((req: http.IncomingMessage, socket: Duplex, head: Buffer) => void) | undefined;

  return {
    wss,
    connections,
    get refusing() {
      return refusing;
    },
    track(connection) {
      connections.add(connection);
      if (!timer) {
        onFirstConnection?.();
        timer = setInterval(tick, TICK_MS);
      }
      connection.socket.on('close', () => {
        connections.delete(connection);
        if (connections.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      });
    },
    listen(onUpgrade) {
      upgradeHandler = onUpgrade;
      server.on('upgrade', onUpgrade);
    },
    control<T extends object>(own: T): SocketControl & T {
      const shared: SocketControl = {
        get connectionCount() {
          return connections.size;
        },
        dropAll() {
          for (const c of connections) c.socket.terminate();
        },
        refuse(on) {
          refusing = on;
        },
        close() {
          if (upgradeHandler) server.off('upgrade', upgradeHandler);
          for (const c of connections) c.socket.terminate();
          connections.clear();
          if (timer) clearInterval(timer);
          timer = undefined;
          wss.close();
        },
      };
      return Object.defineProperties(shared, Object.getOwnPropertyDescriptors(own)) as SocketControl & T;
    },
  };
}

/** Answers a refused upgrade with a bare HTTP status and closes the socket (Binance's and Bybit's way). */
export function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}
