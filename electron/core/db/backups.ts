/**
 * Consistent online backups of the live database with SQLite's backup API (better-sqlite3's
 * `db.backup()`), into the data folder's `backups/`. Names sort by time and say why:
 *   tradewind-2026-12-06T01-02-03-123Z-daily.sqlite
 *   tradewind-2026-12-06T01-02-03-123Z-pre-migration-v12.sqlite   (schema 12, before migrating)
 *   tradewind-2026-12-06T01-02-03-123Z-manual.sqlite
 * A backup is written under a `.partial` name, checked with quick_check and only then renamed,
 * so a crash or a damaged source never leaves a file that looks like a good backup, and a bad
 * copy never pushes a good one out of the retention window.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { restoreCommand, type Recovery } from './database-errors';
import { checkFile } from './integrity';

export type BackupReason = 'daily' | 'manual' | 'pre-migration';

export interface BackupEntry {
  name: string;
  file: string;
  /** When the backup was taken (ms since epoch, from its name). */
  at: number;
  sizeBytes: number;
  reason: BackupReason;
  /** For pre-migration backups: the schema version saved. */
  schemaVersion: number | null;
}

/** How many of each kind are kept; the oldest beyond that are deleted after a new one is written. */
export const BACKUP_RETENTION: Readonly<Record<BackupReason, number>> = { daily: 7, 'pre-migration': 5, manual: 5 };
export const DAY_MS = 24 * 60 * 60 * 1000;

const NAME = /^tradewind-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(daily|manual|pre-migration-v(\d+))\.sqlite$/;

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

export function backupName(at: number, reason: BackupReason, schemaVersion?: number): string {
  const stamp = new Date(at).toISOString().replace(/:/g, '-').replace('.', '-');
  const why = reason === 'pre-migration' ? `pre-migration-v${schemaVersion ?? 0}` : reason;
  return `tradewind-${stamp}-${why}.sqlite`;
}

export function parseBackupName(name: string): { at: number; reason: BackupReason; schemaVersion: number | null } | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const [, day, hh, mm, ss, ms, why, version] = match;
  const at = Date.parse(`${day}T${hh}:${mm}:${ss}.${ms}Z`);
  if (!Number.isFinite(at)) return undefined;
  const reason: BackupReason = why === 'daily' || why === 'manual' ? why : 'pre-migration';
  return { at, reason, schemaVersion: version === undefined ? null : Number(version) };
}

/** Every backup in the folder, newest first. Files that do not follow the naming are ignored. */
export function listBackups(dataDir: string): BackupEntry[] {
  const dir = backupsDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const entries: BackupEntry[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = path.join(dir, name);
    try {
      entries.push({ name, file, sizeBytes: fs.statSync(file).size, ...parsed });
    } catch {
      // deleted between readdir and stat
    }
  }
  return entries.sort((a, b) => b.at - a.at || (a.name < b.name ? 1 : -1));
}

/** A backup in this folder by its exact name (no paths: a name from the renderer never reaches outside `backups/`). */
export function findBackup(dataDir: string, name: string): BackupEntry | undefined {
  return listBackups(dataDir).find((entry) => entry.name === name);
}

export class BackupFailedError extends Error {
  override name = 'BackupFailedError';
}

/**
 * Copies the open database into `backups/` and prunes old ones of the same reason. Rejects with
 * BackupFailedError when the copy fails its quick_check (the source is damaged); nothing is pruned then.
 */
export async function createBackup(
  db: Database.Database,
  dataDir: string,
  reason: BackupReason,
  options: { now?: number; schemaVersion?: number } = {},
): Promise<BackupEntry> {
  const dir = backupsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let at = options.now ?? Date.now();
  while (fs.existsSync(path.join(dir, backupName(at, reason, options.schemaVersion)))) at += 1;
  const name = backupName(at, reason, options.schemaVersion);
  const file = path.join(dir, name);
  const partial = `${file}.partial`;
  try {
    await db.backup(partial);
    // The copy carries the live file's WAL flag; a backup is a single self-contained file, so it
    // goes back to a rollback journal (opening it later, even read-only, leaves no -wal/-shm beside it).
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const report = checkFile(partial, 'quick');
    if (!report.ok)
      throw new BackupFailedError(
        `the copy of the database failed its check (${report.problems[0] ?? 'unknown problem'}); the database itself is probably damaged`,
      );
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  pruneBackups(dataDir, reason);
  return { name, file, at, sizeBytes: fs.statSync(file).size, reason, schemaVersion: options.schemaVersion ?? null };
}

export function pruneBackups(dataDir: string, reason: BackupReason): string[] {
  const removed: string[] = [];
  const same = listBackups(dataDir).filter((entry) => entry.reason === reason);
  for (const entry of same.slice(BACKUP_RETENTION[reason])) {
    fs.rmSync(entry.file, { force: true });
    removed.push(entry.name);
  }
  return removed;
}

/** Due when no backup of any kind is younger than a day (a pre-migration or manual one counts too). */
export function dailyBackupDue(entries: readonly BackupEntry[], now: number): boolean {
  const newest = entries[0];
  return newest === undefined || now - newest.at >= DAY_MS;
}

/** The newest backups that pass quick_check (at most `want`, checking at most `budget` files). */
export function newestGoodBackups(dataDir: string, want = 3, budget = 10): BackupEntry[] {
  const good: BackupEntry[] = [];
  for (const entry of listBackups(dataDir).slice(0, budget)) {
    try {
      if (checkFile(entry.file, 'quick').ok) good.push(entry);
    } catch {
      // unreadable: not good
    }
    if (good.length >= want) break;
  }
  return good;
}

/** Part of the refusal message for a damaged database: the good backups and the exact command. */
export function recoveryAdvice(dataDir: string, damagedFile: string): Recovery {
  const good = newestGoodBackups(dataDir);
  if (good.length === 0) {
    const text = `There is no good backup in ${backupsDir(dataDir)}. To start over with an empty database, move ${damagedFile} out of the folder (keep it: a specialist tool may recover data from it); exchange keys stay in the keychain but accounts, orders and bots must be set up again.`;
    return { text, goodBackups: [] };
  }
  const lines = good.map(
    (entry) => `  ${entry.name}  (${new Date(entry.at).toISOString()}, ${entry.reason}, ${formatSize(entry.sizeBytes)})`,
  );
  const text = [
    `Newest good backups in ${backupsDir(dataDir)}:`,
    ...lines,
    `To restore the newest one (the damaged file is kept beside it as ${path.basename(damagedFile)}.before-restore-<time>), run:`,
    `  ${restoreCommand(dataDir, good[0]!.file)}`,
  ].join('\n');
  return { text, goodBackups: good.map((entry) => entry.file) };
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
