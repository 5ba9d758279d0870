/**
 * The desktop app's opt-in MCP endpoint against a real core: nothing without the preference; with
 * it, /mcp on 127.0.0.1 serves the SDK's HTTP client with an agent token, refuses a foreign Host
 * or Origin, is advertised beside the lock so `tradewind mcp` relays to it, and the advert goes when it closes.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../core/index';
import { makeTempDir } from '../core/test-support/temp-dir';
import type { Core } from '../core/types';
import { readMcpEndpoint } from '../mcp/mcp-endpoint-advert';
import { installMcpListener, type McpListener } from './mcp-listener';

let core: Core | undefined;
let listener: McpListener | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  await listener?.dispose();
  await core?.close();
  temp?.cleanup();
});

/** A raw request with a chosen Host header (fetch would not let a test forge it). */
function rawPost(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
  });
}

it(
  'is off without the preference, and serves agents on loopback /mcp while on, advertised for tradewind mcp',
  { timeout: 60_000 },
  async () => {
    temp = makeTempDir();
    core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: () => {} });
    const off = await installMcpListener(core, null, () => {});
    expect(off.url).toBeNull();
    expect(readMcpEndpoint(temp.dir, process.pid)).toBeUndefined();

    const created = await core.invoke(
      'agents.tokens.create',
      { name: 'Desktop agent', scopes: ['read'], expiresInDays: 1, dailyNotionalCap: 100 },
      { sessionId: 't' },
    );
    if (!created.ok) throw new Error(created.error.message);
    const { token } = created.value as { token: string };

    listener = await installMcpListener(core, 0, () => {});
    const url = listener.url!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(readMcpEndpoint(temp.dir, process.pid)).toEqual({ pid: process.pid, host: 'Tradewind desktop', url });

    const client = new Client({ name: 'desktop-agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }),
    );
    const accounts = (await client.callTool({ name: 'tradewind_list_accounts', arguments: {} })) as CallToolResult;
    expect(accounts.isError).toBeFalsy();
    expect(JSON.stringify(accounts.content)).toContain('paper');
    await client.close();

    // `tradewind mcp` on the folder this (desktop) process holds relays to the endpoint.
    const relay = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'electron/mcp/stdio-main.ts', '--token', token],
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...(process.env as Record<string, string>), TRADEWIND_DATA_DIR: temp.dir, TRADEWIND_OFFLINE: '1' },
      stderr: 'pipe',
    });
    const firstLine = new Promise<string>((resolve) => {
      let buffered = '';
      relay.stderr!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        if (buffered.includes('\n')) resolve(buffered.slice(0, buffered.indexOf('\n')));
      });
    });
    const relayed = new Client({ name: 'desktop-assistant', version: '1.0.0' });
    await relayed.connect(relay);
    expect(await firstLine).toBe(
      `tradewind mcp: connected to the running Tradewind desktop (pid ${process.pid}) at ${url}; MCP over stdio`,
    );
    const viaRelay = (await relayed.callTool({ name: 'tradewind_list_accounts', arguments: {} })) as CallToolResult;
    expect(viaRelay.isError).toBeFalsy();
    expect(JSON.stringify(viaRelay.content)).toContain('paper');
    await relayed.close();

    const bearer = { authorization: `Bearer ${token}`, accept: 'application/json, text/event-stream' };
    expect(await rawPost(url, { ...bearer, host: 'evil.example:80' })).toBe(421);
    expect(await rawPost(url, { ...bearer, origin: 'https://evil.example' })).toBe(403);
    expect(await rawPost(url.replace('/mcp', '/other'), bearer)).toBe(404);
    expect(await rawPost(url, { accept: bearer.accept })).toBe(401);

    await listener.dispose();
    expect(listener.url).toBeNull();
    expect(readMcpEndpoint(temp.dir, process.pid)).toBeUndefined();
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
  },
);
