import Database from 'better-sqlite3';
import type { Db } from '../db/connection';

/** SQLite's own messages for the codes tests inject. */
const MESSAGES: Record<string, string> = {
  SQLITE_FULL: 'database or disk is full',
  SQLITE_IOERR_WRITE: 'disk I/O error',
  SQLITE_READONLY: 'attempt to write a readonly database',
  SQLITE_BUSY: 'database is locked',
};

const WRITE_SQL = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;
const RUNS = new Set<PropertyKey>(['run', 'get', 'all', 'iterate']);

export interface StorageFaults {
  /** From now on every matching write statement throws a better-sqlite3 SqliteError with this code. */
  fail(code?: keyof typeof MESSAGES): void;
  /** Writes work again ("space returned"). */
  heal(): void;
  /** How many writes were refused so far. */
  readonly refused: number;
}

/**
 * Makes the database's writes fail the way a full disk makes them fail, deterministically: while
 * failing, every INSERT/UPDATE/DELETE statement (and a `PRAGMA x = y` write) throws the same
 * `SqliteError` better-sqlite3 throws for SQLITE_FULL, before touching the file; reads work, as
 * they do on a full disk. `only` narrows it to some statements (e.g. the ledger's but not the
 * paper exchange's). Inside a transaction the throw rolls the transaction back like the real error.
 */
export function injectStorageFaults(db: Db, only: (sql: string) => boolean = () => true): StorageFaults {
  let code: string | null = null;
  let refused = 0;
  const refuse = (sql: string) => {
    if (code === null || !only(sql)) return;
    refused++;
    throw new Database.SqliteError(MESSAGES[code] ?? code, code);
  };
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    if (!WRITE_SQL.test(sql)) return statement;
    const guarded: Database.Statement = new Proxy(statement, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (RUNS.has(property)) refuse(sql);
          const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          return out === target ? guarded : out;
        };
      },
    });
    return guarded;
  }) as Db['prepare'];
  const pragma = db.pragma.bind(db);
  db.pragma = ((source: string, options?: Database.PragmaOptions) => {
    if (source.includes('=')) refuse(`PRAGMA ${source}`);
    return pragma(source, options);
  }) as Db['pragma'];
  return {
    fail(next = 'SQLITE_FULL') {
      code = next;
    },
    heal() {
      code = null;
    },
    get refused() {
      return refused;
    },
  };
}
