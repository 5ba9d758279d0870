import { networkInterfaces } from 'node:os';

export type Scheme = 'http' | 'https';

/** `http://host:port`, with IPv6 literals bracketed as browsers write them in the Origin header. */
export function originFor(host: string, port: number, scheme: Scheme = 'http'): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const WILDCARD = new Set(['0.0.0.0', '::']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The names a client may reach a host bound to `host` by: its own, loopback aliases, local addresses of a wildcard. */
function bindHostNames(host: string): Set<string> {
  const hosts = new Set([host.toLowerCase()]);
  if (LOOPBACK.has(host)) for (const alias of LOOPBACK) hosts.add(alias);
  if (WILDCARD.has(host)) {
    for (const alias of LOOPBACK) hosts.add(alias);
    for (const list of Object.values(networkInterfaces())) {
      for (const entry of list ?? []) {
        if (host === '0.0.0.0' && entry.family !== 'IPv4') continue;
        hosts.add(entry.address.toLowerCase());
      }
    }
  }
  return hosts;
}

/**
 * Origins a page served by this host can have. An explicit list rather than "whatever the Host
 * header says": matching Origin against Host would let a DNS-rebinding page pass the check.
 * A `publicOrigin` (TLS proxy, SSH tunnel) is the origin the browser sees, so it is allowed as given.
 */
export function allowedOriginsFor(host: string, port: number, options: { scheme?: Scheme; publicOrigin?: string } = {}): string[] {
  const origins = [...bindHostNames(host)].map((h) => originFor(h, port, options.scheme ?? 'http'));
  if (options.publicOrigin !== undefined && !origins.includes(options.publicOrigin)) origins.push(options.publicOrigin);
  return origins;
}

/**
 * Host-header names (lower case, no port, IPv6 unbracketed) this host answers to: the loopback
 * names, the bind address, and the public origin's host. Ports are not compared: tunnels and
 * proxies remap them, and a DNS-rebinding page is told apart by its name, not its port.
 */
export function allowedHostNamesFor(host: string, publicOrigin?: string): Set<string> {
  const names = bindHostNames(host);
  for (const alias of LOOPBACK) names.add(alias);
  if (publicOrigin !== undefined) names.add(unbracket(new URL(publicOrigin).hostname.toLowerCase()));
  return names;
}

/** The name part of a Host header (`[::1]:7421` → `::1`, `Example.com.:80` → `example.com`), or null when malformed. */
export function hostHeaderName(header: string | undefined): string | null {
  if (header === undefined || header === '' || header.length > 300) return null;
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]\s/@]+)(?::\d{1,5})?$/.exec(header);
  if (!match) return null;
  return unbracket(match[1]!.toLowerCase()).replace(/\.$/, '');
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
