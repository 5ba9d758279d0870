import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { TradewindError } from '../../../shared/ipc/errors';
import { recoveryAdvice } from './backups';
import { installCorruptionGuard, type CorruptionGuard } from './corruption-guard';
import { damagedError, isCorruptionError, newerSchemaError, unopenableError } from './database-errors';
import { MIGRATIONS } from './migrations';
import { preflight, TRADEWIND_APPLICATION_ID, type PreflightResult } from './preflight';

export type Db = Database.Database;

export const DB_FILE_NAME = 'tradewind.sqlite';

export interface OpenOptions {
  /** Called once when corruption shows up while running (see corruption-guard.ts). */
  onDamaged?: (error: TradewindError) => void;
}

/**
 * Opens (creating if needed) the data folder's database and brings its schema up to date.
 * A read-only, truncated, damaged, foreign or newer file is refused with a DatabaseRefusedError
 * before anything writes to it. `openStorage` (storage.ts) adds backups around this.
 */
export function openDatabase(dataDir: string, migrations: readonly string[] = MIGRATIONS, options: OpenOptions = {}): Db {
  const opened = openChecked(dataDir, migrations);
  migrateOpened(opened, migrations);
  return finishOpen(opened, options).db;
}

export interface CheckedDatabase {
  db: Db;
  file: string;
  dataDir: string;
  found: PreflightResult;
}

/** Checks the file (read-only), then opens it for writing. Nothing is written yet but the WAL switch. */
export function openChecked(dataDir: string, migrations: readonly string[]): CheckedDatabase {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DB_FILE_NAME);
  const found = preflight(file, migrations.length, () => recoveryAdvice(dataDir, file));
  let db: Db | undefined;
  try {
    db = new Database(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db?.close();
    if (isCorruptionError(error)) throw damagedError('damaged', file, (error as Error).message, recoveryAdvice(dataDir, file));
    throw unopenableError(file, error);
  }
  return { db, file, dataDir, found };
}

/** Runs pending migrations; a failure closes the connection (each step rolled back on its own). */
export function migrateOpened({ db }: CheckedDatabase, migrations: readonly string[]): void {
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
}

export function finishOpen(opened: CheckedDatabase, options: OpenOptions): { db: Db; guard: CorruptionGuard } {
  const { db, file, dataDir } = opened;
  // Marks the file as Tradewind's, so a later build can tell it from another app's database.
  if ((db.pragma('application_id', { simple: true }) as number) === 0) db.pragma(`application_id = ${TRADEWIND_APPLICATION_ID}`);
  const guard = installCorruptionGuard(db, { file, dataDir }, options.onDamaged ?? (() => {}));
  cacheStatements(db, guard);
  return { db, guard };
}

const STATEMENT_CACHE_MAX = 1_000;

/**
 * Repositories call `db.prepare(sql)` where they query, which keeps each query next to its use;
 * compiling the same SQL again on every call was the largest cost of a busy bot tick. Prepared
 * statements are reusable, so they are kept by SQL text (bounded, for queries with varying
 * IN-lists). A statement's mode (`raw()`) sticks to it: every caller of one SQL text uses one mode.
 */
function cacheStatements(db: Db, guard: CorruptionGuard): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_MAX) cache.clear();
      try {
        statement = guard.wrap(compile(sql));
      } catch (error) {
        throw guard.translate(error);
      }
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

export function migrate(db: Db, migrations: readonly string[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw newerSchemaError(db.name, current, migrations.length);
  for (let version = current; version < migrations.length; version++) {
    // Each step is atomic: a crash mid-migration leaves the previous version intact.
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
