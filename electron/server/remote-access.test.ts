/**
 * The headless host reached from elsewhere: TLS, the Host-header allowlist against DNS rebinding,
 * a public origin for proxies and tunnels, the token swapped for an HttpOnly cookie (never in a
 * URL), and the token's lifetime. Real servers on ephemeral loopback ports.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunArgs } from './args';
import { accessPolicyFor, HostSetupError, readTlsFiles, readyLine } from './host-access';
import { closeServer, createHostServer, listen } from './http-server';
import { bearer, createStubCore } from './test-support';
import { createToken } from './upgrade-auth';
import { attachWsTransport } from './ws-transport';

const FIXTURES = path.join(__dirname, 'test-fixtures/tls-test-only');
const CERT_FILE = path.join(FIXTURES, 'cert.pem');
const KEY_FILE = path.join(FIXTURES, 'key.pem');
const CA = readFileSync(CERT_FILE);

const runArgs = (extra: Partial<RunArgs> = {}): RunArgs => ({
  kind: 'run',
  port: 0,
  host: '127.0.0.1',
  insecure: false,
  passphraseStdin: false,
  ...extra,
});

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** index.ts's wiring, minus core: the same policy guards HTTP and the socket. */
async function startHost(args: RunArgs, clock?: { now: number }) {
  const tls = args.tls ? readTlsFiles(args.tls) : undefined;
  const gate: { access?: ReturnType<typeof accessPolicyFor> } = {};
  const server = createHostServer('/nonexistent', () => {}, { tls, access: () => gate.access });
  const { port } = await listen(server, 0, args.host);
  const token = createToken();
  const access = { ...accessPolicyFor(args, port, token, clock?.now ?? Date.now()), ...(clock ? { now: () => clock.now } : {}) };
  gate.access = access;
  const transport = attachWsTransport(server, createStubCore(), {
    token,
    allowedOrigin: access.allowedOrigins,
    allowedHosts: access.allowedHosts,
    cookieName: access.cookieName,
    expiresAt: access.expiresAt,
    ...(access.now ? { now: access.now } : {}),
  });
  cleanup.push(async () => {
    await transport.close();
    await closeServer(server);
  });
  const scheme = args.tls ? 'https' : 'http';
  return { port, token, cookieName: access.cookieName, origin: `${scheme}://127.0.0.1:${port}`, line: readyLine(args, port, token) };
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function http(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string; tls?: boolean },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const make = options.tls ? httpsRequest : httpRequest;
    const req = make(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers,
        ...(options.tls ? { ca: CA } : {}),
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** 'open', or the HTTP status and body of the refusal. */
function upgrade(url: string, headers: Record<string, string>, tls = false): Promise<'open' | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, ...(tls ? { ca: CA } : {}) });
    ws.once('open', () => {
      ws.terminate();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        ws.terminate();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    ws.once('error', reject);
  });
}

