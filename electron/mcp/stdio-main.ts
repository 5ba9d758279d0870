/**
 * Entry of dist/electron/mcp.mjs (`tradewind mcp --token T`). Runs on import, because
 * bin/tradewind.mjs imports the bundle. stdout is the MCP protocol: everything else goes to stderr.
 */
import { runMcpStdio } from './stdio-command';

const code = await runMcpStdio(process.argv.slice(2), { stderr: (text) => process.stderr.write(text), env: process.env });
process.exit(code);
