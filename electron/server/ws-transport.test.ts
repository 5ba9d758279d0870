import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, tokensEqual } from './upgrade-auth';
import { startTestHost, createStubCore, upgradeStatus, WsProbe, type TestHost } from './test-support';

describe('tokens', () => {
  it('are 32 random bytes in base64url, new every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, createToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
  it('compare equal only when identical', () => {
    const token = createToken();
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(`${token}x`, token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
  });
});

describe('WebSocket upgrade policy', () => {
  const core = createStubCore();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost(core, '/nonexistent');
  });
  afterAll(() => host.close());

  it('refuses a missing token with 401', async () => {
    expect(await upgradeStatus(host.wsUrl(), host.auth(null))).toBe(401);
  });

  it('refuses a wrong token with 401, including prefixes and padding of the right one', async () => {
    expect(await upgradeStatus(host.wsUrl(), host.auth('wrong'))).toBe(401);
    expect(await upgradeStatus(host.wsUrl(), host.auth(host.token.slice(0, -1)))).toBe(401);
    expect(await upgradeStatus(host.wsUrl(), host.auth(`${host.token}x`))).toBe(401);
    expect(await upgradeStatus(host.wsUrl(), host.auth(''))).toBe(401);
  });

  it('refuses a foreign Origin with 403 even with the right token', async () => {
    expect(await upgradeStatus(host.wsUrl(), { ...host.auth(), Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(host.wsUrl(), { ...host.auth(), Origin: `http://127.0.0.1:${host.port + 1}` })).toBe(403);
    expect(await upgradeStatus(host.wsUrl(), { ...host.auth(), Origin: 'null' })).toBe(403);
  });

  it('refuses other paths with 404', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/other`, host.auth())).toBe(404);
  });

  it('accepts the right token with our own Origin or no Origin', async () => {
    expect(await upgradeStatus(host.wsUrl(), { ...host.auth(), Origin: host.origin })).toBe('open');
    expect(await upgradeStatus(host.wsUrl(), { ...host.auth(), Origin: `http://localhost:${host.port}` })).toBe('open');
    expect(await upgradeStatus(host.wsUrl(), host.auth())).toBe('open');
  });
});

describe('WebSocket transport behaviour', () => {
  const core = createStubCore();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost(core, '/nonexistent', { limits: { maxBufferedBytes: 64 * 1024, maxInflightCalls: 4 } });
  });
  afterAll(() => host.close());

  it('passes a stable per-connection session id and echoes call ids', async () => {
    const a = await WsProbe.open(host.wsUrl(), host.auth());
    const b = await WsProbe.open(host.wsUrl(), host.auth());
    const a1 = await a.call('x-1', 'echo', { n: 1 });
    const a2 = await a.call(2, 'echo');
    const b1 = await b.call(3, 'echo');
    expect(a1).toMatchObject({ t: 'result', id: 'x-1', ok: true, value: { input: { n: 1 } } });
    expect(a2).toMatchObject({ id: 2, ok: true });
    const sid = (f: Record<string, unknown>) => (f.value as { sessionId: string }).sessionId;
    expect(sid(a1)).toBe(sid(a2));
    expect(sid(a1)).not.toBe(sid(b1));
    a.close();
    b.close();
  });

  it('turns a throwing core and an unserialisable result into internal errors', async () => {
    const p = await WsProbe.open(host.wsUrl(), host.auth());
    expect(await p.call(1, 'throw')).toMatchObject({ id: 1, ok: false, error: { code: 'internal' } });
    expect(await p.call(2, 'bigint')).toMatchObject({ id: 2, ok: false, error: { code: 'internal' } });
    p.close();
  });

  it('answers rate_limited beyond the in-flight cap', async () => {
    const p = await WsProbe.open(host.wsUrl(), host.auth());
    for (let i = 0; i < 6; i++) p.send(JSON.stringify({ t: 'call', id: i, method: 'slow' }));
    const frames = [];
    for (let i = 0; i < 6; i++) frames.push(await p.next());
    const codes = frames.map((n) => (n.kind === 'frame' && n.frame.ok === false ? (n.frame.error as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(2);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(4);
    p.close();
  });

  it('forwards subscribed events, ignores duplicate subs, and detaches on unsub and on close', async () => {
    const p = await WsProbe.open(host.wsUrl(), host.auth());
    p.send(JSON.stringify({ t: 'sub', topic: 'tickers' }));
    p.send(JSON.stringify({ t: 'sub', topic: 'tickers' }));
    await p.call(1, 'echo');
    expect(core.listenerCount('tickers')).toBe(1);
    core.emit('tickers', { tickers: [] });
    core.emit('candles', { updates: [] });
    await p.call(2, 'echo');
    expect(p.events).toEqual([{ t: 'event', topic: 'tickers', payload: { tickers: [] } }]);

    p.send(JSON.stringify({ t: 'unsub', topic: 'tickers' }));
    await p.call(3, 'echo');
    expect(core.listenerCount('tickers')).toBe(0);

    p.send(JSON.stringify({ t: 'sub', topic: 'candles' }));
    await p.call(4, 'echo');
    expect(core.listenerCount('candles')).toBe(1);
    const ended = core.endedSessions.length;
    p.ws.close();
    await p.next();
    await waitUntil(() => core.listenerCount('candles') === 0 && core.endedSessions.length === ended + 1);
  });

  it('names unknown topics', async () => {
    const p = await WsProbe.open(host.wsUrl(), host.auth());
    p.send(JSON.stringify({ t: 'sub', topic: '__proto__' }));
    const next = await p.next();
    expect(next).toMatchObject({
      kind: 'frame',
      frame: { id: null, ok: false, error: { code: 'invalid_input', message: "unknown topic '__proto__'" } },
    });
    p.close();
  });

  it('drops events, never results, for a client that does not read', async () => {
    const p = await WsProbe.open(host.wsUrl(), host.auth());
    p.send(JSON.stringify({ t: 'sub', topic: 'tickers' }));
    await p.call(1, 'echo');
    p.ws.pause();
    const big = { tickers: [{ symbol: 'X'.repeat(60_000) }] };
    for (let i = 0; i < 400; i++) core.emit('tickers', big);
    // Resume only once the host has answered call 2 while the client was still not reading.
    const invoke = core.invoke;
    const answered = new Promise<void>((resolve) => {
      core.invoke = async (...args) => {
        core.invoke = invoke;
        const result = await invoke(...args);
        setImmediate(resolve); // after the host has queued the result frame
        return result;
      };
    });
    p.send(JSON.stringify({ t: 'call', id: 2, method: 'echo' }));
    await answered;
    p.ws.resume();
    let result;
    for (;;) {
      const next = await p.next();
      if (next.kind === 'frame') {
        result = next.frame;
        break;
      }
    }
    expect(result).toMatchObject({ id: 2, ok: true });
    expect(p.events.length).toBeLessThan(400);
    p.close();
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
