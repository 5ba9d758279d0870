#!/usr/bin/env node
/**
 * `tradewind serve [--port N] [--host H]` runs the headless host;
 * `tradewind backtest ...` and `tradewind validate ...` run the strategy CLI;
 * `tradewind backup|check|restore ...` look after the database;
 * `tradewind diagnostics --out FILE` writes a redacted bundle for a bug report;
 * `tradewind mcp --token T` serves MCP over stdio for an AI assistant (agent token from the app);
 * `tradewind worker --redis URL` runs optimiser sweep chunks from a Redis queue (the CLI bundle).
 * Both are bundles built by `npm run build` into dist/electron/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.resolve(import.meta.dirname, '../dist/electron');
const [command, ...rest] = process.argv.slice(2);

function load(bundle) {
  const file = path.join(dist, bundle);
  if (!fs.existsSync(file)) {
    process.stderr.write(`Tradewind is not built (${path.relative(process.cwd(), file)} is missing). Run \`npm run build\` first.\n`);
    process.exit(2);
  }
  return import(pathToFileURL(file).href);
}

if (command === 'serve') {
  // The server reads its flags from process.argv: drop the subcommand.
  process.argv = [process.argv[0], process.argv[1], ...rest];
  await load('server.mjs');
} else if (command === 'mcp') {
  // MCP over stdio for an AI assistant: stdout is the protocol, so nothing else may print there.
  process.argv = [process.argv[0], process.argv[1], ...rest];
  await load('mcp.mjs');
} else if (command === undefined || command === '--help' || command === '-h') {
  process.stdout.write(
    'Usage: tradewind serve [--port N] [--host H]\n       tradewind backtest --help\n       tradewind validate --strategy FILE.json\n       tradewind backup | check | restore (--from FILE | --latest)  [--data-dir DIR]\n       tradewind diagnostics --out FILE [--lines N] [--data-dir DIR]\n       tradewind mcp --token TOKEN [--data-dir DIR]\n       tradewind worker --redis redis://HOST:6379\n       tradewind serve --help\n',
  );
  process.exit(command === undefined ? 2 : 0);
} else {
  await load('cli.mjs');
}
