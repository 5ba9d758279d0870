/**
 * Corruption found while running (SQLITE_CORRUPT, "database disk image is malformed"): the first
 * sighting marks the database damaged and calls `onDamaged` once (core stops trading and bots and
 * tells the person); from then on every write is refused before it reaches SQLite, and every
 * failure surfaces as a TradewindError with code `database_damaged` instead of a raw SqliteError.
 * Reads that still work keep working, so the person can look at what they have.
 */
import type Database from 'better-sqlite3';
import type { TradewindError } from '../../../shared/ipc/errors';
import { damagedWhileRunning, isCorruptionError } from './database-errors';

export interface CorruptionGuard {
  readonly damaged: boolean;
  /** The error every refused call throws (null while healthy). */
  readonly error: TradewindError | null;
  /** Wraps a freshly prepared statement; the same object is returned. */
  wrap<S extends Database.Statement>(statement: S): S;
  /** Turns a SQLite corruption error into the typed error (marking the database damaged); other errors pass through. */
  translate(error: unknown): unknown;
}

type AnyFn = (...args: unknown[]) => unknown;

export function installCorruptionGuard(
  db: Database.Database,
  where: { file: string; dataDir: string },
  onDamaged: (error: TradewindError) => void,
): CorruptionGuard {
  let typed: TradewindError | null = null;

  const translate = (error: unknown): unknown => {
    if (!isCorruptionError(error)) return error;
    if (!typed) {
      typed = damagedWhileRunning(where.file, where.dataDir, error);
      try {
        onDamaged(typed);
      } catch {
        // the listener's own failure must not hide the typed error from the caller
      }
    }
    return typed;
  };

  const guarded = (fn: AnyFn, writes: boolean): AnyFn =>
    function (this: unknown, ...args: unknown[]) {
      if (typed && writes) throw typed;
      try {
        return fn.apply(this, args);
      } catch (error) {
        throw translate(error);
      }
    };

  const wrap = <S extends Database.Statement>(statement: S): S => {
    const writes = !statement.reader;
    const target = statement as unknown as Record<string, AnyFn>;
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = target[method]!;
      target[method] = guarded(original, writes);
    }
    return statement;
  };

  const exec = db.exec.bind(db) as AnyFn;
  db.exec = guarded(exec, true) as Database.Database['exec'];
  const pragma = db.pragma.bind(db) as AnyFn;
  db.pragma = guarded(pragma, false) as Database.Database['pragma'];
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: AnyFn) => {
    const tx = transaction(fn) as unknown as AnyFn & Record<'deferred' | 'immediate' | 'exclusive', AnyFn>;
    const outer = guarded(tx, true) as typeof tx;
    outer.deferred = guarded(tx.deferred, true);
    outer.immediate = guarded(tx.immediate, true);
    outer.exclusive = guarded(tx.exclusive, true);
    return outer;
  }) as Database.Database['transaction'];

  return {
    get damaged() {
      return typed !== null;
    },
    get error() {
      return typed;
    },
    wrap,
    translate,
  };
}
