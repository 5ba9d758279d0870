import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseRefusedError, unopenableError } from './database-errors';
import { isNativeModuleLoadError, sqliteModuleMessage } from './native-module-error';

const require = createRequire(__filename);

/** The error the runtime really throws for `.node` files that cannot load. */
function loadError(file: string): Error {
  try {
    require(file);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${file} loaded`);
}

describe("SQLite's native module failing to load", () => {
  let dir: string;
  let notAnAddon: Error;
  let missing: Error;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tw-native-error-'));
    // What a binary for another OS or processor looks like to this one: not loadable.
    writeFileSync(path.join(dir, 'better_sqlite3.node'), 'MZ this is no addon for this platform');
    notAnAddon = loadError(path.join(dir, 'better_sqlite3.node'));
    // No prebuilt binary for this platform: better-sqlite3 then asks for build/Release.
    missing = loadError(path.join(dir, 'build', 'Release', 'better_sqlite3.node'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is told apart from SQLite refusing a file', () => {
    expect(isNativeModuleLoadError(notAnAddon)).toBe(true);
    expect(isNativeModuleLoadError(missing)).toBe(true);
    const abi = new Error(
      "The module '/x/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 150.",
    );
    expect(isNativeModuleLoadError(abi)).toBe(true);
    const cantOpen = Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
    expect(isNativeModuleLoadError(cantOpen)).toBe(false);
    expect(isNativeModuleLoadError(Object.assign(new Error("Cannot find module 'zod'"), { code: 'MODULE_NOT_FOUND' }))).toBe(false);
  });

  it('says it is not the data, names the runtime, and says to run npm ci with Node 24', () => {
    const electron = { ...process, versions: { ...process.versions, electron: '45.4.1' } } as NodeJS.Process;
    const message = sqliteModuleMessage(notAnAddon, electron);
    expect(message).toContain("SQLite's native module (better-sqlite3) could not be loaded into Electron 45.4.1");
    expect(message).toContain(`on ${process.platform}-${process.arch}`);
    expect(message).toContain('This is not a problem with your data.');
    expect(message).toContain('run `npm ci` again with Node.js 24 LTS (see .nvmrc)');
    expect(sqliteModuleMessage(missing)).toContain(`loaded into Node ${process.version}`);
  });

  it('is what opening the database reports instead of advice about the file', () => {
    const refused = unopenableError('/data/tradewind.sqlite', notAnAddon);
    expect(refused).toBeInstanceOf(DatabaseRefusedError);
    expect(refused.message).toMatch(/^SQLite's native module \(better-sqlite3\) could not be loaded/);
    expect(refused.message).not.toContain('Check the file');
    const locked = unopenableError('/data/tradewind.sqlite', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
    expect(locked.message).toContain('Another program holds it');
  });
});