describe('remote headless host', () => {
  it('serves HTTPS and WSS with --tls-cert/--tls-key and prints an https ready line', async () => {
    const host = await startHost(runArgs({ tls: { certFile: CERT_FILE, keyFile: KEY_FILE } }));
    expect(host.line).toBe(`Tradewind serving at https://127.0.0.1:${host.port}/#token=${host.token}`);
    const page = await http(host.port, { tls: true, path: '/' });
    expect(page.headers['content-security-policy']).toBeDefined();
    expect(await upgrade(`wss://127.0.0.1:${host.port}/ws`, { ...bearer(host.token), Origin: host.origin }, true)).toBe('open');
    // The http origin of the same port is not ours any more.
    expect(
      await upgrade(`wss://127.0.0.1:${host.port}/ws`, { ...bearer(host.token), Origin: `http://127.0.0.1:${host.port}` }, true),
    ).toMatchObject({ status: 403 });
  });

  it('says which file is wrong when the TLS pair cannot be used', () => {
    expect(() => readTlsFiles({ certFile: path.join(FIXTURES, 'missing.pem'), keyFile: KEY_FILE })).toThrowError(HostSetupError);
    expect(() => readTlsFiles({ certFile: path.join(FIXTURES, 'missing.pem'), keyFile: KEY_FILE })).toThrowError(
      /cannot read --tls-cert .*missing\.pem/,
    );
    expect(() => readTlsFiles({ certFile: KEY_FILE, keyFile: CERT_FILE })).toThrowError(/do not make a usable TLS pair/);
  });

  it('refuses a Host header that is not one of its names (DNS rebinding) on pages, /session and the socket', async () => {
    const host = await startHost(runArgs());
    const page = await http(host.port, { headers: { Host: `rebound.evil.example:${host.port}` } });
    expect(page.status).toBe(421);
    expect(page.body).toMatch(/host 'rebound\.evil\.example' is not a name this Tradewind host answers to.*--public-origin/);
    expect(
      (
        await http(host.port, {
          method: 'POST',
          path: '/session',
          body: host.token,
          headers: { Host: 'evil.example', Origin: 'http://evil.example' },
        })
      ).status,
    ).toBe(421);
    expect(await upgrade(`ws://127.0.0.1:${host.port}/ws`, { ...bearer(host.token), Host: `evil.example:${host.port}` })).toMatchObject({
      status: 421,
    });
    // Loopback names answer, whatever the port a tunnel gives them.
    expect((await http(host.port, { headers: { Host: 'localhost:9000' } })).status).toBe(404);
  });

  it('accepts the --public-origin of a proxy or tunnel for Origin and Host, and still nothing else', async () => {
    const host = await startHost(runArgs({ publicOrigin: 'https://trade.example' }));
    expect(host.line).toBe(`Tradewind serving at https://trade.example/#token=${host.token}`);
    const url = `ws://127.0.0.1:${host.port}/ws`;
    expect(await upgrade(url, { ...bearer(host.token), Origin: 'https://trade.example', Host: 'trade.example' })).toBe('open');
    expect(await upgrade(url, { ...bearer(host.token), Origin: 'https://other.example', Host: 'trade.example' })).toMatchObject({
      status: 403,
      body: expect.stringMatching(/origin 'https:\/\/other\.example' not allowed/),
    });
    const ssh = await startHost(runArgs({ publicOrigin: 'http://localhost:9000' }));
    expect(
      await upgrade(`ws://127.0.0.1:${ssh.port}/ws`, { ...bearer(ssh.token), Origin: 'http://localhost:9000', Host: 'localhost:9000' }),
    ).toBe('open');
  });

  it('never takes the token from a URL; the page swaps it for an HttpOnly SameSite=Strict cookie', async () => {
    const host = await startHost(runArgs());
    expect(host.line).not.toContain('?token=');
    expect(new URL(host.line.replace('Tradewind serving at ', '')).hash).toBe(`#token=${host.token}`);
    const url = `ws://127.0.0.1:${host.port}/ws`;
    expect(await upgrade(`${url}?token=${host.token}`, { Origin: host.origin })).toMatchObject({ status: 401 });

    const swap = await http(host.port, {
      method: 'POST',
      path: '/session',
      body: host.token,
      headers: { Origin: host.origin, 'Content-Type': 'text/plain' },
    });
    expect(swap.status).toBe(204);
    const cookie = String(swap.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(new RegExp(`^${host.cookieName}=${host.token}; HttpOnly; SameSite=Strict; Path=/$`));
    const jar = cookie.split(';')[0]!;
    expect(await upgrade(url, { Origin: host.origin, Cookie: `other=1; ${jar}` })).toBe('open');
    expect((await http(host.port, { path: '/session', headers: { Cookie: jar } })).status).toBe(204);
    expect((await http(host.port, { path: '/session' })).status).toBe(401);
  });

  it('opens a session only for the page itself: no Origin, a foreign one or a wrong token are refused', async () => {
    const host = await startHost(runArgs());
    const post = (headers: Record<string, string>, body = host.token) =>
      http(host.port, { method: 'POST', path: '/session', body, headers });
    expect((await post({})).status).toBe(403);
    expect((await post({ Origin: 'http://evil.example' })).status).toBe(403);
    const wrong = await post({ Origin: host.origin }, 'wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect((await post({ Origin: host.origin }, 'x'.repeat(5000))).status).toBe(413);
  });

  it('refuses an expired token (--token-ttl) with a reason, on the socket and /session', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    const host = await startHost(runArgs({ tokenTtlMs: 60_000 }), clock);
    const url = `ws://127.0.0.1:${host.port}/ws`;
    const swap = await http(host.port, { method: 'POST', path: '/session', body: host.token, headers: { Origin: host.origin } });
    expect(String(swap.headers['set-cookie']?.[0])).toContain('Max-Age=60');
    expect(await upgrade(url, bearer(host.token))).toBe('open');

    clock.now += 60_000;
    expect(await upgrade(url, bearer(host.token))).toEqual({
      status: 401,
      body: 'token expired at 2026-01-01T00:01:00.000Z; restart tradewind serve for a new one\n',
    });
    expect((await http(host.port, { method: 'POST', path: '/session', body: host.token, headers: { Origin: host.origin } })).body).toMatch(
      /token expired/,
    );
  });
});
