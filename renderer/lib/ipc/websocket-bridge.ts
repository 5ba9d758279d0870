import type { TradewindBridge } from '../../../shared/ipc/bridge';
import type { Envelope } from '../../../shared/ipc/errors';
import type { ClientFrame, ServerFrame } from '../../../shared/ipc/wire';
import type { ConnectionSource, ConnectionState } from './connection';
import { toErrorCode } from './rpc-error';

/** Lets both React's own and third-party handler types fit (the trick @types/react uses). */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The part of the WebSocket API we use: the browser's and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<unknown> | null;
  onerror: Handler<unknown> | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WebSocketBridgeOptions {
  url: string;
  /** `window.WebSocket` in the browser; `ws`'s WebSocket in Node tests (jsdom has none). */
  WebSocketImpl: WebSocketConstructor;
  /** A call made while disconnected waits this long for the connection, then fails with `network`. */
  queueTimeoutMs?: number;
  /** A sent call waits this long for its reply. Generous: the host always answers, maybe slowly. */
  replyTimeoutMs?: number;
  /** Reconnect delay doubles from `initialMs` up to `maxMs`. */
  backoff?: { initialMs: number; maxMs: number };
  /**
   * Connect only once this resolves true (the session cookie is in place); false disposes the
   * bridge, so calls fail at once instead of knocking on a door that will not open.
   */
  start?: Promise<boolean>;
}

const OPEN = 1; // WebSocket.OPEN; the constant is not on every implementation's instances.

interface PendingCall {
  resolve: (envelope: Envelope<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}
interface QueuedCall extends PendingCall {
  id: number;
  frame: ClientFrame;
}

/**
 * TradewindBridge over the headless host's WebSocket (shared/ipc/wire.ts). Transport failures are
 * reported as `network` envelopes, never as rejections, so callers see one error shape. A call that
 * was sent when the socket dropped fails rather than being re-sent: re-sending is not safe for
 * methods that change state (orders).
 */
export class WebSocketBridge implements TradewindBridge {
  private readonly url: string;
  private readonly WebSocketImpl: WebSocketConstructor;
  private readonly queueTimeoutMs: number;
  private readonly replyTimeoutMs: number;
  private readonly backoff: { initialMs: number; maxMs: number };

  private socket: WebSocketLike | null = null;
  private state: ConnectionState = 'connecting';
  private nextId = 1;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private readonly queued: QueuedCall[] = [];
  private readonly inFlight = new Map<number, PendingCall>();
  private readonly topics = new Map<string, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();

  constructor(options: WebSocketBridgeOptions) {
    this.url = options.url;
    this.WebSocketImpl = options.WebSocketImpl;
    this.queueTimeoutMs = options.queueTimeoutMs ?? 10_000;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 60_000;
    this.backoff = options.backoff ?? { initialMs: 250, maxMs: 5_000 };
    if (!options.start) this.connect();
    else
      void options.start.then((go) => {
        if (this.disposed) return;
        if (go) this.connect();
        else this.dispose();
      });
  }

  /** Transport state for the top bar; panels refetch when it returns to `open`. */
  readonly connection: ConnectionSource = {
    get: () => this.state,
    subscribe: (listener) => {
      this.stateListeners.add(listener);
      return () => {
        this.stateListeners.delete(listener);
      };
    },
  };

  subscribe(topic: string, listener: (payload: unknown) => void): () => void {
    let set = this.topics.get(topic);
    if (!set) {
      set = new Set();
      this.topics.set(topic, set);
      // Not open yet: the subscription goes out with the others when the socket opens.
      if (this.isOpen()) this.send({ t: 'sub', topic });
    }
    const wrapped = (payload: unknown) => listener(payload);
    set.add(wrapped);
    const current = set;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      current.delete(wrapped);
      if (current.size === 0 && this.topics.get(topic) === current) {
        this.topics.delete(topic);
        if (this.isOpen()) this.send({ t: 'unsub', topic });
      }
    };
  }

  invoke(method: string, input: unknown): Promise<Envelope<unknown>> {
    return new Promise((resolve) => {
      if (this.disposed) {
        resolve(networkError('The connection to the Tradewind host was closed.'));
        return;
      }
      const id = this.nextId++;
      const frame: ClientFrame = { t: 'call', id, method, input };
      if (this.isOpen()) {
        this.sendCall(id, frame, resolve);
        return;
      }
      const queued: QueuedCall = {
        id,
        frame,
        resolve,
        timer: setTimeout(() => {
          const index = this.queued.indexOf(queued);
          if (index >= 0) this.queued.splice(index, 1);
          resolve(
            networkError(`Cannot reach the Tradewind host: ${method} waited ${formatSeconds(this.queueTimeoutMs)} for a connection.`),
          );
        }, this.queueTimeoutMs),
      };
      this.queued.push(queued);
    });
  }

