import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { injectStorageFaults } from '../test-support/storage-faults';
import { makeTempDir } from '../test-support/temp-dir';
import { openDatabase, type Db } from './connection';
import { StorageHealth, storageProblemOf, type StorageFailure } from './storage-health';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function folder(): { dir: string; db: Db } {
  const temp = makeTempDir();
  const db = openDatabase(temp.dir);
  cleanups.push(() => {
    db.close();
    temp.cleanup();
  });
  return { dir: temp.dir, db };
}

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('storageProblemOf on errors SQLite really raises', () => {
  it('a database that may not grow is "full"; a query-only one "read_only"; a write lock held elsewhere "busy"; a constraint is none of them', () => {
    const { dir } = folder();
    const raw = new Database(`${dir}/scratch.sqlite`);
    cleanups.push(() => raw.close());
    raw.exec('CREATE TABLE t (v TEXT NOT NULL)');
    raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true }) as number}`);
    const full = thrown(() => {
      for (let i = 0; i < 10_000; i++) raw.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(500));
    });
    expect(storageProblemOf(full)).toEqual({ problem: 'full', sqliteCode: 'SQLITE_FULL' });

    raw.pragma('query_only = 1');
    expect(storageProblemOf(thrown(() => raw.prepare('DELETE FROM t').run()))).toEqual({
      problem: 'read_only',
      sqliteCode: 'SQLITE_READONLY',
    });
    raw.pragma('query_only = 0');

    const other = new Database(`${dir}/scratch.sqlite`);
    cleanups.push(() => other.close());
    other.pragma('busy_timeout = 0');
    raw.exec('BEGIN IMMEDIATE');
    expect(storageProblemOf(thrown(() => other.prepare('DELETE FROM t').run()))).toEqual({ problem: 'busy', sqliteCode: 'SQLITE_BUSY' });
    raw.exec('ROLLBACK');

    expect(storageProblemOf(thrown(() => raw.prepare('INSERT INTO t VALUES (NULL)').run()))).toBeNull();
    expect(storageProblemOf(new Error('boom'))).toBeNull();
  });
});

describe('StorageHealth', () => {
  it('records since when writes fail, refuses with the specific code, and sees a freed disk at the next probe', () => {
    const { dir, db } = folder();
    let now = 1_000;
    const health = new StorageHealth({ db, dataDir: dir, log: () => {}, now: () => now });
    const seen: Array<[StorageFailure | null, StorageFailure | null]> = [];
    health.onChange((failure, previous) => seen.push([failure, previous]));
    const disk = injectStorageFaults(db);
    disk.fail('SQLITE_FULL');

    const error = health.noteFailure(
      thrown(() => db.prepare("INSERT INTO audit_log (at, kind, summary) VALUES (1, 'x', 'y')").run()),
      'save a strategy',
    );
    expect(error).toMatchObject({ code: 'storage_full' });
    expect(error?.message).toBe(
      `Tradewind cannot save a strategy: disk full in ${dir}. Nothing was changed. Free space on the disk holding ${dir}; bots paused for this resume by themselves once Tradewind can write again.`,
    );
    expect(health.failing).toMatchObject({ problem: 'full', sqliteCode: 'SQLITE_FULL', since: 1_000, cause: `disk full in ${dir}` });
    expect(seen).toHaveLength(1);

    now = 2_000;
    expect(() => health.assertWritable('place an order')).toThrow(expect.objectContaining({ code: 'storage_full' }));
    expect(health.failing?.since).toBe(1_000);

    disk.heal();
    expect(health.probe()).toBe(true);
    expect(health.failing).toBeNull();
    expect(seen.map(([failure, previous]) => [failure?.problem ?? null, previous?.problem ?? null])).toEqual([
      ['full', null],
      [null, 'full'],
    ]);
    expect(() => health.assertWritable('place an order')).not.toThrow();
  });

  it('a disk on the edge (fails again right after it came back) is probed less and less often, not every tick', () => {
    const { dir, db } = folder();
    let now = 0;
    const health = new StorageHealth({ db, dataDir: dir, log: () => {}, now: () => now });
    const disk = injectStorageFaults(db);
    const fullError = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    health.noteFailure(fullError);
    expect(health.probe()).toBe(true); // the disk is not failing yet: the first probe writes and succeeds
    now = 10_000;
    health.noteFailure(fullError); // relapse within a minute
    disk.fail('SQLITE_FULL');
    const tried = disk.refused;
    expect(health.probe()).toBe(false);
    expect(disk.refused).toBe(tried); // waited: no write tried
    now = 11_000;
    expect(health.probe()).toBe(false);
    expect(disk.refused).toBe(tried + 1); // tried after 1 s, still full
    disk.heal();
    expect(health.probe()).toBe(true);
    now = 12_000;
    health.noteFailure(fullError); // second relapse: 2 s
    now = 13_000;
    expect(health.probe()).toBe(false);
    now = 14_000;
    expect(health.probe()).toBe(true);
  });
});
