/**
 * Restoring a backup replaces the live database, so it only ever happens while no core has the
 * file open: from the CLI (`tradewind restore`, host stopped), or at the next start when the app
 * asked for it (a `restore-pending.json` marker; the running core cannot swap its own file).
 * The backup is verified with integrity_check first; the current file is kept beside it as
 * `tradewind.sqlite.before-restore-<time>` (with its WAL), never deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE_NAME } from './connection';
import { findBackup } from './backups';
import { acquireDataFolderLock } from './data-folder-lock';
import { checkFile } from './integrity';

export const PENDING_RESTORE_FILE = 'restore-pending.json';
/**
 * Left beside the database by every restore (the app's, the CLI's, the desktop host's) and taken
 * at the next open: the restored database's live bots then come back paused (db/restored-bots).
 */
export const RESTORED_MARKER_FILE = 'restored-from-backup.json';

export class RestoreRefusedError extends Error {
  override name = 'RestoreRefusedError';
}

export interface RestoreOutcome {
  restored: string;
  /** Where the replaced database went; null when there was none. */
  keptAs: string | null;
}

/**
 * Replaces the data folder's database with `backupFile`. The caller guarantees nothing has it open.
 * The copy is complete (`.restoring`) before the live file moves; a crash between the two renames
 * is finished by `finishInterruptedRestore` at the next start.
 */
export function restoreDatabase(dataDir: string, backupFile: string, now = Date.now()): RestoreOutcome {
  verifyBackup(backupFile);
  finishInterruptedRestore(dataDir);
  const live = path.join(dataDir, DB_FILE_NAME);
  const incoming = `${live}.restoring`;
  fs.copyFileSync(backupFile, incoming);
  let keptAs: string | null = null;
  if (fs.existsSync(live)) {
    keptAs = `${live}.before-restore-${new Date(now).toISOString().replace(/:/g, '-').replace('.', '-')}`;
    fs.renameSync(live, keptAs);
    // The WAL belongs to the file it was written for; the shared-memory index is rebuilt on open.
    if (fs.existsSync(`${live}-wal`)) fs.renameSync(`${live}-wal`, `${keptAs}-wal`);
  }
  fs.rmSync(`${live}-shm`, { force: true });
  fs.rmSync(`${live}-wal`, { force: true });
  // Before the last rename: a crash after it must still pause the restored live bots at the next start.
  fs.writeFileSync(path.join(dataDir, RESTORED_MARKER_FILE), JSON.stringify({ backup: backupFile, at: now }));
  fs.renameSync(incoming, live);
  return { restored: backupFile, keptAs };
}

/**
 * A restore from outside core (the CLI, the desktop host after a refused start): takes the data
 * folder first, so it is refused while any Tradewind runs on it (DataFolderLockedError).
 */
export function restoreHoldingFolder(dataDir: string, backupFile: string, host: string): RestoreOutcome {
  const lock = acquireDataFolderLock(dataDir, { host });
  try {
    const outcome = restoreDatabase(dataDir, backupFile);
    cancelRestore(dataDir); // an in-app request for a restore at the next start is settled by this one
    return outcome;
  } finally {
    lock.release();
  }
}

/**
 * A restore cut short: with the live file already moved aside, the complete copy becomes the live
 * file; with the live file still there, the copy never replaced it and is dropped.
 */
export function finishInterruptedRestore(dataDir: string): 'finished' | 'dropped' | null {
  const live = path.join(dataDir, DB_FILE_NAME);
  const incoming = `${live}.restoring`;
  if (!fs.existsSync(incoming)) return null;
  if (fs.existsSync(live)) {
    fs.rmSync(incoming, { force: true });
    fs.rmSync(path.join(dataDir, RESTORED_MARKER_FILE), { force: true });
    return 'dropped';
  }
  fs.renameSync(incoming, live);
  return 'finished';
}

export function verifyBackup(backupFile: string): void {
  if (!fs.existsSync(backupFile)) throw new RestoreRefusedError(`the backup ${backupFile} does not exist`);
  let report;
  try {
    report = checkFile(backupFile, 'full');
  } catch (error) {
    throw new RestoreRefusedError(
      `the backup ${backupFile} cannot be read as a database (${error instanceof Error ? error.message : String(error)}); pick another one`,
    );
  }
  if (!report.ok)
    throw new RestoreRefusedError(
      `the backup ${backupFile} is damaged itself (${report.problems[0] ?? 'integrity_check failed'}); pick another one`,
    );
}

export interface PendingRestore {
  backup: string;
  requestedAt: number;
}

/** Verifies the named backup and leaves a marker: the next start restores it before opening the database. */
export function requestRestore(dataDir: string, backupName: string, now = Date.now()): PendingRestore {
  const entry = findBackup(dataDir, backupName);
  if (!entry) throw new RestoreRefusedError(`there is no backup named ${backupName} in ${path.join(dataDir, 'backups')}`);
  verifyBackup(entry.file);
  const pending: PendingRestore = { backup: entry.name, requestedAt: now };
  const marker = path.join(dataDir, PENDING_RESTORE_FILE);
  fs.writeFileSync(`${marker}.tmp`, JSON.stringify(pending));
  fs.renameSync(`${marker}.tmp`, marker);
  return pending;
}

export function pendingRestore(dataDir: string): PendingRestore | null {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(dataDir, PENDING_RESTORE_FILE), 'utf8')) as Partial<PendingRestore>;
    return typeof value.backup === 'string' && typeof value.requestedAt === 'number'
      ? { backup: value.backup, requestedAt: value.requestedAt }
      : null;
  } catch {
    return null;
  }
}

export function cancelRestore(dataDir: string): void {
  fs.rmSync(path.join(dataDir, PENDING_RESTORE_FILE), { force: true });
}

/**
 * At start, before the database is opened: performs a restore the app asked for. A marker that
 * cannot be honoured (backup gone or damaged) is dropped with a log line and the current database
 * is opened as it is.
 */
export function applyPendingRestore(dataDir: string, log: (line: string) => void): RestoreOutcome | null {
  if (finishInterruptedRestore(dataDir) === 'finished')
    log(`finished a restore that was cut short: the restored copy is now ${path.join(dataDir, DB_FILE_NAME)}`);
  const pending = pendingRestore(dataDir);
  if (!fs.existsSync(path.join(dataDir, PENDING_RESTORE_FILE))) return null;
  cancelRestore(dataDir);
  if (!pending) {
    log(`ignored an unreadable ${PENDING_RESTORE_FILE}; no backup was restored`);
    return null;
  }
  const entry = findBackup(dataDir, pending.backup);
  if (!entry) {
    log(`the restore asked for could not be done: backup ${pending.backup} is gone; the current database is kept`);
    return null;
  }
  try {
    const outcome = restoreDatabase(dataDir, entry.file);
    log(`restored backup ${entry.name}${outcome.keptAs ? `; the previous database is kept as ${outcome.keptAs}` : ''}`);
    return outcome;
  } catch (error) {
    log(`the restore asked for could not be done: ${error instanceof Error ? error.message : String(error)}; the current database is kept`);
    return null;
  }
}

/** Whether a restore happened since the database was last opened; the marker is removed once `then` has run. */
export function afterRestoreMarker(dataDir: string, then: () => void): boolean {
  const marker = path.join(dataDir, RESTORED_MARKER_FILE);
  if (!fs.existsSync(marker)) return false;
  then();
  fs.rmSync(marker, { force: true });
  return true;
}