  /** Stops reconnecting and fails everything still waiting. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    for (const call of this.queued.splice(0)) {
      clearTimeout(call.timer);
      call.resolve(networkError('The connection to the Tradewind host was closed.'));
    }
    this.failInFlight('The connection to the Tradewind host was closed.');
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'client closed');
    this.setState('closed');
  }

  private connect(): void {
    this.reconnectTimer = null;
    this.setState('connecting');
    let socket: WebSocketLike;
    try {
      socket = new this.WebSocketImpl(this.url);
    } catch (error) {
      // A bad URL or a CSP refusal throws synchronously; treat it like a failed attempt.
      console.error('WebSocket could not be created', error);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      for (const topic of this.topics.keys()) this.send({ t: 'sub', topic }, socket);
      for (const call of this.queued.splice(0)) {
        clearTimeout(call.timer);
        this.sendCall(call.id, call.frame, call.resolve, socket);
      }
      this.setState('open');
    };
    socket.onmessage = (event) => {
      if (socket === this.socket) this.receive(event.data);
    };
    socket.onerror = () => {
      // Always followed by `close`, which does the bookkeeping.
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      // Kept in the console (and so in e2e traces): a drop the person did not ask for should be explainable.
      const { code, reason } = (event ?? {}) as { code?: number; reason?: string };
      if (code !== 1000)
        console.warn(`The connection to the Tradewind host closed (${code ?? 'no code'}${reason ? `: ${reason}` : ''}); reconnecting.`);
      this.socket = null;
      this.failInFlight('The connection to the Tradewind host was lost before the reply arrived.');
      this.setState('closed');
      if (!this.disposed) this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.reconnectTimer) return;
    this.setState('closed');
    const { initialMs, maxMs } = this.backoff;
    const ceiling = Math.min(maxMs, initialMs * 2 ** this.attempt);
    this.attempt += 1;
    // Jitter so many windows do not reconnect in lockstep after the host restarts.
    const delay = ceiling * (0.75 + Math.random() * 0.25);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private sendCall(
    id: number,
    frame: ClientFrame,
    resolve: (envelope: Envelope<unknown>) => void,
    socket: WebSocketLike | null = this.socket,
  ): void {
    if (!this.send(frame, socket)) {
      resolve(networkError('The connection to the Tradewind host was lost.'));
      return;
    }
    const timer = setTimeout(() => {
      this.inFlight.delete(id);
      resolve(networkError(`No reply from the Tradewind host within ${formatSeconds(this.replyTimeoutMs)}.`));
    }, this.replyTimeoutMs);
    this.inFlight.set(id, { resolve, timer });
  }

  private send(frame: ClientFrame, socket: WebSocketLike | null = this.socket): boolean {
    if (!socket || socket.readyState !== OPEN) return false;
    try {
      socket.send(JSON.stringify(frame));
      return true;
    } catch (error) {
      console.error('WebSocket send failed', error);
      return false;
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      console.warn('Ignored a frame that is not JSON');
      return;
    }
    if (frame.t === 'event') {
      const listeners = this.topics.get(frame.topic);
      if (!listeners) return;
      for (const listener of [...listeners]) {
        try {
          listener(frame.payload);
        } catch (error) {
          console.error(`Listener for ${frame.topic} failed`, error);
        }
      }
      return;
    }
    if (frame.t !== 'result') return;
    if (frame.id === null) {
      // The host could not parse one of our frames; nothing to match it to.
      console.warn('The Tradewind host refused a frame', frame.ok ? undefined : frame.error);
      return;
    }
    const pending = typeof frame.id === 'number' ? this.inFlight.get(frame.id) : undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.inFlight.delete(frame.id as number);
    pending.resolve(
      frame.ok
        ? { ok: true, value: frame.value }
        : {
            ok: false,
            error: { code: toErrorCode(frame.error?.code), message: String(frame.error?.message ?? 'Call failed') },
          },
    );
  }

  private failInFlight(message: string): void {
    for (const pending of this.inFlight.values()) {
      clearTimeout(pending.timer);
      pending.resolve(networkError(message));
    }
    this.inFlight.clear();
  }

  private isOpen(): boolean {
    return this.state === 'open' && this.socket?.readyState === OPEN;
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

function networkError(message: string): Envelope<unknown> {
  return { ok: false, error: { code: 'network', message } };
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
