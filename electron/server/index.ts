/**
 * `tradewind serve`: the headless host. Serves the built renderer and the WebSocket transport,
 * prints one line (the URL with this run's token in its #fragment) on stdout; everything else goes to stderr.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../core/types';
import { ArgsError, EXIT_DATA_FOLDER_IN_USE, parseServerArgs, USAGE } from './args';
import { rememberSecrets } from '../core/logs/live-secrets';
import { redact } from '../core/logs/redact';
import { logFileFor, type RotatingLog } from '../core/logs/rotating-log';
import { disableCoreDumps } from './core-dumps';
import { accessPolicyFor, HostSetupError, readTlsFiles, readyLine } from './host-access';
import { closeServer, createHostServer, listen, type HostServer } from './http-server';
import { HostCodeConfirmer } from './host-code-confirmer';
import { advertiseMcpEndpoint, localMcpUrl } from '../mcp/mcp-endpoint-advert';
import { isLoopback } from './origins';
import { createToken, type AccessPolicy } from './upgrade-auth';
import { attachWsTransport, type WsTransport } from './ws-transport';

const SHUTDOWN_TIMEOUT_MS = 10_000;

const toStderr = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
/** The host's own lines: redacted on stderr and, once the data folder is known, in its rotating log file too. */
const hostLog: { file?: RotatingLog } = {};
const log = (line: string): void => {
  hostLog.file?.write(line, 'serve');
  toStderr(redact(line));
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
  const dumps = disableCoreDumps();
  if (!dumps.ok) log(`tradewind serve: warning: ${dumps.reason}`);

  // The bundle lives in dist/electron/; the renderer build and the bundled data sit beside dist/.
  const bundleDir = path.dirname(fileURLToPath(import.meta.url));
  if (!process.env.TRADEWIND_ASSETS_DIR) process.env.TRADEWIND_ASSETS_DIR = path.resolve(bundleDir, '../../assets');

  let tls: ReturnType<typeof readTlsFiles> | undefined;
  try {
    tls = args.tls ? readTlsFiles(args.tls) : undefined;
  } catch (err) {
    if (!(err instanceof HostSetupError)) throw err;
    process.stderr.write(`tradewind serve: ${err.message}\n`);
    process.exit(2);
  }
  // Requests before the policy exists (port still unknown) get 503; nobody has the token yet anyway.
  const gate: { access?: AccessPolicy; core?: Core } = {};
  const server = createHostServer(path.resolve(bundleDir, '../renderer'), log, {
    tls,
    access: () => gate.access,
    // Signals are served only once core (and the access policy) are up, and only while enabled in core.
    signals: () => (gate.access ? gate.core?.signals : undefined),
    // Published copy feeds (signed fills) for followers on other machines, once core is up.
    feeds: () => (gate.access ? gate.core?.feeds : undefined),
    // MCP for remote agents (streamable HTTP at /mcp), each request with its agent token.
    mcp: () => {
      const core = gate.access ? gate.core : undefined;
      // Loaded on the first request, like core: argument errors and --help stay instant from source.
      return core ? async (req, res) => (await import('../mcp/mcp-http')).handleMcpHttp(req, res, core) : undefined;
    },
  });
  let port: number;
  try {
    port = (await listen(server, args.port, args.host)).port;
  } catch (err) {
    log(`tradewind serve: cannot listen on ${args.host}:${args.port}: ${(err as Error).message}`);
    process.exit(1);
  }

  // Imported late so argument errors and --help answer at once when run from source (tsx, tests);
  // the bundle hoists core's external packages either way.
  const { obtainPassphrase } = await import('./passphrase-input');
  let secretPassphrase: string | undefined;
  try {
    // Before anything else reads the environment: TRADEWIND_SECRET_PASSPHRASE is deleted from it here.
    secretPassphrase = await obtainPassphrase({
      env: process.env,
      fromStdin: args.passphraseStdin,
      stdin: process.stdin,
      prompt: process.stderr,
      warn: (line) => log(`tradewind serve: warning: ${line}`),
    });
  } catch (err) {
    if (!(err instanceof Error && err.name === 'SecretStoreError')) throw err;
    log(`tradewind serve: ${err.message}`);
    process.exit(2);
  }
  const { createCore, DataFolderLockedError } = await import('../core/index');
  let core: Core;
  try {
    // Weakening actions are confirmed with a one-time code printed here (stderr), typed back in the app.
    // Core writes its own lines to the log file and hands them to stderr (toStderr) only.
    core = await createCore({ host: 'server', log: toStderr, secretPassphrase, trustedConfirmer: new HostCodeConfirmer({ print: log }) });
  } catch (err) {
    if (!(err instanceof DataFolderLockedError)) throw err;
    // Refused before anything ran: no ready line, a distinct exit code for scripts and supervisors.
    log(`tradewind serve: ${err.message}`);
    process.exit(EXIT_DATA_FOLDER_IN_USE);
  }
  hostLog.file = logFileFor(core.dataDir);
  log(`tradewind serve: logs in ${hostLog.file.dir}`);
  const token = createToken();
  rememberSecrets(token, secretPassphrase);
  const access = accessPolicyFor(args, port, token, Date.now());
  gate.core = core;
  gate.access = access;
  const transport = attachWsTransport(server, core, {
    token,
    allowedOrigin: access.allowedOrigins,
    allowedHosts: access.allowedHosts,
    cookieName: access.cookieName,
    expiresAt: access.expiresAt,
    log,
  });
  // `tradewind mcp` on this folder relays to our /mcp instead of refusing (the URL only, never a token).
  const unadvertise = advertiseMcpEndpoint(core.dataDir, {
    host: 'tradewind serve',
    url: localMcpUrl(args.host, port, args.tls ? 'https' : 'http'),
  });
  process.once('exit', unadvertise);
  installShutdown(server, transport, core, unadvertise);
  if (!isLoopback(args.host) && !args.tls) {
    log(
      `tradewind serve: --insecure: listening on ${args.host} without TLS, reachable from other machines; the token and all traffic travel in clear text`,
    );
  }
  if (access.expiresAt !== null)
    log(`tradewind serve: the access token opens no new session after ${new Date(access.expiresAt).toISOString()}`);
  process.stdout.write(`${readyLine(args, port, token)}\n`);
}

function installShutdown(server: HostServer, transport: WsTransport, core: Core, unadvertise: () => void): void {
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
      unadvertise();
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
