import { RENDERER_CSP } from '../../shared/security/csp';

/**
 * The app itself never needs the network from its renderer (market data flows through core), so any
 * request for a remote scheme is refused: a compromised renderer cannot exfiltrate or load code.
 */
const REMOTE_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

export function isRemoteRequest(url: string): boolean {
  try {
    return REMOTE_SCHEMES.has(new URL(url).protocol);
  } catch {
    return true;
  }
}

/** Response headers with our CSP replacing whatever CSP (in any letter case) was there. */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [RENDERER_CSP];
  return out;
}
