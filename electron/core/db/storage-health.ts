/**
 * Whether Tradewind can write to its database right now. A full disk, an I/O error, a file that
 * turned read-only or a lock held by another program make SQLite refuse a write; none of them
 * says anything about an order, so callers must leave state as it was, retry on their next tick,
 * and tell the person what to do. This module classifies SQLite's error codes, remembers since
 * when writes fail, tells listeners when that starts and ends, and probes with a tiny write.
 * (A damaged database is another matter: database-errors.ts.)
 */
import { TradewindError } from '../../../shared/ipc/errors';
import type { Db } from './connection';

export type StorageProblem = 'full' | 'io' | 'read_only' | 'busy';

export interface StorageFailure {
  problem: StorageProblem;
  /** SQLite's (extended) code, e.g. SQLITE_FULL, SQLITE_IOERR_WRITE. */
  sqliteCode: string;
  /** When writes started failing (the first failure of this episode). */
  since: number;
  /** One line naming the cause and the folder, e.g. "disk full in /home/me/.config/Tradewind". */
  cause: string;
}

export type StorageListener = (failure: StorageFailure | null, previous: StorageFailure | null) => void;

/** The storage problem an error stands for, or null when it is not one (a bug, a constraint...). */
export function storageProblemOf(error: unknown): { problem: StorageProblem; sqliteCode: string } | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL') return { problem: 'full', sqliteCode: code };
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_NOLFS') return { problem: 'io', sqliteCode: code };
  if (code.startsWith('SQLITE_READONLY')) return { problem: 'read_only', sqliteCode: code };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === 'SQLITE_PROTOCOL')
    return { problem: 'busy', sqliteCode: code };
  return null;
}

const causeOf = (problem: StorageProblem, dataDir: string, sqliteCode: string): string => {
  switch (problem) {
    case 'full':
      return `disk full in ${dataDir}`;
    case 'io':
      return `disk I/O error in ${dataDir} (${sqliteCode})`;
    case 'read_only':
      return `the database in ${dataDir} became read-only (${sqliteCode})`;
    case 'busy':
      return `the database in ${dataDir} is locked by another program (${sqliteCode})`;
  }
};

const adviceOf = (problem: StorageProblem, dataDir: string): string => {
  switch (problem) {
    case 'full':
      return `Free space on the disk holding ${dataDir}`;
    case 'io':
      return `Check the disk holding ${dataDir} (unplugged, failing, or a network folder that went away)`;
    case 'read_only':
      return `Make ${dataDir} and tradewind.sqlite in it writable again`;
    case 'busy':
      return `Close the other program (another Tradewind on the same folder?) that holds ${dataDir}`;
  }
};

/**
 * The error a refused write or order carries: what failed, why, what became of it (`outcome`,
 * by default that nothing changed), and what to do.
 */
export function storageError(failure: StorageFailure, dataDir: string, action: string, outcome = 'Nothing was changed.'): TradewindError {
  const code = failure.problem === 'full' ? 'storage_full' : 'storage_unavailable';
  return new TradewindError(
    code,
    `Tradewind cannot ${action}: ${failure.cause}. ${outcome} ${adviceOf(failure.problem, dataDir)}; bots paused for this resume by themselves once Tradewind can write again.`,
  );
}

export interface StorageHealthDeps {
  db: Db;
  dataDir: string;
  log: (line: string) => void;
  now?: () => number;
}

/** A failure this soon after writes came back is a relapse (a nearly full disk: small writes fit, larger ones not). */
const RELAPSE_WINDOW_MS = 60_000;
const RELAPSE_PROBE_MAX_MS = 5 * 60_000;

export class StorageHealth {
  private current: StorageFailure | null = null;
  private readonly listeners = new Set<StorageListener>();
  private readonly now: () => number;
  private recoveredAt: number | null = null;
  private relapses = 0;
  /** After relapses the probe waits (1 s doubling to 5 min), so a disk on the edge does not pause and resume the bots every tick. */
  private probeAfter = 0;

  constructor(private readonly deps: StorageHealthDeps) {
    this.now = deps.now ?? Date.now;
  }

  get dataDir(): string {
    return this.deps.dataDir;
  }

  /** The failure writes are in, or null while they work. */
  get failing(): StorageFailure | null {
    return this.current;
  }

  onChange(listener: StorageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Records `error` when it is a storage failure and returns the error to show for it (what
   * `action` could not do); null for any other error, which the caller handles as before.
   */
  noteFailure(error: unknown, action = 'save this change', outcome?: string): TradewindError | null {
    const found = storageProblemOf(error);
    if (!found) return null;
    const previous = this.current;
    if (!previous) {
      const relapse = this.recoveredAt !== null && this.now() - this.recoveredAt < RELAPSE_WINDOW_MS;
      this.relapses = relapse ? this.relapses + 1 : 0;
      this.probeAfter = relapse ? this.now() + Math.min(RELAPSE_PROBE_MAX_MS, 1_000 * 2 ** (this.relapses - 1)) : 0;
    }
    if (!previous || previous.sqliteCode !== found.sqliteCode) {
      this.current = { ...found, since: previous?.since ?? this.now(), cause: causeOf(found.problem, this.deps.dataDir, found.sqliteCode) };
      this.deps.log(`storage: writes fail: ${this.current.cause}: ${error instanceof Error ? error.message : String(error)}`);
      this.tell(previous);
    }
    return storageError(this.current as StorageFailure, this.deps.dataDir, action, outcome);
  }

  /** A write went through: whatever failed before works again. */
  noteSuccess(): void {
    const previous = this.current;
    if (!previous) return;
    this.current = null;
    this.recoveredAt = this.now();
    this.deps.log(`storage: writes work again (they failed since ${new Date(previous.since).toISOString()}: ${previous.cause})`);
    this.tell(previous);
  }

  /**
   * While writes fail, tries one tiny real write (the schema version rewritten with its own value:
   * one page, no table) and records the outcome. True when storage works.
   */
  probe(): boolean {
    if (!this.current) return true;
    if (this.now() < this.probeAfter) return false;
    try {
      const { db } = this.deps;
      db.transaction(() => {
        const version = db.pragma('user_version', { simple: true }) as number;
        db.pragma(`user_version = ${version}`);
      }).immediate();
      this.noteSuccess();
      return true;
    } catch (error) {
      if (!this.noteFailure(error)) throw error;
      return false;
    }
  }

  /** Refuses (with the specific code) what must not start while writes fail; probes first, so a freed disk is seen at once. */
  assertWritable(action: string): void {
    if (this.probe()) return;
    throw storageError(this.current as StorageFailure, this.deps.dataDir, action);
  }

  private tell(previous: StorageFailure | null): void {
    for (const listener of this.listeners) {
      try {
        listener(this.current, previous);
      } catch (error) {
        this.deps.log(`storage listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
