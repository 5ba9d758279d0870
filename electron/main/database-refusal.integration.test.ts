/**
 * The desktop host on a damaged database (fake Electron, real core, the shipped main bundle): a
 * native dialog shows core's refusal and offers the newest good backup; choosing it restores the
 * backup (the damaged file kept aside) and relaunches; quitting leaves everything as it was.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, type BackupEntry } from '../core/db/backups';
import { checkFile } from '../core/db/integrity';
import { corruptPage, dbFile, populate } from '../core/db/testing/damage';
import { bundleConfigs } from '../../scripts/bundles.mjs';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(__dirname, 'test-fixtures');

interface Refused {
  exitCode: number;
  exits: unknown[];
  windows: number;
  messageBoxes: Array<{ message: string; detail: string; buttons: string[] }>;
}

describe('desktop host on a damaged database', { timeout: 60_000 }, () => {
  let dir: string;
  let dataDir: string;
  let good: BackupEntry;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tw-main-damaged-'));
    const main = bundleConfigs({ root: ROOT, quiet: true }).find((config) => config.outfile.endsWith(`${path.sep}main.cjs`));
    if (!main) throw new Error('scripts/bundles.mjs builds no main.cjs');
    await build({ ...main, outfile: path.join(dir, 'dist', 'electron', 'main.cjs'), sourcemap: false, logLevel: 'error' });
    symlinkSync(path.join(ROOT, 'assets'), path.join(dir, 'assets'), 'dir');
    mkdirSync(path.join(dir, 'node_modules', 'electron'), { recursive: true });
    copyFileSync(path.join(FIXTURES, 'fake-electron.cjs'), path.join(dir, 'node_modules', 'electron', 'index.js'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(dir, 'data-'));
    const db = populate(dataDir);
    good = await createBackup(db, dataDir, 'daily');
    db.close();
    corruptPage(dbFile(dataDir));
  });

  async function start(response: number): Promise<Refused> {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(FIXTURES, 'drive-main.cjs'), path.join(dir, 'dist', 'electron', 'main.cjs'), 'refused'],
      {
        timeout: 30_000,
        env: {
          ...process.env,
          NODE_PATH: path.join(ROOT, 'node_modules'),
          TRADEWIND_DATA_DIR: dataDir,
          TRADEWIND_OFFLINE: '1',
          TRADEWIND_ASSETS_DIR: '',
          FAKE_MESSAGE_BOX_RESPONSE: String(response),
        },
      },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Refused;
  }

  it('shows the refusal with the backup it offers; Quit leaves the damaged file untouched', async () => {
    const before = readFileSync(dbFile(dataDir));
    const refused = await start(0);
    expect(refused.windows).toBe(0);
    expect(refused.messageBoxes).toHaveLength(1);
    const box = refused.messageBoxes[0]!;
    expect(box.message).toBe('The database is damaged. Restore the newest good backup?');
    expect(box.detail).toContain(`The database ${dbFile(dataDir)} is damaged`);
    expect(box.detail).toContain(good.name);
    expect(box.buttons).toEqual(['Quit', 'Restore and restart']);
    expect(refused.exits).toEqual([1]);
    expect(readFileSync(dbFile(dataDir)).equals(before)).toBe(true);
  });

  it('Restore and restart puts the backup in place, keeps the damaged file aside and relaunches', async () => {
    const refused = await start(1);
    expect(refused.exits).toEqual(['relaunch', 0]);
    expect(checkFile(dbFile(dataDir), 'full')).toEqual({ ok: true, problems: [] });
    // The damaged file, with its write-ahead log if it had one.
    expect(
      readdirSync(dataDir).filter((name) => name.startsWith('tradewind.sqlite.before-restore-') && !name.endsWith('-wal')),
    ).toHaveLength(1);
    expect(existsSync(good.file)).toBe(true);
  });
});
