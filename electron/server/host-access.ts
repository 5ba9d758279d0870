/** Turns `tradewind serve`'s arguments into what guards the host: TLS material, the access policy, the ready line. */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { RunArgs } from './args';
import { allowedHostNamesFor, allowedOriginsFor, originFor } from './origins';
import { sessionCookieName, type AccessPolicy } from './upgrade-auth';

export class HostSetupError extends Error {
  override name = 'HostSetupError';
}

/** Reads and checks the PEM pair up front, so a wrong file is a clear message rather than a failed handshake later. */
export function readTlsFiles(tls: NonNullable<RunArgs['tls']>): { cert: Buffer; key: Buffer } {
  const read = (flag: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new HostSetupError(`cannot read ${flag} ${file}: ${(err as Error).message}`);
    }
  };
  const cert = read('--tls-cert', tls.certFile);
  const key = read('--tls-key', tls.keyFile);
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new HostSetupError(
      `--tls-cert ${tls.certFile} and --tls-key ${tls.keyFile} do not make a usable TLS pair (${(err as Error).message}); ` +
        'both must be PEM files and the key must belong to the certificate',
    );
  }
  return { cert, key };
}

export function accessPolicyFor(args: RunArgs, port: number, token: string, startedAt: number): AccessPolicy {
  return {
    token,
    allowedOrigins: allowedOriginsFor(args.host, port, { scheme: args.tls ? 'https' : 'http', publicOrigin: args.publicOrigin }),
    allowedHosts: allowedHostNamesFor(args.host, args.publicOrigin),
    cookieName: sessionCookieName(port),
    expiresAt: args.tokenTtlMs === undefined ? null : startedAt + args.tokenTtlMs,
  };
}

/**
 * The one stdout line. The token sits in the fragment: browsers never send a fragment to the
 * server, so it stays out of request lines, proxy logs and Referer headers.
 */
export function readyLine(args: RunArgs, port: number, token: string): string {
  const origin = args.publicOrigin ?? originFor(args.host, port, args.tls ? 'https' : 'http');
  return `Tradewind serving at ${origin}/#token=${token}`;
}
