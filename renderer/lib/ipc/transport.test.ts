import { describe, expect, it, vi } from 'vitest';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { fragmentToken, NO_TOKEN_MESSAGE, openSession, type SessionWindow } from './session';
import { selectTransport, webSocketUrl } from './transport';
import { WebSocketBridge, type WebSocketLike } from './websocket-bridge';

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

interface Sent {
  url: string;
  method: string;
  body: unknown;
  addressBarAtSend: string;
}

/** A page at `href` whose network answers `/session` with `status` and `reason`; records what it sent and the address bar. */
function page(href: string, answer: { status: number; reason?: string } | 'unreachable' = { status: 204 }) {
  const url = new URL(href);
  const sent: Sent[] = [];
  const win = {
    location: { protocol: url.protocol, host: url.host, origin: url.origin, pathname: url.pathname, search: url.search, hash: url.hash },
    history: {
      state: null,
      replaceState(_state: unknown, _unused: string, next?: string | URL | null) {
        const moved = new URL(String(next), url);
        Object.assign(win.location, { pathname: moved.pathname, search: moved.search, hash: moved.hash });
      },
    },
    async fetch(target: string, init?: RequestInit) {
      const { pathname, search, hash } = win.location;
      sent.push({
        url: target,
        method: init?.method ?? 'GET',
        body: init?.body,
        addressBarAtSend: `${url.origin}${pathname}${search}${hash}`,
      });
      if (answer === 'unreachable') throw new TypeError('Failed to fetch');
      return { ok: answer.status < 300, status: answer.status, text: async () => answer.reason ?? '' };
    },
  } satisfies SessionWindow;
  return { win, sent, addressBar: () => `${url.origin}${win.location.pathname}${win.location.search}${win.location.hash}` };
}

describe('session from the URL fragment', () => {
  it('reads the token from the fragment only, never the query', () => {
    expect(fragmentToken({ hash: '#token=a%2Bb' })).toBe('a+b');
    expect(fragmentToken({ hash: '#x=1&token=t' })).toBe('t');
    expect(fragmentToken({ hash: '' })).toBeNull();
  });

  it('removes the token from the address bar before anything is sent, then swaps it for the cookie', async () => {
    const p = page('http://127.0.0.1:4173/?view=x#token=secret-token');
    expect(await openSession(p.win)).toBeNull();
    expect(p.addressBar()).toBe('http://127.0.0.1:4173/?view=x');
    expect(p.sent).toEqual([
      { url: 'http://127.0.0.1:4173/session', method: 'POST', body: 'secret-token', addressBarAtSend: 'http://127.0.0.1:4173/?view=x' },
    ]);
  });

  it('without a fragment asks whether the cookie is still good (a reload), and says what to do when not', async () => {
    const reload = page('http://127.0.0.1:4173/');
    expect(await openSession(reload.win)).toBeNull();
    expect(reload.sent.map((s) => s.method)).toEqual(['GET']);
    expect(await openSession(page('http://127.0.0.1:4173/', { status: 401, reason: 'missing or wrong token' }).win)).toBe(NO_TOKEN_MESSAGE);
    expect(
      await openSession(
        page('http://127.0.0.1:4173/', {
          status: 401,
          reason: 'token expired at 2026-01-01T00:01:00.000Z; restart tradewind serve for a new one',
        }).win,
      ),
    ).toMatch(/refused this page: token expired at 2026-01-01T00:01:00\.000Z; restart tradewind serve/);
    expect(await openSession(page('http://127.0.0.1:4173/#token=t', 'unreachable').win)).toMatch(
      /Could not reach the Tradewind host at http:\/\/127\.0\.0\.1:4173/,
    );
  });
});

describe('transport selection', () => {
  it('builds the socket URL from the page origin, without the token', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4173' })).toBe('ws://127.0.0.1:4173/ws');
    expect(webSocketUrl({ protocol: 'https:', host: 'box.example:8443' })).toBe('wss://box.example:8443/ws');
  });

  it('uses the preload bridge when window.tradewind exists', async () => {
    const bridge = new MemoryBridge();
    const transport = selectTransport({ ...page('file:///app/index.html').win, tradewind: bridge } as never, RecordingSocket);
    expect(transport.kind).toBe('electron');
    expect(transport.bridge).toBe(bridge);
    expect(transport.connection.get()).toBe('open');
    expect(await transport.ready).toBeNull();
  });

  it('connects the WebSocket only after the session is open, and not at all when it is refused', async () => {
    RecordingSocket.urls = [];
    const withToken = selectTransport(page('http://127.0.0.1:9/#token=abc').win, RecordingSocket);
    expect(withToken.kind).toBe('websocket');
    expect(RecordingSocket.urls).toEqual([]);
    expect(await withToken.ready).toBeNull();
    expect(withToken.connection.get()).toBe('connecting');
    await vi.waitFor(() => expect(RecordingSocket.urls).toEqual(['ws://127.0.0.1:9/ws']));

    const refused = selectTransport(page('http://127.0.0.1:9/', { status: 401 }).win, RecordingSocket);
    expect(await refused.ready).toBe(NO_TOKEN_MESSAGE);
    await vi.waitFor(() => expect(refused.connection.get()).toBe('closed'));
    expect(RecordingSocket.urls).toHaveLength(1);
    await expect(refused.bridge.invoke('app.info', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'network' } });
    for (const transport of [withToken, refused]) {
      expect(transport.bridge).toBeInstanceOf(WebSocketBridge);
      (transport.bridge as WebSocketBridge).dispose();
    }
  });
});
