/**
 * Connection churn on the headless host: hundreds of real WebSocket sessions against the real
 * HTTP server + transport + core on 127.0.0.1, each subscribing to every topic, watching markets
 * (tickers and a candle stream) and starting a CSV upload, then closing. Afterwards nothing a
 * session created may be left: no watch set, no event listener, no buffered upload.
 *
 * Some sessions close while their `market.watch` is still waiting for the market data source
 * (the reference probe is held open by a loopback server until the test lets it fail): that call
 * finishes after the socket's 'close' ended the session and used to leave a watch set for a
 * peer that was gone.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../core/index';
import { makeTempDir } from '../core/test-support/temp-dir';
import type { Core } from '../core/types';
import { TOPIC_NAMES } from '../../shared/ipc/contract';
import { startTestHost, type TestHost } from './test-support';

const WAITING_SESSIONS = 100;
const SETTLED_SESSIONS = 300;
const BATCH = 25;

/** A TCP server that holds every connection unanswered until `release()`, then resets them. */
async function startHeldExchange(): Promise<{ url: string; release(): void; close(): Promise<void> }> {
  const held = new Set<Socket>();
  let released = false;
  const server: Server = createServer((socket) => {
    socket.on('error', () => {});
    if (released) return void socket.destroy();
    held.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    release() {
      released = true;
      for (const socket of held) socket.destroy();
      held.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The real core, with a count of ended sessions and the calls still in flight (readiness signals, not sleeps). */
function observed(core: Core) {
  const inflight = new Set<Promise<unknown>>();
  let ended = 0;
  let onEnded: (() => void) | null = null;
  const wrapped: Core = {
    dataDir: core.dataDir,
    invoke(method, input, ctx) {
      const call = core.invoke(method, input, ctx);
      inflight.add(call);
      void call.finally(() => inflight.delete(call));
      return call;
    },
    subscribe: (topic, listener) => core.subscribe(topic, listener),
    endSession(sessionId) {
      core.endSession(sessionId);
      ended++;
      onEnded?.();
    },
    sessionState: () => core.sessionState(),
    close: () => core.close(),
  };
  return {
    core: wrapped,
    /** Resolves once the transport has ended at least `count` sessions. */
    endedAtLeast: (count: number) =>
      new Promise<void>((resolve) => {
        if (ended >= count) return resolve();
        onEnded = () => {
          if (ended < count) return;
          onEnded = null;
          resolve();
        };
      }),
    /** Resolves once every call started so far has been answered by core. */
    settled: async () => {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}

type Frame = { t: string; id?: number; ok?: boolean; error?: { message: string } };

/** One client session: what the renderer does when a window opens, then the window closes. */
async function churnSession(url: string, options: { awaitWatch: boolean; index: number; headers: Record<string, string> }): Promise<void> {
  const ws = new WebSocket(url, { headers: options.headers });
  const answers = new Map<number, (frame: Frame) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    if (frame.t === 'result' && typeof frame.id === 'number') answers.get(frame.id)?.(frame);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const call = (id: number, method: string, input: unknown): Promise<Frame> => {
    const answered = new Promise<Frame>((resolve) => answers.set(id, resolve));
    ws.send(JSON.stringify({ t: 'call', id, method, input }));
    return answered;
  };
  for (const topic of TOPIC_NAMES) ws.send(JSON.stringify({ t: 'sub', topic }));
  const watch = call(1, 'market.watch', {
    accountId: 'paper',
    symbols: ['BTC/USDT', 'ETH/USDT', options.index % 2 ? 'SOL/USDT' : 'BNB/USDT'],
    candles: { symbol: 'BTC/USDT', timeframe: options.index % 3 ? '5m' : '1h' },
  });
  // Frames are handled in order: once this is answered, the watch call is in core.
  const upload = await call(2, 'data.importCsvChunk', {
    uploadId: `churn-upload-${options.index}`,
    index: 0,
    text: 'time,open,high,low,close,volume\n',
  });
  expect(upload.ok, upload.error?.message).toBe(true);
  if (options.awaitWatch) {
    const watched = await watch;
    expect(watched.ok, watched.error?.message).toBe(true);
  }
  await new Promise<void>((resolve) => {
    ws.once('close', () => resolve());
    ws.close();
  });
}

async function inBatches(count: number, run: (index: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => run(start + k)));
  }
}

describe('headless host under session churn', () => {
  const temp = makeTempDir();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    temp.cleanup();
  });

  it(`leaves no watch, listener or upload behind after ${WAITING_SESSIONS + SETTLED_SESSIONS} sessions`, async () => {
    const exchange = await startHeldExchange();
    cleanups.push(() => exchange.close());
    // The probe waits on the held exchange until released, then falls back to the bundled replay.
    const real = await createCore({
      host: 'test',
      dataDir: temp.dir,
      referenceApiUrl: exchange.url,
      probeTimeoutMs: 120_000,
      log: () => {},
    });
    cleanups.push(() => real.close());
    const { core, endedAtLeast, settled } = observed(real);
    const host: TestHost = await startTestHost(core, temp.dir);
    cleanups.push(() => host.close());
    const baseline = real.sessionState();
    expect(baseline).toMatchObject({ watchSessions: 0, csvUploads: 0 });

    // Sessions that close while their market.watch still waits for the market data source.
    await inBatches(WAITING_SESSIONS, (index) => churnSession(host.wsUrl(), { awaitWatch: false, index, headers: host.auth() }));
    await endedAtLeast(WAITING_SESSIONS);
    exchange.release();
    await settled();

    // Sessions whose watch is answered before they close.
    await inBatches(SETTLED_SESSIONS, (index) =>
      churnSession(host.wsUrl(), { awaitWatch: true, index: WAITING_SESSIONS + index, headers: host.auth() }),
    );
    await endedAtLeast(WAITING_SESSIONS + SETTLED_SESSIONS);
    await settled();

    expect(host.transport.clients.size).toBe(0);
    expect(real.sessionState()).toEqual(baseline);
  });
});
