/**
 * The README's environment-variable table must name every TRADEWIND_* variable the code reads,
 * so a newcomer never has to grep for a setting (it had drifted: TRADEWIND_REFERENCE_API was missing).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['electron', 'shared', 'renderer', 'scripts', 'e2e', 'bench', 'bin'];
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
// A variable is read through `env.X`, `env['X']` or named in a string (spawn options, fixtures).
const READ = /(?:env\.|env\[\s*['"`]|['"`])(TRADEWIND_[A-Z0-9_]+)/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE_FILE.test(name)) out.push(full);
  }
  return out;
}

function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  const files = [...SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir))), path.join(ROOT, 'playwright.config.ts')];
  for (const file of files) {
    if (file === __filename) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(READ)) {
      if (!found.has(match[1]!)) found.set(match[1]!, path.relative(ROOT, file));
    }
  }
  return found;
}

/** Variables named in the first column of the README's one `| variable | effect |` table. */
function readmeTable(): Set<string> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('| variable | effect |');
  expect(start, 'README has the environment-variable table').toBeGreaterThan(-1);
  const rows = readme.slice(start).split('\n').slice(2);
  const names = new Set<string>();
  for (const row of rows) {
    if (!row.startsWith('|')) break;
    for (const name of row.split('|')[1]!.matchAll(/TRADEWIND_[A-Z0-9_]+/g)) names.add(name[0]);
  }
  return names;
}

describe('README environment variables', () => {
  it('has exactly one variable table', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme.split('| variable | effect |').length - 1).toBe(1);
  });

  it('names every TRADEWIND_* variable the code reads', () => {
    const documented = readmeTable();
    const missing = [...variablesRead()].filter(([name]) => !documented.has(name)).map(([name, file]) => `${name} (read in ${file})`);
    expect(missing).toEqual([]);
  });
});
