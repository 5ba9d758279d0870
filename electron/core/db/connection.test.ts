import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { openDatabase } from './connection';
import { MIGRATIONS } from './migrations';

describe('openDatabase', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('creates the schema on first open and keeps data across reopen', () => {
    temp = makeTempDir();
    const db = openDatabase(temp.dir);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    db.close();
    const again = openDatabase(temp.dir);
    expect(again.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: 'v' });
    again.close();
  });

  it('applies only the new migrations of a later build', () => {
    temp = makeTempDir();
    openDatabase(temp.dir).close();
    const next = [...MIGRATIONS, 'CREATE TABLE extra (id INTEGER PRIMARY KEY);'];
    const db = openDatabase(temp.dir, next);
    expect(db.pragma('user_version', { simple: true })).toBe(next.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ name: 'extra' });
    db.close();
  });

  it('refuses a data folder written by a newer schema instead of corrupting it', () => {
    temp = makeTempDir();
    const db = openDatabase(temp.dir);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => openDatabase(temp.dir)).toThrow(/newer Tradewind/);
  });

  it('rolls back a failing migration as a whole', () => {
    temp = makeTempDir();
    openDatabase(temp.dir).close();
    const broken = [...MIGRATIONS, 'CREATE TABLE half (id INTEGER); THIS IS NOT SQL;'];
    expect(() => openDatabase(temp.dir, broken)).toThrow();
    const db = openDatabase(temp.dir);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });
});
