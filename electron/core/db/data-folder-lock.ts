/**
 * One process per data folder. Two hosts on one folder would run the same bots twice (an order
 * placed twice, `database is locked`, two price feeds fighting), so every host takes this lock
 * before it opens the database and keeps it for its whole life.
 *
 * The lock is SQLite's own: an empty SQLite file (`tradewind.lock`) held in an exclusive
 * transaction. SQLite locks it with fcntl (POSIX) or LockFileEx (Windows), and the OS drops those
 * locks when the process ends, however it ends: after a kill -9 or a power cut the folder is free
 * again at once, with no stale-lock guessing by pid or age. A sidecar (`tradewind.lock.json`)
 * describes the holder for the refusal message; it is information only (it may be stale or
 * missing), the OS lock alone decides.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TradewindError } from '../../../shared/ipc/errors';
import type { CoreOptions } from '../types';

export const LOCK_FILE_NAME = 'tradewind.lock';
export const LOCK_INFO_FILE_NAME = 'tradewind.lock.json';

/** How each host names itself in the refusal a second process gets. */
export const HOST_LABELS: Record<CoreOptions['host'], string> = {
  electron: 'Tradewind desktop',
  server: 'tradewind serve',
  test: 'a Tradewind test',
};

/** Who holds a data folder, as its sidecar says. */
export interface LockHolder {
  pid: number;
  /** What kind of process: "tradewind serve", "Tradewind desktop", ... */
  host: string;
  /** ISO time the holding process started. */
  startedAt: string;
  hostname: string;
}

export interface DataFolderLock {
  readonly dataDir: string;
  /** Gives the folder up (removes the sidecar, then the OS lock). Safe to call twice. */
  release(): void;
}

/** A second process on a data folder, refused. `holder` is undefined when the sidecar is missing or stale. */
export class DataFolderLockedError extends TradewindError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    super('data_folder_locked', lockedMessage(dataDir, holder));
    this.name = 'DataFolderLockedError';
  }
}

/**
 * Takes the data folder (creating it if needed) or throws `DataFolderLockedError` naming the
 * process that holds it. Never waits: a held folder is refused at once.
 */
export function acquireDataFolderLock(dataDir: string, holder: { host: string }): DataFolderLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockFile = path.join(dataDir, LOCK_FILE_NAME);
  let db: Database.Database;
  try {
    // timeout 0: better-sqlite3 would otherwise retry a busy lock for 5 s before refusing.
    db = new Database(lockFile, { timeout: 0 });
  } catch (error) {
    throw new Error(
      `Cannot open the lock file ${lockFile}: ${errorText(error)}. Check that the data folder is writable, or point TRADEWIND_DATA_DIR elsewhere.`,
    );
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // No journal file next to the lock: nothing is ever written to it.
    db.pragma('journal_mode = MEMORY');
    // Held, never committed, for the life of the process (or until release()).
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DataFolderLockedError(dataDir, readHolder(dataDir));
    throw new Error(
      `Cannot lock the data folder ${dataDir}: ${lockFile} ${errorText(error)}. It belongs to Tradewind and holds no data: if no Tradewind is running on this folder, delete it and start again.`,
    );
  }
  const infoFile = path.join(dataDir, LOCK_INFO_FILE_NAME);
  const me: LockHolder = {
    pid: process.pid,
    host: holder.host,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    hostname: os.hostname(),
  };
  try {
    writeAtomically(infoFile, `${JSON.stringify(me)}\n`);
  } catch (error) {
    db.close();
    throw new Error(
      `Cannot write ${infoFile}: ${errorText(error)}. Check that the data folder is writable, or point TRADEWIND_DATA_DIR elsewhere.`,
    );
  }
  let released = false;
  return {
    dataDir,
    release() {
      if (released) return;
      released = true;
      // The sidecar goes first, while the folder is still ours: the next holder's is never removed.
      fs.rmSync(infoFile, { force: true });
      db.close();
    },
  };
}

function lockedMessage(dataDir: string, holder: LockHolder | undefined): string {
  const who = holder
    ? `pid ${holder.pid} (${holder.host}, started ${holder.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}${holder.hostname === os.hostname() ? '' : ` on ${holder.hostname}`})`
    : 'another process';
  return `The data folder ${dataDir} is in use by ${who}. Only one Tradewind may use a data folder at a time, or the same bots would run twice. Close it, or point TRADEWIND_DATA_DIR elsewhere.`;
}

/** The holder as its sidecar describes it, unless the sidecar is missing, unreadable or names a process that is gone. */
export function readHolder(dataDir: string): LockHolder | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_INFO_FILE_NAME), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isHolder(parsed)) return undefined;
  // A sidecar left by a holder that died: the new holder has not written its own yet.
  if (parsed.hostname === os.hostname() && !isAlive(parsed.pid)) return undefined;
  return parsed;
}

function isHolder(value: unknown): value is LockHolder {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(v.pid) &&
    (v.pid as number) > 0 &&
    typeof v.host === 'string' &&
    typeof v.startedAt === 'string' &&
    !Number.isNaN(Date.parse(v.startedAt)) &&
    typeof v.hostname === 'string'
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A reader never sees half a sidecar. */
function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function errorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}
