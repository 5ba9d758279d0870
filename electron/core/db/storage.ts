/**
 * The data folder's database with its safety net, as core uses it: a restore the app asked for
 * is applied first, the file is checked before anything writes to it, a backup is taken before
 * every migration, daily while running (and at start when the newest is older than a day), and
 * corruption seen while running stops writes (corruption-guard.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TradewindError } from '../../../shared/ipc/errors';
import { BACKUP_RETENTION, backupsDir, createBackup, dailyBackupDue, listBackups, type BackupEntry, type BackupReason } from './backups';
import { finishOpen, migrateOpened, openChecked, type Db } from './connection';
import { DatabaseRefusedError } from './database-errors';
import type { CorruptionGuard } from './corruption-guard';
import { checkIntegrity, type IntegrityReport } from './integrity';
import { MIGRATIONS } from './migrations';
import { pauseRestoredLiveBots } from './restored-bots';
import {
  afterRestoreMarker,
  applyPendingRestore,
  cancelRestore,
  pendingRestore,
  requestRestore,
  type PendingRestore,
  type RestoreOutcome,
} from './restore';

export interface StorageOptions {
  log: (line: string) => void;
  /** Corruption seen while running (once). */
  onDamaged?: (error: TradewindError) => void;
  migrations?: readonly string[];
  /** How often the daily backup is looked at (default hourly). */
  backupCheckMs?: number;
  now?: () => number;
}

export interface StorageInfo {
  dataDir: string;
  file: string;
  /** Database plus its write-ahead log. */
  sizeBytes: number;
  backupsDir: string;
  backups: BackupEntry[];
  retention: Readonly<Record<BackupReason, number>>;
  pendingRestore: PendingRestore | null;
  /** Why writes are refused, when corruption was seen while running. */
  damaged: string | null;
  /** The last daily backup that could not be written, until one is written again. */
  lastBackupFailure: { at: number; message: string } | null;
}

export interface Storage {
  readonly db: Db;
  readonly file: string;
  readonly dataDir: string;
  readonly guard: CorruptionGuard;
  /** What a pending restore did at this start, if one was asked for. */
  readonly restoredAtStart: RestoreOutcome | null;
  /** Settles when the start-up backup (taken when the newest is older than a day) is written or skipped. */
  readonly startupBackup: Promise<void>;
  info(): StorageInfo;
  backup(reason: BackupReason): Promise<BackupEntry>;
  /** The full PRAGMA integrity_check of the live database. */
  check(): IntegrityReport;
  /**
   * A daily backup could not be written (disk full, folder not writable, a copy that failed its
   * check). Failures from before the first listener (the start-up backup) are delivered to it.
   */
  onBackupFailed(listener: (message: string) => void): () => void;
  requestRestore(name: string): PendingRestore;
  cancelRestore(): void;
  close(): Promise<void>;
}

export async function openStorage(dataDir: string, options: StorageOptions): Promise<Storage> {
  const { log } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? Date.now;
  const restoredAtStart = applyPendingRestore(dataDir, log);
  removePartialBackups(dataDir);
  const opened = openChecked(dataDir, migrations);
  const { found } = opened;
  if (!found.fresh && found.userVersion < migrations.length) {
    try {
      const entry = await createBackup(opened.db, dataDir, 'pre-migration', { now: now(), schemaVersion: found.userVersion });
      log(`backed up the database before migrating it from schema ${found.userVersion} to ${migrations.length}: ${entry.name}`);
    } catch (error) {
      opened.db.close();
      // Never migrate without the backup: the file stays as it is, and the message says why.
      const reason = error instanceof Error ? error.message : String(error);
      throw new DatabaseRefusedError(
        'unopenable',
        opened.file,
        `This Tradewind must upgrade the database ${opened.file} (schema ${found.userVersion} to ${migrations.length}) and backs it up first, but the backup into ${backupsDir(dataDir)} failed: ${reason}. Nothing was changed. Free space on that disk (or make the folder writable) and start again.`,
      );
    }
  }
  migrateOpened(opened, migrations);
  const { db, guard } = finishOpen(opened, { onDamaged: options.onDamaged });
  const file = opened.file;
  // Any restore since the last open (the app's pending one above, the CLI's, the desktop host's).
  afterRestoreMarker(dataDir, () => {
    const paused = pauseRestoredLiveBots(db, now());
    if (paused.length > 0) log(`paused the restored live bot(s) ${paused.map((name) => `"${name}"`).join(', ')}: resume them by hand`);
  });

  let lastBackupFailure: StorageInfo['lastBackupFailure'] = null;
  const failureListeners = new Set<(message: string) => void>();
  const unreported: string[] = [];
  // Told once per episode (the hourly retries of a full disk are not news); info() keeps the latest.
  const reportBackupFailure = (message: string): void => {
    const news = lastBackupFailure === null;
    lastBackupFailure = { at: now(), message };
    if (!news) return;
    if (failureListeners.size === 0) unreported.push(message);
    for (const listener of failureListeners) listener(message);
  };

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  const backup = (reason: BackupReason): Promise<BackupEntry> => {
    const run = queue.then(() => {
      if (closed) throw new Error('storage is closed');
      if (guard.error) throw guard.error;
      return createBackup(db, dataDir, reason, { now: now() });
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const dailyIfDue = async (): Promise<void> => {
    if (closed || guard.damaged || !dailyBackupDue(listBackups(dataDir), now())) return;
    try {
      const entry = await backup('daily');
      lastBackupFailure = null;
      log(`daily backup written: ${entry.name}`);
    } catch (error) {
      if (closed) return;
      const message = `The daily backup into ${backupsDir(dataDir)} failed: ${error instanceof Error ? error.message : String(error)}. Older backups are kept; Tradewind tries again within the hour.`;
      log(message);
      reportBackupFailure(message);
    }
  };
  const timer = setInterval(() => void dailyIfDue(), options.backupCheckMs ?? 60 * 60 * 1000);
  timer.unref();
  const startupBackup = found.fresh ? Promise.resolve() : dailyIfDue();

  return {
    db,
    file,
    dataDir,
    guard,
    restoredAtStart,
    startupBackup,
    info: () => ({
      dataDir,
      file,
      sizeBytes: sizeOf(file) + sizeOf(`${file}-wal`),
      backupsDir: backupsDir(dataDir),
      backups: listBackups(dataDir),
      retention: BACKUP_RETENTION,
      pendingRestore: pendingRestore(dataDir),
      damaged: guard.error?.message ?? null,
      lastBackupFailure,
    }),
    backup,
    check: () => {
      // Once damaged, the guard turns SQLite's corruption error into the typed one: still a finding.
      const damaged = (): IntegrityReport | null => (guard.error ? { ok: false, problems: [guard.error.message] } : null);
      try {
        return damaged() ?? checkIntegrity(db, 'full');
      } catch (error) {
        const report = damaged();
        if (report) return report;
        throw error;
      }
    },
    onBackupFailed(listener) {
      failureListeners.add(listener);
      for (const message of unreported.splice(0)) listener(message);
      return () => failureListeners.delete(listener);
    },
    requestRestore: (name) => requestRestore(dataDir, name, now()),
    cancelRestore: () => cancelRestore(dataDir),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await queue;
      db.close();
    },
  };
}

/** A backup cut short by a crash or a kill is never a backup: its `.partial` file goes. */
function removePartialBackups(dataDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(backupsDir(dataDir));
  } catch {
    return;
  }
  for (const name of names) if (name.endsWith('.partial')) fs.rmSync(path.join(backupsDir(dataDir), name), { force: true });
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
