/**
 * The desktop app when SQLite's native module cannot load (node_modules from another Node, OS or
 * processor): the real main bundle, built as scripts/bundles.mjs builds it, runs against the fake
 * Electron (test-fixtures/fake-electron.cjs) and a better-sqlite3 whose binary really fails to
 * load. The person must get a native error box that says what to do, not advice about the data
 * folder, and no window.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleConfigs } from '../../scripts/bundles.mjs';

const ROOT = path.resolve(__dirname, '../..');

describe('desktop app start when SQLite cannot load', { timeout: 60_000 }, () => {
  let dir: string;
  let result: { code: number; exits: unknown[]; windows: number };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tw-sqlite-load-'));
    const main = bundleConfigs({ root: ROOT, quiet: true }).find((config) => config.outfile.endsWith(`${path.sep}main.cjs`));
    if (!main) throw new Error('scripts/bundles.mjs builds no main.cjs');
    const bundle = path.join(dir, 'dist', 'electron', 'main.cjs');
    await build({ ...main, outfile: bundle, sourcemap: false, logLevel: 'error' });
    // Next to the bundle, found before the project's node_modules: the fake Electron, and a
    // better-sqlite3 whose binary is not one this machine can load (as if copied from another OS).
    const modules = path.join(dir, 'node_modules');
    mkdirSync(path.join(modules, 'electron'), { recursive: true });
    copyFileSync(path.join(__dirname, 'test-fixtures', 'fake-electron.cjs'), path.join(modules, 'electron', 'index.js'));
    mkdirSync(path.join(modules, 'better-sqlite3', 'prebuilds'), { recursive: true });
    writeFileSync(
      path.join(modules, 'better-sqlite3', 'prebuilds', `${process.platform}-${process.arch}.node`),
      'not a binary for this platform',
    );
    writeFileSync(
      path.join(modules, 'better-sqlite3', 'index.js'),
      `module.exports = function Database() { require(${JSON.stringify(path.join(modules, 'better-sqlite3', 'prebuilds', `${process.platform}-${process.arch}.node`))}); };\n`,
    );
    const driver = [
      'globalThis.__onFakeExit = (code) => {',
      '  const r = globalThis.__fakeElectron;',
      '  process.stdout.write(JSON.stringify({ code, exits: r.exits, windows: r.windows.length }) + "\\n");',
      '  process.exit(0);',
      '};',
      `require(${JSON.stringify(bundle)});`,
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', driver], {
      env: {
        ...process.env,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        TRADEWIND_DATA_DIR: path.join(dir, 'data'),
        TRADEWIND_OFFLINE: '1',
        TRADEWIND_ASSETS_DIR: '',
      },
    });
    result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as typeof result;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows an error box that says to run npm ci with Node 24, opens no window and exits 1', () => {
    expect(result.windows).toBe(0);
    expect(result.code).toBe(1);
    const [box] = result.exits as string[];
    expect(box).toMatch(/^error: Tradewind could not start: SQLite's native module \(better-sqlite3\) could not be loaded into Node /);
    expect(box).toContain('This is not a problem with your data.');
    expect(box).toContain('run `npm ci` again with Node.js 24 LTS (see .nvmrc)');
    expect(box).not.toContain('data folder is writable');
  });
});
