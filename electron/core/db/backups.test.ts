import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { BACKUP_RETENTION, backupName, backupsDir, createBackup, dailyBackupDue, DAY_MS, listBackups, parseBackupName } from './backups';
import { openDatabase } from './connection';
import { DatabaseRefusedError } from './database-errors';
import { MIGRATIONS } from './migrations';
import { PENDING_RESTORE_FILE, RESTORED_MARKER_FILE, restoreDatabase, restoreHoldingFolder, RestoreRefusedError } from './restore';
import { openStorage } from './storage';
import { corruptPage, dbFile, populate } from './testing/damage';

const quiet = () => {};
const rows = (dir: string): number => {
  const db = new Database(dbFile(dir), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'row-%'").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('backup names', () => {
  it('sort by time and say why', () => {
    const at = Date.UTC(2026, 11, 6, 1, 2, 3, 45);
    expect(backupName(at, 'daily')).toBe('tradewind-2026-12-06T01-02-03-045Z-daily.sqlite');
    expect(backupName(at, 'pre-migration', 12)).toBe('tradewind-2026-12-06T01-02-03-045Z-pre-migration-v12.sqlite');
    expect(parseBackupName(backupName(at, 'pre-migration', 12))).toEqual({ at, reason: 'pre-migration', schemaVersion: 12 });
    expect(parseBackupName('notes.txt')).toBeUndefined();
    expect([backupName(at + 1, 'manual'), backupName(at, 'daily')].sort()[0]).toBe(backupName(at, 'daily'));
  });
});

