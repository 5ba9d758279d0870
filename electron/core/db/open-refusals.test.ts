import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { createBackup } from './backups';
import { DB_FILE_NAME, openDatabase } from './connection';
import { DatabaseRefusedError } from './database-errors';
import { corruptPage, dbFile, fingerprint, populate } from './testing/damage';

/** What openDatabase threw, as a DatabaseRefusedError (a raw SqliteError fails the test). */
function refusal(dataDir: string): DatabaseRefusedError {
  try {
    openDatabase(dataDir).close();
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(DatabaseRefusedError);
    return error as DatabaseRefusedError;
  }
  throw new Error('openDatabase accepted the file');
}

describe('openDatabase refuses a file it must not use, saying which file, what is wrong and what to do', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('a read-only file', () => {
    temp = makeTempDir();
    populate(temp.dir, 10).close();
    const file = dbFile(temp.dir);
    fs.chmodSync(file, 0o444);
    const before = fingerprint(file);
    const error = refusal(temp.dir);
    expect(error.problem).toBe('read_only');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/read-only/);
    expect(error.message).toMatch(/writable/);
    expect(fingerprint(file)).toBe(before);
  });

  it('a truncated file', () => {
    temp = makeTempDir();
    populate(temp.dir).close();
    const file = dbFile(temp.dir);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const before = fingerprint(file);
    const error = refusal(temp.dir);
    expect(error.problem).toBe('truncated');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/truncated/);
    expect(error.message).toMatch(/no good backup/);
    expect(fingerprint(file)).toBe(before);
  });

  it('a garbage file', () => {
    temp = makeTempDir();
    const file = path.join(temp.dir, DB_FILE_NAME);
    fs.writeFileSync(file, Buffer.alloc(8192, 0xa7));
    const error = refusal(temp.dir);
    expect(error.problem).toBe('not_sqlite');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a SQLite database/);
    expect(error.message).toMatch(/move it out of the data folder/);
    expect(fs.readFileSync(file).equals(Buffer.alloc(8192, 0xa7))).toBe(true);
  });

  it('a foreign file that is not SQLite (a text file under our name)', () => {
    temp = makeTempDir();
    const file = path.join(temp.dir, DB_FILE_NAME);
    fs.writeFileSync(file, 'These are my notes, not a database.\n');
    const error = refusal(temp.dir);
    expect(error.problem).toBe('not_sqlite');
    expect(error.message).toContain('"These are my not');
    expect(fs.readFileSync(file, 'utf8')).toBe('These are my notes, not a database.\n');
  });

  it("another application's SQLite database", () => {
    temp = makeTempDir();
    const file = path.join(temp.dir, DB_FILE_NAME);
    const other = new Database(file);
    other.exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.org')");
    other.close();
    const before = fingerprint(file);
    const error = refusal(temp.dir);
    expect(error.problem).toBe('foreign');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/another application \(it has tables moz_places/);
    expect(fingerprint(file)).toBe(before);
  });

  it('a damaged database: refused by the start-up quick_check, never written, and the message names good backups and the restore command', async () => {
    temp = makeTempDir();
    const db = populate(temp.dir);
    const good = await createBackup(db, temp.dir, 'daily');
    db.close();
    const file = dbFile(temp.dir);
    corruptPage(file);
    const before = fingerprint(file);
    const beforeSize = fs.statSync(file).size;
    const error = refusal(temp.dir);
    expect(error.problem).toBe('damaged');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/quick_check/);
    expect(error.message).toContain(good.name);
    expect(error.goodBackups).toEqual([good.file]);
    expect(error.message).toContain(`tradewind restore --from ${good.file} --data-dir ${temp.dir}`);
    expect(fingerprint(file)).toBe(before);
    expect(fs.statSync(file).size).toBe(beforeSize);
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('keeps accepting an empty SQLite file and a healthy database', () => {
    temp = makeTempDir();
    new Database(dbFile(temp.dir)).close();
    const db = openDatabase(temp.dir);
    expect(db.pragma('application_id', { simple: true })).toBe(0x54574e44);
    db.close();
    openDatabase(temp.dir).close();
  });
});
