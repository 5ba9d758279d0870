/**
 * A running host tells `tradewind mcp` where its MCP endpoint is: a small file beside the data
 * folder's lock (`tradewind.mcp.json`) with the holder's pid, its kind and the endpoint's URL —
 * the origin and `/mcp` only, never a token (the agent brings its own). It is information only,
 * like the lock's sidecar: a reader trusts it only when its pid is the lock holder's, so a file
 * left by a host that was killed is ignored, and the host removes it when it stops serving.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Where a host serves MCP (streamable HTTP). */
export const MCP_PATH = '/mcp';
/** The advert's file name in the data folder, beside `tradewind.lock`. */
export const MCP_ENDPOINT_FILE_NAME = 'tradewind.mcp.json';

export interface McpEndpointAdvert {
  pid: number;
  /** The host's kind as the lock names it ("tradewind serve", "Tradewind desktop"). */
  host: string;
  /** `http(s)://<loopback or bind address>:<port>/mcp`. */
  url: string;
}

/**
 * The URL a process on this machine reaches a host bound to `bindHost` by: loopback for a
 * loopback or wildcard bind (the host answers there and its Host check allows those names),
 * the bind address itself otherwise.
 */
export function localMcpUrl(bindHost: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  const host = bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost === '::' ? '::1' : bindHost;
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}${MCP_PATH}`;
}

/** Writes this process's advert (atomically, owner-only) and returns its removal; removing twice is harmless. */
export function advertiseMcpEndpoint(dataDir: string, endpoint: { host: string; url: string }): () => void {
  const url = checkedUrl(endpoint.url);
  if (!url)
    throw new Error(`Not an MCP endpoint URL to advertise: ${endpoint.url.slice(0, 200)} (expected http(s)://host:port${MCP_PATH})`);
  const file = path.join(dataDir, MCP_ENDPOINT_FILE_NAME);
  const advert: McpEndpointAdvert = { pid: process.pid, host: endpoint.host, url };
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(advert)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  return () => {
    // Only our own: a later holder's advert is never removed by an earlier one's shutdown.
    if (readAdvert(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
}

/** The endpoint the lock holder `holderPid` advertises, or undefined (none, unreadable, or left by another process). */
export function readMcpEndpoint(dataDir: string, holderPid: number): McpEndpointAdvert | undefined {
  const advert = readAdvert(path.join(dataDir, MCP_ENDPOINT_FILE_NAME));
  return advert && advert.pid === holderPid ? advert : undefined;
}

function readAdvert(file: string): McpEndpointAdvert | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const v = parsed as Record<string, unknown>;
  if (!Number.isSafeInteger(v.pid) || typeof v.host !== 'string' || v.host.length > 80 || typeof v.url !== 'string') return undefined;
  const url = checkedUrl(v.url);
  return url ? { pid: v.pid as number, host: v.host, url } : undefined;
}

/** http(s), a host and port, the MCP path, and nothing that could carry a credential. */
function checkedUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const plain = url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  if (!plain || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== MCP_PATH) return undefined;
  return url.href;
}
