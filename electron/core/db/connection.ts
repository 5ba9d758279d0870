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
  return db;
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
