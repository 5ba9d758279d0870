/** Command-line arguments of the headless host: `[--port N] [--host H]`. */

export const DEFAULT_PORT = 7421;
/** Loopback by default: other hosts on the network must not reach the terminal unless asked for. */
export const DEFAULT_HOST = '127.0.0.1';

/** Exit code when another process holds the data folder (2: bad arguments, 1: anything else). */
export const EXIT_DATA_FOLDER_IN_USE = 3;

export type ServerArgs = { kind: 'run'; port: number; host: string } | { kind: 'help' };

export class ArgsError extends Error {
  override name = 'ArgsError';
}

export const USAGE = `Usage: tradewind serve [--port N] [--host H]
  --port N   TCP port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --host H   interface to bind (default ${DEFAULT_HOST}; anything else exposes the host to the network)`;

const HOST_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]{2,45})$/;

export function parseServerArgs(argv: readonly string[]): ServerArgs {
  let port: number | undefined;
  let host: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag !== '--port' && flag !== '--host') throw new ArgsError(`unknown argument '${clip(arg)}'`);
    let value: string | undefined;
    if (eq > 0 && arg.startsWith('--')) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined || value === '') throw new ArgsError(`${flag} needs a value`);
    if (flag === '--port') {
      if (port !== undefined) throw new ArgsError('--port given more than once');
      port = parsePort(value);
    } else {
      if (host !== undefined) throw new ArgsError('--host given more than once');
      host = parseHost(value);
    }
  }
  return { kind: 'run', port: port ?? DEFAULT_PORT, host: host ?? DEFAULT_HOST };
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

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
