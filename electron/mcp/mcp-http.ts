import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Core } from '../core/index';
import { createTradewindMcpServer } from './mcp-server';

export { MCP_PATH } from './mcp-endpoint-advert';

function jsonRpcError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(status === 401 ? { 'www-authenticate': 'Bearer realm="tradewind-mcp"' } : {}),
  });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }));
}

/** `Authorization: Bearer <agent token>`; null when absent or malformed. */
export function bearerToken(req: Pick<IncomingMessage, 'headers'>): string | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S{1,200})$/i.exec(header.trim()) : null;
  return match ? match[1]! : null;
}

/**
 * One MCP request over streamable HTTP, stateless: a server and transport per request, bound to
 * the request's agent token, which core checks again on every tool call (revoked or expired
 * tokens stop working at once). The host has already checked the Host header (DNS rebinding).
 */
export async function handleMcpHttp(req: IncomingMessage, res: ServerResponse, core: Pick<Core, 'invoke' | 'endSession'>): Promise<void> {
  const token = bearerToken(req);
  if (!token) {
    jsonRpcError(res, 401, 'Send the agent token as "Authorization: Bearer <token>" (create one in Tradewind → Agents).');
    return;
  }
  if (req.method !== 'POST') {
    // Stateless: no server-sent stream to resume and no session to delete.
    res.writeHead(405, { allow: 'POST', 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: POST JSON-RPC messages to /mcp.' }, id: null }),
    );
    return;
  }
  const sessionId = `mcp-http-${randomUUID()}`;
  const server = createTradewindMcpServer((method, input) => core.invoke(method, input, { sessionId, agentToken: token }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => {
    void transport.close();
    void server.close();
    core.endSession(sessionId);
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}
