import { randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createCore, DataFolderLockedError, type Core } from '../core/index';
import { resolveDataDir } from '../core/paths';
import { readMcpEndpoint } from './mcp-endpoint-advert';
import { createTradewindMcpServer } from './mcp-server';
import { proxyStdioToHost } from './stdio-proxy';

export const MCP_USAGE = `Usage: tradewind mcp --token <agent token> [--data-dir DIR]
  Runs Tradewind's MCP server over stdio for an AI assistant that launches it.
  The token comes from Tradewind → Agents (or TRADEWIND_MCP_TOKEN). stdout carries the protocol; logs go to stderr.
`;

export interface McpArgs {
  token: string;
  dataDir?: string;
}

/** `--token T` / `--token=T`, `--data-dir D`; the token may come from TRADEWIND_MCP_TOKEN instead (kept out of `ps`). */
export function parseMcpArgs(argv: readonly string[], env: NodeJS.ProcessEnv): McpArgs | { error: string } | { help: true } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--token' && flag !== '--data-dir')
      return { error: `unknown option '${flag.slice(0, 40)}'; expected --token or --data-dir` };
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return { error: `${flag} needs a value` };
    values.set(flag, value);
  }
  const token = values.get('--token') ?? env.TRADEWIND_MCP_TOKEN;
  if (!token) return { error: 'no agent token: pass --token <token> or set TRADEWIND_MCP_TOKEN (create one in Tradewind → Agents)' };
  return { token, ...(values.has('--data-dir') ? { dataDir: values.get('--data-dir') } : {}) };
}

/**
 * `tradewind mcp`: opens its own core on the data folder, checks the token once, then serves MCP
 * over stdio until the client closes it. When a desktop app or headless host holds the folder
 * (the lock refuses a second core) and advertises its /mcp, it relays to that host instead;
 * a holder that serves no MCP is named, with what to do.
 */
export async function runMcpStdio(
  argv: readonly string[],
  io: { stderr: (text: string) => void; env: NodeJS.ProcessEnv },
): Promise<number> {
  const args = parseMcpArgs(argv, io.env);
  if ('help' in args) {
    io.stderr(MCP_USAGE);
    return 0;
  }
  if ('error' in args) {
    io.stderr(`tradewind mcp: ${args.error}\n${MCP_USAGE}`);
    return 2;
  }
  const dataDir = resolveDataDir(args.dataDir);
  // The first stderr line says which core this is: core's own start-up lines wait behind it.
  let held: string[] | null = [];
  const coreLog = (line: string) => (held ? held.push(line) : io.stderr(`[core] ${line}\n`));
  const released = () => {
    for (const line of held ?? []) io.stderr(`[core] ${line}\n`);
    held = null;
  };
  let core: Core;
  try {
    core = await createCore({ host: 'server', dataDir, log: coreLog });
  } catch (error) {
    if (error instanceof DataFolderLockedError) {
      const endpoint = error.holder ? readMcpEndpoint(dataDir, error.holder.pid) : undefined;
      if (endpoint) {
        // The first line says which core answers: the running host's, through its /mcp.
        io.stderr(`tradewind mcp: connected to the running ${endpoint.host} (pid ${endpoint.pid}) at ${endpoint.url}; MCP over stdio\n`);
        released();
        await proxyStdioToHost(endpoint, args.token, (line) => io.stderr(`${line}\n`));
        return 0;
      }
      io.stderr(
        `tradewind mcp: no core of its own: ${error.message}\nA Tradewind is running on this folder and serves no MCP endpoint: turn on the desktop app's (Agents → MCP endpoint: pick a port, switch it on) and run this again, or connect the MCP client to a headless host's http://<host>:<port>/mcp with "Authorization: Bearer <agent token>" (see the README).\n`,
      );
      released();
      return 1;
    }
    released();
    throw error;
  }
  io.stderr(`tradewind mcp: own core on ${dataDir} (no other Tradewind holds it); MCP over stdio\n`);
  released();
  const sessionId = `mcp-stdio-${randomUUID()}`;
  const call = (method: string, input: unknown) => core.invoke(method, input, { sessionId, agentToken: args.token });
  const check = await call('accounts.list', undefined);
  if (!check.ok && check.error.code === 'auth') {
    io.stderr(`tradewind mcp: ${check.error.message}\n`);
    await core.close();
    return 1;
  }
  const server = createTradewindMcpServer(call);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.connect(new StdioServerTransport());
  await closed;
  await server.close().catch(() => undefined);
  core.endSession(sessionId);
  await core.close();
  return 0;
}
