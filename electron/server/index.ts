/**
 * `tradewind serve`: the headless host. Serves the built renderer and the WebSocket transport,
 * prints one line (the URL with this run's token) on stdout; everything else goes to stderr.
 */
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../core/types';
import { ArgsError, EXIT_DATA_FOLDER_IN_USE, parseServerArgs, USAGE } from './args';
import { closeServer, createHostServer, listen } from './http-server';
import { allowedOriginsFor, isLoopback, originFor } from './origins';
import { createToken } from './upgrade-auth';
import { attachWsTransport, type WsTransport } from './ws-transport';

const SHUTDOWN_TIMEOUT_MS = 10_000;

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<void> {
  let args;
  try {
    args = parseServerArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof ArgsError)) throw err;
    process.stderr.write(`tradewind serve: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  // The bundle lives in dist/electron/; the renderer build and the bundled data sit beside dist/.
  const bundleDir = path.dirname(fileURLToPath(import.meta.url));
  if (!process.env.TRADEWIND_ASSETS_DIR) process.env.TRADEWIND_ASSETS_DIR = path.resolve(bundleDir, '../../assets');

  const server = createHostServer(path.resolve(bundleDir, '../renderer'), log);
  let port: number;
  try {
    port = (await listen(server, args.port, args.host)).port;
  } catch (err) {
    log(`tradewind serve: cannot listen on ${args.host}:${args.port}: ${(err as Error).message}`);
    process.exit(1);
  }

  // Imported late so argument errors and --help answer at once when run from source (tsx, tests);
  // the bundle hoists core's external packages either way.
  const { createCore, DataFolderLockedError } = await import('../core/index');
  let core: Core;
  try {
    core = await createCore({ host: 'server', log });
  } catch (err) {
    if (!(err instanceof DataFolderLockedError)) throw err;
    // Refused before anything ran: no ready line, a distinct exit code for scripts and supervisors.
    log(`tradewind serve: ${err.message}`);
    process.exit(EXIT_DATA_FOLDER_IN_USE);
  }
  const token = createToken();
  const transport = attachWsTransport(server, core, { token, allowedOrigin: allowedOriginsFor(args.host, port), log });
  installShutdown(server, transport, core);
  if (!isLoopback(args.host)) {
    log(`tradewind serve: listening on ${args.host}, reachable from other machines; the token is the only guard and traffic is not encrypted (prefer an SSH tunnel or a TLS proxy)`);
  }
  process.stdout.write(`Tradewind serving at ${originFor(args.host, port)}/?token=${token}\n`);
}

function installShutdown(server: Server, transport: WsTransport, core: Core): void {
  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // A wedged close must not keep a Ctrl+C'd process alive forever.
    setTimeout(() => {
      log('tradewind serve: shutdown timed out');
      process.exit(code || 1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    try {
      await transport.close();
      await closeServer(server);
      await core.close();
    } catch (err) {
      log(`tradewind serve: error during shutdown: ${String(err)}`);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // A stray rejection in a background task is logged rather than allowed to kill a host that may
  // be running bots; a synchronous throw leaves state unknown, so that one stops the host cleanly.
  process.on('unhandledRejection', (reason) => log(`tradewind serve: unhandled rejection: ${String(reason)}`));
  let damageReported = false;
  process.on('uncaughtException', (err) => {
    // Corruption seen while running: core has already stopped trading and bots, refuses writes and
    // told the person. Staying up lets them see it and choose a backup, rather than a host that dies.
    if ((err as { code?: unknown }).code === 'database_damaged') {
      if (!damageReported) log(`tradewind serve: ${err.message}`);
      damageReported = true;
      return;
    }
    log(`tradewind serve: uncaught exception: ${err.stack ?? String(err)}`);
    void stop(1);
  });
}

main().catch((err: unknown) => {
  // A refused database (damaged, foreign, read-only...) says which file, what is wrong and what to do; a stack would bury that.
  const refused = err instanceof Error && err.name === 'DatabaseRefusedError';
  log(`tradewind serve: ${err instanceof Error ? (refused ? err.message : (err.stack ?? err.message)) : String(err)}`);
  process.exit(1);
});
