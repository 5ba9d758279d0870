import { describe, expect, it } from 'vitest';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { accessToken, selectTransport, webSocketUrl } from './transport';
import { WebSocketBridge, type WebSocketLike } from './websocket-bridge';

const location = (href: string) => {
  const url = new URL(href);
  return { protocol: url.protocol, host: url.host, search: url.search };
};

/** Records the URL it was opened with and never connects. */
class RecordingSocket implements WebSocketLike {
  static urls: string[] = [];
  readyState = 0;
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  constructor(url: string) {
    RecordingSocket.urls.push(url);
  }
  send(): void {}
  close(): void {}
}

describe('transport selection', () => {
  it('builds the socket URL from the page origin and its token', () => {
    expect(webSocketUrl(location('http://127.0.0.1:4173/?token=a%2Bb'))).toBe('ws://127.0.0.1:4173/ws?token=a%2Bb');
    expect(webSocketUrl(location('https://box.example:8443/index.html?x=1&token=t'))).toBe(
      'wss://box.example:8443/ws?token=t',
    );
    expect(accessToken(location('http://127.0.0.1:1/'))).toBeNull();
  });

  it('uses the preload bridge when window.tradewind exists', () => {
    const bridge = new MemoryBridge();
    const transport = selectTransport({ location: location('file:///app/index.html'), tradewind: bridge } as never, RecordingSocket);
    expect(transport.kind).toBe('electron');
    expect(transport.bridge).toBe(bridge);
    expect(transport.connection.get()).toBe('open');
  });

  it('falls back to WebSocket, and reports a missing token', () => {
    RecordingSocket.urls = [];
    const withToken = selectTransport({ location: location('http://127.0.0.1:9/?token=abc') }, RecordingSocket);
    expect(withToken.kind).toBe('websocket');
    expect(withToken.problem).toBeNull();
    expect(withToken.connection.get()).toBe('connecting');
    expect(RecordingSocket.urls).toEqual(['ws://127.0.0.1:9/ws?token=abc']);

    const withoutToken = selectTransport({ location: location('http://127.0.0.1:9/') }, RecordingSocket);
    expect(withoutToken.problem).toMatch(/access token/);
    for (const transport of [withToken, withoutToken]) {
      expect(transport.bridge).toBeInstanceOf(WebSocketBridge);
      (transport.bridge as WebSocketBridge).dispose();
    }
  });
});
