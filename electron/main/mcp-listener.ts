/**
 * The desktop app's MCP endpoint for AI agents: an opt-in HTTP port on 127.0.0.1 only (never
 * another interface), off unless switched on in the Agents dialog (main/mcp-switch.ts), serving only `POST /mcp` with
 * the same handler as the headless host (streamable HTTP, each request with its agent token,
 * which core checks on every call). While open it is advertised beside the data folder's lock,
 * so `tradewind mcp` started by a desktop assistant relays to this app instead of being refused.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/types';
import { advertiseMcpEndpoint, localMcpUrl, MCP_PATH } from '../mcp/mcp-endpoint-advert';
import { hostHeaderName } from '../server/origins';

/** Names a same-machine client reaches 127.0.0.1 by; anything else is a DNS-rebinding page. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost']);

export interface McpListener {
  /** The endpoint open now (null: off, or the port could not be had). */
  readonly url: string | null;
  dispose(): Promise<void>;
}

const closed: McpListener = { url: null, dispose: async () => {} };

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Opens the endpoint on `port` (0: any free one, for tests) or does nothing when `port` is null. */
export async function installMcpListener(core: Core, port: number | null, log: (line: string) => void): Promise<McpListener> {
  if (port === null) return closed;
  const server: Server = createServer((req, res) => {
    const name = hostHeaderName(req.headers.host);
    if (name === null || !LOOPBACK_NAMES.has(name)) return refuse(res, 421, 'unknown host: use http://127.0.0.1:<port>/mcp');
    // No web page may drive it: the desktop serves no pages, so any Origin is a foreign one.
    if (req.headers.origin !== undefined) return refuse(res, 403, 'origin not allowed');
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== MCP_PATH) return refuse(res, 404, `not found: MCP is at ${MCP_PATH}`);
    // Loaded on the first request: an app that never serves an agent never loads the SDK.
    import('../mcp/mcp-http')
      .then(({ handleMcpHttp }) => handleMcpHttp(req, res, core))
      .catch((err: unknown) => {
        log(`mcp: ${String(err)}`);
        if (!res.headersSent) refuse(res, 500, 'internal error');
        else res.destroy();
      });
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (err) => {
      log(`mcp: cannot listen on 127.0.0.1:${port} (${err.message}); pick another port in Agents → MCP endpoint`);
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!listening) return closed;
  const url = localMcpUrl('127.0.0.1', (server.address() as AddressInfo).port);
  const unadvertise = advertiseMcpEndpoint(core.dataDir, { host: 'Tradewind desktop', url });
  log(`mcp: serving agents at ${url} (agent token as Bearer)`);
  let disposed = false;
  return {
    get url() {
      return disposed ? null : url;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      unadvertise();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
    },
  };
}
