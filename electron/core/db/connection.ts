import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export const DB_FILE_NAME = 'tradewind.sqlite';

/** Opens (creating if needed) the data folder's database and brings its schema up to date. */
export function openDatabase(dataDir: string, migrations: readonly string[] = MIGRATIONS): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(path.join(dataDir, DB_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  cacheStatements(db);
  return db;
}

const STATEMENT_CACHE_MAX = 1_000;

/**
 * Repositories call `db.prepare(sql)` where they query, which keeps each query next to its use;
 * compiling the same SQL again on every call was the largest cost of a busy bot tick. Prepared
 * statements are reusable, so they are kept by SQL text (bounded, for queries with varying
 * IN-lists). A statement's mode (`raw()`) sticks to it: every caller of one SQL text uses one mode.
 */
function cacheStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_MAX) cache.clear();
      statement = compile(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

export function migrate(db: Db, migrations: readonly string[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `The data folder was written by a newer Tradewind (schema ${current}, this build knows ${migrations.length}). Update Tradewind or point TRADEWIND_DATA_DIR elsewhere.`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    // Each step is atomic: a crash mid-migration leaves the previous version intact.
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
