/**
 * MCP over the headless host's HTTP server at /mcp (streamable HTTP), with the SDK's own HTTP
 * client: the agent token as Bearer, refused without one, a foreign Origin refused, and a revoked
 * token refused on the next call.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index';
import { makeTempDir } from '../core/test-support/temp-dir';
import { closeServer, createHostServer, listen, type HostServer } from '../server/http-server';
import { allowedHostNamesFor } from '../server/origins';
import { handleMcpHttp } from './mcp-http';

let core: Core;
let server: HostServer;
let url: string;
let token: string;
let agentId: string;
const temp = makeTempDir();

beforeAll(async () => {
  core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: () => {} });
  const created = await core.invoke(
    'agents.tokens.create',
    { name: 'Remote agent', scopes: ['read'], expiresInDays: 1, dailyNotionalCap: 100 },
    { sessionId: 't' },
  );
  if (!created.ok) throw new Error(created.error.message);
  ({ token } = created.value as { token: string });
  agentId = (created.value as { agent: { id: string } }).agent.id;
  let origin = '';
  server = createHostServer(temp.dir, () => {}, {
    access: () => ({
      token: 'session-token',
      allowedOrigins: [origin],
      allowedHosts: allowedHostNamesFor('127.0.0.1'),
      cookieName: 'tw',
      expiresAt: null,
    }),
    mcp: () => (req, res) => handleMcpHttp(req, res, core),
  });
  const port = (await listen(server, 0, '127.0.0.1')).port;
  origin = `http://127.0.0.1:${port}`;
  url = `${origin}/mcp`;
}, 60_000);

afterAll(async () => {
  await closeServer(server);
  await core.close();
  temp.cleanup();
});

const connect = async (bearer: string) => {
  const client = new Client({ name: 'remote-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${bearer}` } } }),
  );
  return client;
};

describe('MCP at /mcp on the headless host', () => {
  it('serves tools with the agent token, and stops at once when the token is revoked', async () => {
    const client = await connect(token);
    const listed = (await client.callTool({ name: 'tradewind_list_accounts', arguments: {} })) as CallToolResult;
    expect(listed.isError).toBeFalsy();
    expect((await client.listTools()).tools.length).toBeGreaterThan(20);

    await core.invoke('agents.tokens.revoke', { id: agentId }, { sessionId: 't' });
    const refused = (await client.callTool({ name: 'tradewind_list_accounts', arguments: {} })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(refused.content[0]).toEqual({
      type: 'text',
      text: 'auth: The token of agent "Remote agent" was revoked. Create a new one in Tradewind → Agents.',
    });
    await client.close();
  });

  it('refuses a request without a Bearer token (401) and one from a foreign browser origin (403)', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const anonymous = await fetch(url, { method: 'POST', headers, body });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('Authorization: Bearer <token>');
    const foreign = await fetch(url, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${token}`, origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
  });
});
