import { networkInterfaces } from 'node:os';

/** `http://host:port`, with IPv6 literals bracketed as browsers write them in the Origin header. */
export function originFor(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const WILDCARD = new Set(['0.0.0.0', '::']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Origins a page served by this host can have. An explicit list rather than "whatever the Host
 * header says": matching Origin against Host would let a DNS-rebinding page pass the check.
 */
export function allowedOriginsFor(host: string, port: number): string[] {
  const hosts = new Set([host]);
  if (LOOPBACK.has(host)) for (const alias of LOOPBACK) hosts.add(alias);
  if (WILDCARD.has(host)) {
    for (const alias of LOOPBACK) hosts.add(alias);
    for (const list of Object.values(networkInterfaces())) {
      for (const entry of list ?? []) {
        if (host === '0.0.0.0' && entry.family !== 'IPv4') continue;
        hosts.add(entry.address);
      }
    }
  }
  return [...hosts].map((h) => originFor(h, port));
}
