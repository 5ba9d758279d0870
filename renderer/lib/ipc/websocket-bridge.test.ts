import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { ClientFrame, ServerFrame } from '../../../shared/ipc/wire';
import type { ConnectionState } from './connection';
import { WebSocketBridge, type WebSocketBridgeOptions } from './websocket-bridge';

interface Peer {
  socket: WebSocket;
  url: string;
  frames: ClientFrame[];
}

/**
 * Waiting without sleeping: every change the tests may wait for (a connection, a frame, a state,
 * an event delivered) calls `notify`, which re-checks the conditions being waited on.
 */
const waiters = new Set<() => void>();
const notify = () => {
  for (const check of [...waiters]) check();
};

function waitFor(condition: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  if (condition()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    const check = () => {
      if (!condition()) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`Timed out waiting for ${what}`));
    }, timeoutMs);
    waiters.add(check);
  });
}

/** `ws`'s WebSocket, counting the sockets a bridge opens and how many of them have closed. */
function countedSockets() {
  const counts = { made: 0, closed: 0 };
  class CountedSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      counts.made += 1;
      this.once('close', () => {
        counts.closed += 1;
        notify();
      });
    }
  }
  return { counts, WebSocketImpl: CountedSocket };
}

/** A real `ws` server on 127.0.0.1 playing the headless host. */
async function startHost(port = 0) {
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const peers: Peer[] = [];
  const onFrame: Array<(peer: Peer, frame: ClientFrame) => void> = [];
  server.on('connection', (socket, request) => {
    const peer: Peer = { socket, url: request.url ?? '', frames: [] };
    peers.push(peer);
    notify();
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ClientFrame;
      peer.frames.push(frame);
      for (const handler of onFrame) handler(peer, frame);
      notify();
    });
  });
  return {
    port: (server.address() as { port: number }).port,
    peers,
    onFrame: (handler: (peer: Peer, frame: ClientFrame) => void) => onFrame.push(handler),
    send: (peer: Peer, frame: ServerFrame) => peer.socket.send(JSON.stringify(frame)),
    close: async () => {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
type Host = Awaited<ReturnType<typeof startHost>>;

/** A port that nothing listens on (taken from a server we close again). */
async function freePort(): Promise<number> {
  const host = await startHost();
  await host.close();
  return host.port;
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function bridgeFor(port: number, options: Partial<WebSocketBridgeOptions> = {}): WebSocketBridge {
  const bridge = new WebSocketBridge({
    url: `ws://127.0.0.1:${port}/ws`,
    WebSocketImpl: WebSocket,
    backoff: { initialMs: 20, maxMs: 80 },
    ...options,
  });
  cleanup.push(bridge.connection.subscribe(notify));
  cleanup.push(() => bridge.dispose());
  return bridge;
}

async function hostWithBridge(options: Partial<WebSocketBridgeOptions> = {}): Promise<[Host, WebSocketBridge]> {
  const host = await startHost();
  cleanup.push(() => host.close());
  const bridge = bridgeFor(host.port, options);
  await waitFor(() => bridge.connection.get() === 'open', 'the connection to open');
  return [host, bridge];
}

describe('WebSocketBridge', () => {
  it('connects to /ws and matches results to calls by id, in any order', async () => {
    const [host, bridge] = await hostWithBridge();
    const held: Array<{ peer: Peer; id: number | string; input: unknown }> = [];
    host.onFrame((peer, frame) => {
      if (frame.t !== 'call') return;
      if (frame.method === 'fails') {
        host.send(peer, { t: 'result', id: frame.id, ok: false, error: { code: 'not_found', message: 'nope' } });
        return;
      }
      held.push({ peer, id: frame.id, input: frame.input });
      // Answer in reverse order once both arrived, so id matching (not order) decides.
      if (held.length === 2) {
        for (const call of [...held].reverse()) {
          host.send(call.peer, { t: 'result', id: call.id, ok: true, value: { echo: call.input } });
        }
      }
    });

    const first = bridge.invoke('echo', { n: 1 });
    const second = bridge.invoke('echo', { n: 2 });
    await expect(first).resolves.toEqual({ ok: true, value: { echo: { n: 1 } } });
    await expect(second).resolves.toEqual({ ok: true, value: { echo: { n: 2 } } });
    await expect(bridge.invoke('fails', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'nope' },
    });
    expect(host.peers[0]?.url).toBe('/ws');
  });

  it('sends one sub per topic, delivers events to every listener, and unsubs after the last leaves', async () => {
    const [host, bridge] = await hostWithBridge();
    const peer = host.peers[0] as Peer;
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    const offA = bridge.subscribe('tickers', (payload) => {
      seenA.push(payload);
      notify();
    });
    const offB = bridge.subscribe('tickers', (payload) => {
      seenB.push(payload);
      notify();
    });
    await waitFor(() => peer.frames.length >= 1, 'the sub frame');

    host.send(peer, { t: 'event', topic: 'tickers', payload: { tickers: [] } });
    host.send(peer, { t: 'event', topic: 'candles', payload: { updates: [] } });
    await waitFor(() => seenA.length === 1 && seenB.length === 1, 'both listeners to see the event');

    offA();
    offA();
    bridge.subscribe('candles', () => {});
    offB();
    await waitFor(() => peer.frames.length >= 3, 'the candles sub and the tickers unsub');
    expect(peer.frames).toEqual([
      { t: 'sub', topic: 'tickers' },
      { t: 'sub', topic: 'candles' },
      { t: 'unsub', topic: 'tickers' },
    ]);
    expect(seenA).toEqual([{ tickers: [] }]);
  });

  it('subscriptions made before the socket opens go out once it does', async () => {
    const host = await startHost();
    cleanup.push(() => host.close());
    const bridge = bridgeFor(host.port);
    expect(bridge.connection.get()).toBe('connecting');
    bridge.subscribe('portfolio.changed', () => {});
    await waitFor(() => (host.peers[0]?.frames.length ?? 0) >= 1, 'the sub frame');
    expect(host.peers[0]?.frames).toEqual([{ t: 'sub', topic: 'portfolio.changed' }]);
  });

  it('reconnects after the host drops it, re-sends its subs, and fails calls that were in flight', async () => {
    const [host, bridge] = await hostWithBridge();
    const states: ConnectionState[] = [];
    bridge.connection.subscribe((state) => states.push(state));
    const events: unknown[] = [];
    bridge.subscribe('candles', (payload) => {
      events.push(payload);
      notify();
    });
    await waitFor(() => (host.peers[0]?.frames.length ?? 0) >= 1, 'the first sub');

    // A call the host never answers, then the connection drops under it.
    const inFlight = bridge.invoke('never.answered', undefined);
    await waitFor(() => (host.peers[0]?.frames.length ?? 0) >= 2, 'the call to reach the host');
    host.peers[0]?.socket.terminate();

    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'network' } });
    await waitFor(() => host.peers.length === 2 && bridge.connection.get() === 'open', 'the reconnect');
    const second = host.peers[1] as Peer;
    await waitFor(() => second.frames.length >= 1, 'the re-sent sub');
    expect(second.frames).toEqual([{ t: 'sub', topic: 'candles' }]);
    expect(states).toEqual(['closed', 'connecting', 'open']);

    host.send(second, { t: 'event', topic: 'candles', payload: { updates: [] } });
    await waitFor(() => events.length === 1, 'an event over the new connection');
  });

  it('fails a call with `network` when no connection opens within the queue timeout', async () => {
    const port = await freePort();
    // The queue timeout and the reconnect back-off run on a fake clock (the sockets stay real).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    cleanup.push(() => vi.useRealTimers());
    const bridge = bridgeFor(port, { queueTimeoutMs: 120 });
    let result: unknown;
    const call = bridge.invoke('app.info', undefined).then((value) => (result = value));
    vi.advanceTimersByTime(119);
    await Promise.resolve();
    expect(result).toBeUndefined();
    vi.advanceTimersByTime(1);
    await call;
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(bridge.connection.get()).not.toBe('open');
  });

  it('queues calls made while disconnected and sends them once connected', async () => {
    const port = await freePort();
    const sockets = countedSockets();
    const bridge = bridgeFor(port, { queueTimeoutMs: 5_000, WebSocketImpl: sockets.WebSocketImpl });
    const pending = bridge.invoke('app.info', undefined);
    await waitFor(() => sockets.counts.closed >= 3, 'a few failed attempts first');

    const host = await startHost(port);
    cleanup.push(() => host.close());
    host.onFrame((peer, frame) => {
      if (frame.t === 'call') host.send(peer, { t: 'result', id: frame.id, ok: true, value: 'hello' });
    });
    await expect(pending).resolves.toEqual({ ok: true, value: 'hello' });
    expect(host.peers[0]?.frames).toMatchObject([{ t: 'call', method: 'app.info' }]);
  });

  it('fails a sent call with `network` when its reply never comes', async () => {
    const [, bridge] = await hostWithBridge({ replyTimeoutMs: 60 });
    await expect(bridge.invoke('slow', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('stops reconnecting and fails queued calls once disposed', async () => {
    const port = await freePort();
    // Back-off timers on a fake clock: once the first socket has closed, a bridge that kept
    // reconnecting would have its timer set; run well past the longest back-off and count sockets.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    cleanup.push(() => vi.useRealTimers());
    const sockets = countedSockets();
    const bridge = bridgeFor(port, { queueTimeoutMs: 5_000, WebSocketImpl: sockets.WebSocketImpl });
    const pending = bridge.invoke('app.info', undefined);
    bridge.dispose();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'network' } });
    const host = await startHost(port);
    cleanup.push(() => host.close());
    await waitFor(() => sockets.counts.closed === 1, 'the first attempt to close');
    vi.advanceTimersByTime(10 * 80);
    expect(sockets.counts.made).toBe(1);
    expect(host.peers).toHaveLength(0);
    expect(bridge.connection.get()).toBe('closed');
  });
});
