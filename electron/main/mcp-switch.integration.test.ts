/**
 * The Agents dialog's MCP switch against a real core: the desktop main process opens the loopback
 * endpoint when the setting is switched on, closes it when off (no restart), an agent cannot flip
 * it, and a port from the old `mcpPort` preference is moved into the setting once.
 */
import { createServer } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../core/index';
import { makeTempDir } from '../core/test-support/temp-dir';
import type { Core } from '../core/types';
import { readMcpEndpoint } from '../mcp/mcp-endpoint-advert';
import { installMcpSwitch, type McpSwitch } from './mcp-switch';

let core: Core | undefined;
let mcp: McpSwitch | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  await mcp?.dispose();
  await core?.close();
  temp?.cleanup();
});

/** A port free right now (the setting accepts 1024–65535 only, so port 0 is not an option). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function set(input: unknown, agentToken?: string) {
  return core!.invoke('agents.setMcpEndpoint', input, { sessionId: 't', ...(agentToken ? { agentToken } : {}) });
}

it(
  'opens the endpoint when switched on and closes it when switched off, without a restart; agents cannot switch it',
  { timeout: 30_000 },
  async () => {
    temp = makeTempDir();
    core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: () => {} });
    mcp = installMcpSwitch(core, null, () => {});
    await mcp.settled();
    expect(mcp.url).toBeNull();

    const port = await freePort();
    const on = await set({ enabled: true, port });
    expect(on).toEqual({ ok: true, value: { enabled: true, port } });
    await mcp.settled();
    const url = `http://127.0.0.1:${port}/mcp`;
    expect(mcp.url).toBe(url);
    expect(readMcpEndpoint(temp.dir, process.pid)?.url).toBe(url);
    // Served: without a token the MCP handler answers (401), not the connection refusing.
    const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(401);

    const created = await core.invoke(
      'agents.tokens.create',
      { name: 'Curious agent', scopes: ['read'], expiresInDays: 1, dailyNotionalCap: 100 },
      { sessionId: 't' },
    );
    if (!created.ok) throw new Error(created.error.message);
    const refused = await set({ enabled: false }, (created.value as { token: string }).token);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('permission');
    await mcp.settled();
    expect(mcp.url).toBe(url);

    await set({ enabled: false });
    await mcp.settled();
    expect(mcp.url).toBeNull();
    expect(readMcpEndpoint(temp.dir, process.pid)).toBeUndefined();
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
  },
);

it('moves a port from the old mcpPort preference into the setting once', { timeout: 30_000 }, async () => {
  temp = makeTempDir();
  core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: () => {} });
  const port = await freePort();
  mcp = installMcpSwitch(core, port, () => {});
  await mcp.settled();
  expect(mcp.url).toBe(`http://127.0.0.1:${port}/mcp`);
  const stored = await core.invoke('agents.mcpEndpoint', undefined, { sessionId: 't' });
  expect(stored).toEqual({ ok: true, value: { enabled: true, port } });

  // Switched off in the app: the preference does not switch it back on at the next start.
  await set({ enabled: false });
  await mcp.dispose();
  mcp = installMcpSwitch(core, port, () => {});
  await mcp.settled();
  expect(mcp.url).toBeNull();
});
