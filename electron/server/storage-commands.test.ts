import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsDir, createBackup, listBackups } from '../core/db/backups';
import { acquireDataFolderLock } from '../core/db/data-folder-lock';
import { corruptPage, dbFile, populate } from '../core/db/testing/damage';
import { makeTempDir } from '../core/test-support/temp-dir';
import { runStrategyCli } from './strategy-commands';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runStrategyCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const settingsRows = (dir: string): number => {
  const db = new Database(dbFile(dir), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'row-%'").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('tradewind backup / check / restore', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('backs up, detects a corrupted page, and restores the newest good backup', async () => {
    temp = makeTempDir();
    populate(temp.dir).close();
    const backup = await cli('backup', '--data-dir', temp.dir);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toMatch(/^Backup written: .*-manual\.sqlite \(\d+ KB\)\n$/);
    expect(await cli('check', '--data-dir', temp.dir)).toMatchObject({ code: 0 });

    corruptPage(dbFile(temp.dir));
    const damaged = await cli('check', '--data-dir', temp.dir);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(/DAMAGED \(integrity_check\)/);
    expect(damaged.stdout).toContain(`tradewind restore --latest --data-dir ${temp.dir}`);
    expect((await cli('backup', '--data-dir', temp.dir)).code).toBe(1); // a damaged file is not copied over good backups
    expect(listBackups(temp.dir)).toHaveLength(1);

    const restored = await cli('restore', '--latest', '--data-dir', temp.dir);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toMatch(/The replaced database is kept as .*tradewind\.sqlite\.before-restore-/);
    expect((await cli('check', '--data-dir', temp.dir)).code).toBe(0);
    expect(settingsRows(temp.dir)).toBe(2_000);
  });

  it('--latest skips a damaged newest backup; --from takes a path or a name in backups/', async () => {
    temp = makeTempDir();
    const db = populate(temp.dir, 300);
    const older = await createBackup(db, temp.dir, 'daily', { now: Date.UTC(2026, 0, 1) });
    const newer = await createBackup(db, temp.dir, 'manual', { now: Date.UTC(2026, 0, 2) });
    db.close();
    corruptPage(newer.file);
    const latest = await cli('restore', '--latest', '--data-dir', temp.dir);
    expect(latest.code).toBe(0);
    expect(latest.stdout).toContain(older.file);
    expect((await cli('restore', '--from', older.name, '--data-dir', temp.dir)).code).toBe(0);
    const refused = await cli('restore', '--from', newer.file, '--data-dir', temp.dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is damaged itself/);
  });

  it('refuses to restore while a Tradewind holds the data folder', async () => {
    temp = makeTempDir();
    const db = populate(temp.dir, 10);
    await createBackup(db, temp.dir, 'manual');
    db.close();
    const before = fs.readFileSync(dbFile(temp.dir));
    const lock = acquireDataFolderLock(temp.dir, { host: 'tradewind serve' });
    try {
      const refused = await cli('restore', '--latest', '--data-dir', temp.dir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/is in use by pid \d+ \(tradewind serve/);
    } finally {
      lock.release();
    }
    expect(fs.readFileSync(dbFile(temp.dir)).equals(before)).toBe(true);
  });

  it('exits 2 on bad input, saying what was wrong', async () => {
    temp = makeTempDir();
    expect(await cli('restore', '--data-dir', temp.dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/restore needs --from FILE or --latest/),
    });
    expect(await cli('restore', '--latest', '--from', 'x', '--data-dir', temp.dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/either --from or --latest/),
    });
    expect(await cli('backup', '--data-dir', temp.dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/there is no database in/),
    });
    expect(await cli('check', '--data-dir', temp.dir)).toMatchObject({ code: 2 });
    expect(await cli('restore', '--latest', '--data-dir', temp.dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/there are no backups in/),
    });
    expect(await cli('restore', '--from', path.join(temp.dir, 'nope.sqlite'), '--data-dir', temp.dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/does not exist/),
    });
    expect(await cli('check', '--verbose')).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown argument '--verbose'/) });
    expect(fs.existsSync(backupsDir(temp.dir))).toBe(false);
  });
});
