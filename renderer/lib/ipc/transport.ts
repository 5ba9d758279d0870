import type { TradewindBridge } from '../../../shared/ipc/bridge';
import { ALWAYS_OPEN, type ConnectionSource } from './connection';
import { openSession, type SessionWindow } from './session';
import { WebSocketBridge, type WebSocketConstructor } from './websocket-bridge';

export interface Transport {
  kind: 'electron' | 'websocket';
  bridge: TradewindBridge;
  connection: ConnectionSource;
  /** Resolves to null when the bridge can be used, or to what keeps the page from connecting (no or expired token). */
  ready: Promise<string | null>;
}

/** The headless host serves the page and the socket from one origin; the socket URL never carries the token. */
export function webSocketUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}

function isBridge(value: unknown): value is TradewindBridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<TradewindBridge>;
  return typeof candidate.invoke === 'function' && typeof candidate.subscribe === 'function';
}

/**
 * Electron's preload exposes `window.tradewind`; a plain browser (the headless host, e2e) has
 * none and talks WebSocket instead, after swapping the token for a session cookie (session.ts).
 * The global is read loosely typed on purpose: declaring it globally here could clash with the
 * preload's own declaration.
 */
export function selectTransport(win: SessionWindow, WebSocketImpl: WebSocketConstructor): Transport {
  const preload = (win as { tradewind?: unknown }).tradewind;
  if (isBridge(preload)) {
    return { kind: 'electron', bridge: preload, connection: ALWAYS_OPEN, ready: Promise.resolve(null) };
  }
  const ready = openSession(win);
  const bridge = new WebSocketBridge({ url: webSocketUrl(win.location), WebSocketImpl, start: ready.then((problem) => problem === null) });
  return { kind: 'websocket', bridge, connection: bridge.connection, ready };
}
