#!/usr/bin/env node
/**
 * Refuses to go on under a Node older than package.json "engines" (run first by `npm start`,
 * `npm run serve` and `npm test`), with what to do, instead of a crash deep in a native module
 * (better-sqlite3 13 needs Node 22+; Tradewind is built and tested on Node 24 LTS).
 * Written for old Nodes too: nothing newer than Node 14 syntax.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Null when `version` (e.g. v24.11.0) satisfies `range` (">=X.Y.Z"), else what is wrong and what to do. */
export function nodeVersionProblem(version, range, execPath = '') {
  const want = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(String(range).trim());
  if (!want) return `package.json engines.node is "${range}"; scripts/check-node.mjs understands only ">=X.Y.Z".`;
  const have = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!have) return `cannot read the Node version "${version}".`;
  for (let i = 1; i <= 3; i += 1) {
    if (Number(have[i]) > Number(want[i])) return null;
    if (Number(have[i]) < Number(want[i])) {
      const where = execPath ? ` (${execPath})` : '';
      return (
        `Tradewind needs Node.js ${want[1]} LTS, ${want[1]}.${want[2]}.${want[3]} or newer (package.json engines: ${range}); this is Node ${version}${where}.\n` +
        `Install Node ${want[1]} (with nvm or fnm: \`nvm install\` in this folder reads .nvmrc), then run \`npm ci\` again: ` +
        'node_modules installed by another Node may not fit.'
      );
    }
  }
  return null;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const range = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node ?? '';
  const problem = nodeVersionProblem(process.version, range, process.execPath);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}