describe('backups', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('copies a live database consistently while it is written, and keeps the last N of each reason', async () => {
    temp = makeTempDir();
    const db = populate(temp.dir, 500);
    const day0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < BACKUP_RETENTION.daily + 2; i++) {
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(`extra-${i}`, 'v');
      await createBackup(db, temp.dir, 'daily', { now: day0 + i * DAY_MS });
    }
    await createBackup(db, temp.dir, 'manual', { now: day0 });
    db.close();
    const list = listBackups(temp.dir);
    expect(list.filter((b) => b.reason === 'daily')).toHaveLength(BACKUP_RETENTION.daily);
    expect(list.filter((b) => b.reason === 'manual')).toHaveLength(1);
    expect(list[0]!.at).toBe(day0 + (BACKUP_RETENTION.daily + 1) * DAY_MS); // newest first; the two oldest dailies went
    const newest = new Database(list[0]!.file, { readonly: true });
    expect(newest.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'extra-%'").get()).toEqual({ n: BACKUP_RETENTION.daily + 2 });
    newest.close();
    // Only the backups themselves: no .partial, no -wal/-shm left by writing or checking them.
    expect(fs.readdirSync(backupsDir(temp.dir)).every((name) => name.endsWith('.sqlite'))).toBe(true);
  });

  it('is due daily, and at start when the newest backup is older than a day', async () => {
    temp = makeTempDir();
    expect(dailyBackupDue([], 0)).toBe(true);
    populate(temp.dir, 50).close();
    const now = Date.UTC(2026, 5, 1);
    fs.mkdirSync(backupsDir(temp.dir));
    fs.copyFileSync(dbFile(temp.dir), path.join(backupsDir(temp.dir), backupName(now - DAY_MS - 1, 'daily')));
    const storage = await openStorage(temp.dir, { log: quiet, now: () => now });
    await storage.startupBackup;
    const list = listBackups(temp.dir);
    expect(list.map((b) => b.at)).toEqual([now, now - DAY_MS - 1]);
    expect(dailyBackupDue(list, now + DAY_MS - 1)).toBe(false);
    await storage.close();
    const again = await openStorage(temp.dir, { log: quiet, now: () => now + 1000 });
    await again.startupBackup;
    expect(listBackups(temp.dir)).toHaveLength(2); // the one from a second ago is young enough
    await again.close();
  });

  it('backs up before every migration, named after the schema it saved', async () => {
    temp = makeTempDir();
    const db = openDatabase(temp.dir);
    db.prepare("INSERT INTO settings (key, value) VALUES ('keep', 'me')").run();
    db.close();
    const next = [...MIGRATIONS, 'CREATE TABLE later (id INTEGER PRIMARY KEY);'];
    const storage = await openStorage(temp.dir, { log: quiet, migrations: next });
    await storage.startupBackup;
    const pre = listBackups(temp.dir).filter((b) => b.reason === 'pre-migration');
    expect(pre).toHaveLength(1);
    expect(pre[0]!.schemaVersion).toBe(MIGRATIONS.length);
    expect(pre[0]!.name).toMatch(new RegExp(`-pre-migration-v${MIGRATIONS.length}\\.sqlite$`));
    const saved = new Database(pre[0]!.file, { readonly: true });
    expect(saved.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(saved.prepare("SELECT value FROM settings WHERE key = 'keep'").get()).toEqual({ value: 'me' });
    saved.close();
    expect(storage.db.pragma('user_version', { simple: true })).toBe(next.length);
    await storage.close();
  });

  it('restores a corrupted database from a backup: refused before, the damaged file kept aside, the data back after', async () => {
    temp = makeTempDir();
    const db = populate(temp.dir);
    const good = await createBackup(db, temp.dir, 'daily');
    db.close();
    corruptPage(dbFile(temp.dir));
    expect(() => openDatabase(temp.dir)).toThrow(DatabaseRefusedError);

    const outcome = restoreDatabase(temp.dir, good.file, Date.UTC(2026, 11, 6, 2));
    expect(outcome.keptAs).toBe(`${dbFile(temp.dir)}.before-restore-2026-12-06T02-00-00-000Z`);
    expect(fs.existsSync(outcome.keptAs!)).toBe(true);
    const reopened = openDatabase(temp.dir);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
    expect(rows(temp.dir)).toBe(2_000);
  });

  it('refuses to restore a damaged backup and leaves the live database alone', async () => {
    temp = makeTempDir();
    const db = populate(temp.dir);
    const backup = await createBackup(db, temp.dir, 'manual');
    db.close();
    corruptPage(backup.file);
    const before = fs.readFileSync(dbFile(temp.dir));
    expect(() => restoreDatabase(temp.dir, backup.file)).toThrow(RestoreRefusedError);
    expect(() => restoreDatabase(temp.dir, backup.file)).toThrow(/damaged itself/);
    expect(fs.readFileSync(dbFile(temp.dir)).equals(before)).toBe(true);
  });

  it('a restore asked for by the app is verified now and applied at the next start', async () => {
    temp = makeTempDir();
    const storage = await openStorage(temp.dir, { log: quiet });
    storage.db.prepare("INSERT INTO settings (key, value) VALUES ('when', 'before')").run();
    const backup = await storage.backup('manual');
    storage.db.prepare("UPDATE settings SET value = 'after' WHERE key = 'when'").run();
    expect(() => storage.requestRestore('../tradewind.sqlite')).toThrow(/no backup named/);
    storage.requestRestore(backup.name);
    expect(storage.info().pendingRestore?.backup).toBe(backup.name);
    await storage.close();

    const lines: string[] = [];
    const next = await openStorage(temp.dir, { log: (line) => lines.push(line) });
    expect(next.restoredAtStart?.restored).toBe(backup.file);
    expect(next.db.prepare("SELECT value FROM settings WHERE key = 'when'").get()).toEqual({ value: 'before' });
    expect(fs.existsSync(path.join(temp.dir, PENDING_RESTORE_FILE))).toBe(false);
    expect(lines.join('\n')).toMatch(/restored backup .*previous database is kept as/);
    await next.close();
  });

  it('live bots the restored backup recorded as running come back paused, with a bot event saying to resume them by hand', async () => {
    temp = makeTempDir();
    const storage = await openStorage(temp.dir, { log: quiet });
    storage.db.prepare("INSERT INTO accounts (id, label, exchange_id, kind, created_at) VALUES ('a1', 'Live', 'binance', 'live', 1)").run();
    const bot = storage.db.prepare(
      `INSERT INTO bots (id, name, kind, account_id, symbol, timeframe, mode, config_json, risk_json, state, state_json, created_at, updated_at)
       VALUES (?, ?, 'grid', 'a1', 'BTC/USDT', '1h', ?, '{}', '{}', ?, 'null', 1, 1)`,
    );
    bot.run('live-running', 'Live grid', 'live', 'running');
    bot.run('paper-running', 'Paper grid', 'paper', 'running');
    bot.run('live-stopped', 'Old grid', 'live', 'stopped');
    const backup = await storage.backup('manual');
    storage.requestRestore(backup.name);
    await storage.close();

    const lines: string[] = [];
    const next = await openStorage(temp.dir, { log: (line) => lines.push(line), now: () => 5_000 });
    const states = next.db.prepare('SELECT id, state, stop_detail AS detail FROM bots ORDER BY id').all();
    expect(states).toEqual([
      { id: 'live-running', state: 'paused', detail: 'Restored from a backup: resume by hand.' },
      { id: 'live-stopped', state: 'stopped', detail: null },
      { id: 'paper-running', state: 'running', detail: null },
    ]);
    expect(next.db.prepare('SELECT bot_id, at, level, message FROM bot_events').all()).toEqual([
      { bot_id: 'live-running', at: 5_000, level: 'warning', message: 'Paused. Restored from a backup: resume by hand.' },
    ]);
    expect(lines.join('\n')).toContain('paused the restored live bot(s) "Live grid": resume them by hand');
    await next.close();

    // Only the start that applies a restore pauses them: an ordinary start resumes what is running.
    const again = await openStorage(temp.dir, { log: quiet });
    again.db.prepare("UPDATE bots SET state = 'running' WHERE id = 'live-running'").run();
    await again.close();
    const later = await openStorage(temp.dir, { log: quiet });
    expect(later.db.prepare("SELECT state FROM bots WHERE id = 'live-running'").get()).toEqual({ state: 'running' });
    await later.close();
  });

  it('a restore from outside core (the CLI) pauses the restored live bots at the next start too', async () => {
    temp = makeTempDir();
    const storage = await openStorage(temp.dir, { log: quiet });
    storage.db.prepare("INSERT INTO accounts (id, label, exchange_id, kind, created_at) VALUES ('a1', 'Live', 'binance', 'live', 1)").run();
    storage.db
      .prepare(
        `INSERT INTO bots (id, name, kind, account_id, symbol, timeframe, mode, config_json, risk_json, state, state_json, created_at, updated_at)
         VALUES ('live-running', 'Live grid', 'grid', 'a1', 'BTC/USDT', '1h', 'live', '{}', '{}', 'running', 'null', 1, 1)`,
      )
      .run();
    const backup = await storage.backup('manual');
    await storage.close();

    restoreHoldingFolder(temp.dir, backup.file, 'tradewind restore');
    const next = await openStorage(temp.dir, { log: quiet });
    expect(next.db.prepare("SELECT state FROM bots WHERE id = 'live-running'").get()).toEqual({ state: 'paused' });
    expect(fs.existsSync(path.join(temp.dir, RESTORED_MARKER_FILE))).toBe(false);
    await next.close();
  });
});

