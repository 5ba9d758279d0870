/**
 * `tradewind mcp` as a process over stdio, driven by the SDK's own stdio client: its first stderr
 * line says which core it uses, a tool answers on stdout, and a second core on a held data folder
 * is refused with the lock's message.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index';
import { makeTempDir } from '../core/test-support/temp-dir';
import { spawnHost } from '../server/reliability/host-process';
import { advertiseMcpEndpoint, MCP_ENDPOINT_FILE_NAME } from './mcp-endpoint-advert';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = ['--import', 'tsx', 'electron/mcp/stdio-main.ts'];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tokenIn(dir: string, scopes: string[]): Promise<{ core: Core; token: string }> {
  const core = await createCore({ host: 'test', dataDir: dir, offline: true, log: () => {} });
  const created = await core.invoke(
    'agents.tokens.create',
    { name: 'Desktop assistant', scopes, expiresInDays: 1, dailyNotionalCap: 100 },
    { sessionId: 't' },
  );
  if (!created.ok) throw new Error(created.error.message);
  return { core, token: (created.value as { token: string }).token };
}

const env = (dir: string): Record<string, string> => ({
  ...(process.env as Record<string, string>),
  TRADEWIND_DATA_DIR: dir,
  TRADEWIND_OFFLINE: '1',
});

/** Spawns `tradewind mcp` with the SDK's stdio client; resolves its first stderr line separately. */
async function startMcp(dir: string, token: string): Promise<{ client: Client; firstLine: Promise<string> }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...ENTRY, '--token', token],
    cwd: ROOT,
    env: env(dir),
    stderr: 'pipe',
  });
  const firstLine = new Promise<string>((resolve) => {
    let buffered = '';
    transport.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.includes('\n')) resolve(buffered.slice(0, buffered.indexOf('\n')));
    });
  });
  const client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(transport);
  cleanups.push(() => client.close());
  return { client, firstLine };
}

const toolText = (result: CallToolResult): string => (result.content[0]?.type === 'text' ? result.content[0].text : '');

describe('tradewind mcp over stdio', () => {
  it('serves tools to an MCP client it was spawned by, saying first on stderr which core it uses', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.cleanup());
    const { core, token } = await tokenIn(temp.dir, ['read']);
    await core.close();

    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [...ENTRY, '--token', token],
      cwd: ROOT,
      env: env(temp.dir),
      stderr: 'pipe',
    });
    const firstLine = new Promise<string>((resolve) => {
      let buffered = '';
      transport.stderr!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        if (buffered.includes('\n')) resolve(buffered.slice(0, buffered.indexOf('\n')));
      });
    });
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
    cleanups.push(() => client.close());
    expect(await firstLine).toBe(`tradewind mcp: own core on ${temp.dir} (no other Tradewind holds it); MCP over stdio`);
    const result = (await client.callTool({ name: 'tradewind_list_accounts', arguments: {} })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
    expect(JSON.parse(text).data).toEqual([expect.objectContaining({ kind: 'paper' })]);
  }, 60_000);

  it('relays to a running headless host that advertises its /mcp, with the same token; the host refuses an unknown one', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.cleanup());
    const { core, token } = await tokenIn(temp.dir, ['read']);
    await core.close();
    const host = await spawnHost({ dataDir: temp.dir, env: { TRADEWIND_OFFLINE: '1' }, readyTimeoutMs: 60_000 });
    cleanups.push(() => host.kill9());
    const advertFile = path.join(temp.dir, MCP_ENDPOINT_FILE_NAME);
    const advert = JSON.parse(fs.readFileSync(advertFile, 'utf8')) as { url: string };
    expect(advert).toEqual({ pid: host.pid, host: 'tradewind serve', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/) });

    const relayed = await startMcp(temp.dir, token);
    expect(await relayed.firstLine).toBe(
      `tradewind mcp: connected to the running tradewind serve (pid ${host.pid}) at ${advert.url}; MCP over stdio`,
    );
    const result = (await relayed.client.callTool({ name: 'tradewind_list_accounts', arguments: {} })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(toolText(result)).data).toEqual([expect.objectContaining({ kind: 'paper' })]);

    const stranger = await startMcp(temp.dir, 'twa_not-a-token-of-this-tradewind');
    const refused = (await stranger.client.callTool({ name: 'tradewind_list_accounts', arguments: {} })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(toolText(refused)).toBe(
      'auth: This agent token is not known to Tradewind. Create one in Tradewind → Agents and give it to the MCP client.',
    );

    // A clean stop takes the advert away with the lock.
    await host.stop();
    expect(fs.existsSync(advertFile)).toBe(false);
  }, 120_000);

  it('tells the client when the advertised host does not answer', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.cleanup());
    const { core, token } = await tokenIn(temp.dir, ['read']);
    cleanups.push(() => core.close());
    // This process holds the folder; its advert names a port nobody listens on (a host that hung up).
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    cleanups.push(advertiseMcpEndpoint(temp.dir, { host: 'tradewind serve', url: `http://127.0.0.1:${port}/mcp` }));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [...ENTRY, '--token', token],
      cwd: ROOT,
      env: env(temp.dir),
    });
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    cleanups.push(() => client.close());
    await expect(client.connect(transport)).rejects.toThrow(
      `The running tradewind serve at http://127.0.0.1:${port}/mcp did not answer: fetch failed (ECONNREFUSED); is it still running?`,
    );
  }, 60_000);

  it('refuses to open a second core on a held folder, naming the lock and the HTTP endpoint', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.cleanup());
    const { core, token } = await tokenIn(temp.dir, ['read']);
    cleanups.push(() => core.close());
    const run = spawnSync(process.execPath, [...ENTRY], {
      cwd: ROOT,
      env: { ...env(temp.dir), TRADEWIND_MCP_TOKEN: token },
      encoding: 'utf8',
      timeout: 30_000,
      input: '',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(/^tradewind mcp: no core of its own: The data folder .* is in use by pid \d+/);
    expect(run.stderr).toContain('/mcp with "Authorization: Bearer <agent token>"');
  }, 60_000);
});
