/**
 * Group commit on a real SQLite file: writes asked for in one burst share one transaction, a write
 * that throws is rolled back alone, and nobody is answered before the commit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CommitGroup } from './commit-group';

let dir: string | undefined;
let db: Database.Database | undefined;
afterEach(() => {
  db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  db = undefined;
  dir = undefined;
});

function open(): Database.Database {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-commit-group-'));
  db = new Database(path.join(dir, 'g.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE rows (id TEXT PRIMARY KEY)');
  return db;
}

const ids = (d: Database.Database) => (d.prepare('SELECT id FROM rows ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);

describe('CommitGroup', () => {
  it('commits the writes of one burst, even after awaits that resolve in the same turn, in one transaction', async () => {
    const d = open();
    const group = new CommitGroup(d);
    const insert = d.prepare('INSERT INTO rows (id) VALUES (?)');
    const writer = async (id: string) => {
      await Promise.resolve();
      await Promise.resolve(id.length); // a cached lookup in front of the write, as the copy engine has
      return group.run(() => insert.run(id).changes);
    };
    expect(await Promise.all(['a', 'b', 'c', 'd'].map(writer))).toEqual([1, 1, 1, 1]);
    expect(group.commits).toBe(1);
    expect(ids(d)).toEqual(['a', 'b', 'c', 'd']);
    await group.run(() => insert.run('e'));
    expect(group.commits).toBe(2);
  });

  it('rolls back only the write that threw; the others are committed and answered', async () => {
    const d = open();
    const group = new CommitGroup(d);
    const insert = d.prepare('INSERT INTO rows (id) VALUES (?)');
    const results = await Promise.allSettled([
      group.run(() => insert.run('a')),
      group.run(() => {
        insert.run('b');
        insert.run('a'); // duplicate key: this write's 'b' must go too
      }),
      group.run(() => insert.run('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(ids(d)).toEqual(['a', 'c']);
    expect(group.commits).toBe(1);
  });

  it('answers a writer only once its write is committed (visible to another connection)', async () => {
    const d = open();
    const reader = new Database(path.join(dir!, 'g.sqlite'), { readonly: true });
    try {
      const group = new CommitGroup(d);
      const seen = await group.run(() => d.prepare("INSERT INTO rows (id) VALUES ('x')").run()).then(() => ids(reader));
      expect(seen).toEqual(['x']);
    } finally {
      reader.close();
    }
  });
});
