/**
 * `tradewind mcp` when a desktop app or headless host already runs on the data folder: no core
 * of its own (never two cores on one database), only a relay. Each JSON-RPC message from the
 * stdio client is POSTed to the host's `/mcp` with the same agent token as Bearer, and each
 * answer goes back on stdout. The host checks the token, scopes and input on every call, so the
 * relay grants nothing; a refusal (revoked token, host gone) reaches the client as an error.
 */
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { McpEndpointAdvert } from './mcp-endpoint-advert';

/** JSON-RPC "server error" range: the request never got an answer from the host. */
const UNREACHABLE = -32000;

/** The host's own words when it answered with an HTTP error (its JSON-RPC error message), else the transport's. */
function refusalText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const body = /\{.*\}/s.exec(text)?.[0];
  if (body) {
    try {
      const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
      if (typeof message === 'string') return message.slice(0, 500);
    } catch {
      // not JSON: the transport's text below
    }
  }
  // fetch says only "fetch failed"; the reason (ECONNREFUSED: the host is gone) is in its cause.
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  return (typeof cause === 'string' ? `${text} (${cause}); is it still running?` : text).slice(0, 500);
}

/** Relays until the stdio client goes away (stdin ends, the transport closes, or a signal). */
export async function proxyStdioToHost(endpoint: McpEndpointAdvert, token: string, log: (line: string) => void): Promise<void> {
  const local = new StdioServerTransport();
  const remote = new StreamableHTTPClientTransport(new URL(endpoint.url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  // The protocol version the host agreed on in `initialize` goes on every later request, as the SDK's client does.
  const initializeIds = new Set<string | number>();

  local.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCRequest(message) && message.method === 'initialize') initializeIds.add(message.id);
    remote.send(message).catch((error: unknown) => {
      const why = `The running ${endpoint.host} at ${endpoint.url} did not answer: ${refusalText(error)}`;
      if (isJSONRPCRequest(message)) void local.send({ jsonrpc: '2.0', id: message.id, error: { code: UNREACHABLE, message: why } });
      else log(`tradewind mcp: ${why}`);
    });
  };
  remote.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCResultResponse(message) && initializeIds.delete(message.id)) {
      const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
      if (typeof version === 'string') remote.setProtocolVersion(version);
    }
    void local.send(message);
  };
  remote.onerror = (error) => log(`tradewind mcp: ${refusalText(error)}`);

  const closed = new Promise<void>((resolve) => {
    local.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await remote.start();
  await local.start();
  await closed;
  await remote.close().catch(() => undefined);
  await local.close().catch(() => undefined);
}
