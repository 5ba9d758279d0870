/**
 * Command-line arguments of the headless host:
 * `[--port N] [--host H] [--tls-cert FILE --tls-key FILE] [--insecure] [--public-origin URL]
 *  [--token-ttl DURATION] [--passphrase-stdin]`.
 */
import { isLoopback } from './origins';

export const DEFAULT_PORT = 7421;
/** Loopback by default: other hosts on the network must not reach the terminal unless asked for. */
export const DEFAULT_HOST = '127.0.0.1';

/** Exit code when another process holds the data folder (2: bad arguments, 1: anything else). */
export const EXIT_DATA_FOLDER_IN_USE = 3;

export interface RunArgs {
  kind: 'run';
  port: number;
  host: string;
  /** PEM files: with both, the host serves HTTPS and WSS. */
  tls?: { certFile: string; keyFile: string };
  /** Accept binding beyond loopback without TLS (the user said so explicitly). */
  insecure: boolean;
  /** The origin browsers see when a TLS proxy or an SSH tunnel sits in front, e.g. `https://trade.example`. */
  publicOrigin?: string;
  /** The access token stops opening new sessions this long after start. */
  tokenTtlMs?: number;
  /** Read the encrypted-file store's passphrase from stdin (one line). */
  passphraseStdin: boolean;
}

export type ServerArgs = RunArgs | { kind: 'help' };

export class ArgsError extends Error {
  override name = 'ArgsError';
}

export const USAGE = `Usage: tradewind serve [--port N] [--host H] [--tls-cert FILE --tls-key FILE] [--insecure]
                       [--public-origin URL] [--token-ttl DURATION] [--passphrase-stdin]
  --port N              TCP port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --host H              interface to bind (default ${DEFAULT_HOST}); anything beyond loopback needs TLS or --insecure
  --tls-cert FILE       PEM certificate (chain): serve HTTPS and WSS; needs --tls-key
  --tls-key FILE        PEM private key of --tls-cert
  --insecure            allow a non-loopback --host without TLS (traffic and token travel in clear text)
  --public-origin URL   the origin browsers use when a TLS proxy or SSH tunnel sits in front
                        (e.g. https://trade.example or http://localhost:9000); its host is allowed too
  --token-ttl DURATION  the access token opens no new session after this long (e.g. 30m, 8h, 1d)
  --passphrase-stdin    read the encrypted-file secret store's passphrase from stdin`;

const HOST_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]{2,45})$/;
const VALUE_FLAGS = new Set(['--port', '--host', '--tls-cert', '--tls-key', '--public-origin', '--token-ttl']);
const SWITCHES = new Set(['--insecure', '--passphrase-stdin']);

export function parseServerArgs(argv: readonly string[]): ServerArgs {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (SWITCHES.has(flag)) {
      if (eq > 0) throw new ArgsError(`${flag} takes no value`);
      switches.add(flag);
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) throw new ArgsError(`unknown argument '${clip(arg)}'`);
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new ArgsError(`${flag} needs a value`);
    if (values.has(flag)) throw new ArgsError(`${flag} given more than once`);
    values.set(flag, value);
  }

  const port = values.has('--port') ? parsePort(values.get('--port')!) : DEFAULT_PORT;
  const host = values.has('--host') ? parseHost(values.get('--host')!) : DEFAULT_HOST;
  const certFile = values.get('--tls-cert');
  const keyFile = values.get('--tls-key');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new ArgsError('--tls-cert and --tls-key go together: give both PEM files, or neither');
  }
  const insecure = switches.has('--insecure');
  if (!isLoopback(host) && certFile === undefined && !insecure) {
    throw new ArgsError(
      `--host ${host} reaches beyond this machine, and without TLS the token and every order travel in clear text. ` +
        'Give --tls-cert FILE --tls-key FILE, or keep the default loopback host behind an SSH tunnel or TLS proxy ' +
        '(with --public-origin URL), or add --insecure if the network is trusted',
    );
  }
  const publicOrigin = values.has('--public-origin') ? parsePublicOrigin(values.get('--public-origin')!) : undefined;
  const tokenTtlMs = values.has('--token-ttl') ? parseDuration(values.get('--token-ttl')!) : undefined;
  return {
    kind: 'run',
    port,
    host,
    ...(certFile !== undefined && keyFile !== undefined ? { tls: { certFile, keyFile } } : {}),
    insecure,
    ...(publicOrigin !== undefined ? { publicOrigin } : {}),
    ...(tokenTtlMs !== undefined ? { tokenTtlMs } : {}),
    passphraseStdin: switches.has('--passphrase-stdin'),
  };
}

function parsePort(value: string): number {
  // Number('') and Number('1e3') would slip through a plain Number() check.
  if (!/^\d{1,5}$/.test(value)) throw new ArgsError(`--port must be an integer from 0 to 65535, got '${clip(value)}'`);
  const port = Number(value);
  if (port > 65535) throw new ArgsError(`--port must be an integer from 0 to 65535, got '${clip(value)}'`);
  return port;
}

function parseHost(value: string): string {
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (!HOST_PATTERN.test(bare)) throw new ArgsError(`--host must be a host name or IP address, got '${clip(value)}'`);
  return bare;
}

/** An origin exactly as a browser writes it in the Origin header: scheme, host, optional port; nothing else. */
function parsePublicOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ArgsError(`--public-origin must be a URL such as https://trade.example, got '${clip(value)}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ArgsError(`--public-origin must start with https:// or http://, got '${clip(value)}'`);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new ArgsError(`--public-origin is an origin only (scheme, host, port), without path, query or credentials: got '${clip(value)}'`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname.replace(/^\[|\]$/g, ''))) {
    throw new ArgsError(
      `--public-origin ${url.origin} is plain http on another machine; use https (a TLS proxy) or an SSH tunnel to localhost`,
    );
  }
  return url.origin;
}

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `8h`, `1d`, or plain seconds. */
export function parseDuration(value: string): number {
  const match = /^(\d{1,6})([smhd]?)$/.exec(value);
  const ms = match ? Number(match[1]) * DURATION_UNITS[match[2] || 's']! : NaN;
  if (!match || ms <= 0) throw new ArgsError(`--token-ttl must be a positive duration such as 30m, 8h or 1d, got '${clip(value)}'`);
  return ms;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