describe('interrupted work', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('a restore cut short between its renames is finished at the next start; a leftover .partial backup is removed', async () => {
    temp = makeTempDir();
    const db = populate(temp.dir, 100);
    const backup = await createBackup(db, temp.dir, 'manual');
    db.close();
    // The state a crash leaves after the live file moved aside and before the copy moved in.
    fs.copyFileSync(backup.file, `${dbFile(temp.dir)}.restoring`);
    fs.renameSync(dbFile(temp.dir), `${dbFile(temp.dir)}.before-restore-x`);
    fs.writeFileSync(path.join(backupsDir(temp.dir), `${backup.name}.partial`), 'half a copy');

    const storage = await openStorage(temp.dir, { log: quiet });
    expect(storage.db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'row-%'").get()).toEqual({ n: 100 });
    expect(fs.existsSync(`${dbFile(temp.dir)}.restoring`)).toBe(false);
    expect(fs.readdirSync(backupsDir(temp.dir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
    await storage.close();
  });
});

describe('the backup before a migration', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('failing refuses the upgrade with the reason and leaves the database at its schema', async () => {
    temp = makeTempDir();
    openDatabase(temp.dir).close();
    // A regular file where the backups folder goes: the backup cannot be written (even as root).
    fs.writeFileSync(backupsDir(temp.dir), 'in the way');
    const next = [...MIGRATIONS, 'CREATE TABLE later (id INTEGER PRIMARY KEY);'];
    const refused = await openStorage(temp.dir, { log: quiet, migrations: next }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DatabaseRefusedError);
    expect((refused as Error).message).toMatch(
      new RegExp(
        `must upgrade the database .* \\(schema ${MIGRATIONS.length} to ${next.length}\\) and backs it up first, but the backup .* failed: .*Nothing was changed`,
      ),
    );
    const db = new Database(dbFile(temp.dir), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });
});

describe('a daily backup that cannot be written', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('is reported with the folder and the reason, and the database opens anyway', async () => {
    temp = makeTempDir();
    populate(temp.dir, 10).close();
    fs.writeFileSync(backupsDir(temp.dir), 'in the way');
    const storage = await openStorage(temp.dir, { log: quiet });
    await storage.startupBackup;
    // The start-up failure reaches a listener that subscribes afterwards (core wires it up later).
    const reported: string[] = [];
    storage.onBackupFailed((message) => reported.push(message));
    expect(reported).toHaveLength(1);
    expect(storage.info().lastBackupFailure?.message).toBe(reported[0]);
    expect(reported[0]).toMatch(new RegExp(`^The daily backup into ${backupsDir(temp.dir)} failed: .+\\. Older backups are kept`));
    expect(storage.db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'row-%'").get()).toEqual({ n: 10 });
    await storage.close();
  });
});
