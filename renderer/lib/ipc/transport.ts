import type { TradewindBridge } from '../../../shared/ipc/bridge';
import { ALWAYS_OPEN, type ConnectionSource } from './connection';
import { WebSocketBridge, type WebSocketConstructor } from './websocket-bridge';

export interface Transport {
  kind: 'electron' | 'websocket';
  bridge: TradewindBridge;
  connection: ConnectionSource;
  /** Set when the page cannot possibly connect, e.g. it was opened without its access token. */
  problem: string | null;
}

interface LocationLike {
  protocol: string;
  host: string;
  search: string;
}

/** The headless host serves the page and the socket from one origin; the token rides in the page URL. */
export function accessToken(location: LocationLike): string | null {
  const token = new URLSearchParams(location.search).get('token');
  return token ? token : null;
}

export function webSocketUrl(location: LocationLike): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(accessToken(location) ?? '')}`;
}

function isBridge(value: unknown): value is TradewindBridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<TradewindBridge>;
  return typeof candidate.invoke === 'function' && typeof candidate.subscribe === 'function';
}

/**
 * Electron's preload exposes `window.tradewind`; a plain browser (the headless host, e2e) has
 * none and talks WebSocket instead. The global is read loosely typed on purpose: declaring it
 * globally here could clash with the preload's own declaration.
 */
export function selectTransport(
  win: { location: LocationLike },
  WebSocketImpl: WebSocketConstructor,
): Transport {
  const preload = (win as { tradewind?: unknown }).tradewind;
  if (isBridge(preload)) {
    return { kind: 'electron', bridge: preload, connection: ALWAYS_OPEN, problem: null };
  }
  const bridge = new WebSocketBridge({ url: webSocketUrl(win.location), WebSocketImpl });
  const problem = accessToken(win.location)
    ? null
    : 'This page was opened without its access token. Open the full address printed by `tradewind serve` (it ends in ?token=…).';
  return { kind: 'websocket', bridge, connection: bridge.connection, problem };
}
