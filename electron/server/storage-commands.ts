/**
 * `tradewind backup | check | restore`: the database's safety net from a terminal. Exit codes:
 * 0 done, 1 the database or every backup is damaged, or the folder is in use, 2 bad input
 * (arguments, a missing file or database).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupsDir, BackupFailedError, createBackup, formatSize, listBackups } from '../core/db/backups';
import { DB_FILE_NAME } from '../core/db/connection';
import { restoreCommand } from '../core/db/database-errors';
import { DataFolderLockedError } from '../core/db/data-folder-lock';
import { checkFile } from '../core/db/integrity';
import { restoreHoldingFolder, RestoreRefusedError, verifyBackup } from '../core/db/restore';
import { resolveDataDir } from '../core/paths';
import type { StorageArgs } from './cli-args';

export interface StorageIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_BAD_INPUT = 2;

class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export async function runStorageCommand(args: StorageArgs, io: StorageIo): Promise<number> {
  const dataDir = resolveDataDir(args.dataDir);
  try {
    if (args.command === 'backup') return await backup(dataDir, io);
    if (args.command === 'check') return check(dataDir, args.quick, io);
    return restore(dataDir, args, io);
  } catch (error) {
    if (error instanceof Refusal) {
      io.stderr(`tradewind ${args.command}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof DataFolderLockedError || error instanceof RestoreRefusedError || error instanceof BackupFailedError) {
      io.stderr(`tradewind ${args.command}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}

function liveDatabase(dataDir: string): string {
  const file = path.join(dataDir, DB_FILE_NAME);
  if (!fs.existsSync(file))
    throw new Refusal(
      `there is no database in ${dataDir} (${DB_FILE_NAME} is missing); check --data-dir or TRADEWIND_DATA_DIR`,
      EXIT_BAD_INPUT,
    );
  return file;
}

/** Works while a host runs: SQLite's backup API reads a consistent snapshot next to its writes. */
async function backup(dataDir: string, io: StorageIo): Promise<number> {
  const file = liveDatabase(dataDir);
  const before = checkFile(file, 'quick');
  if (!before.ok)
    throw new Refusal(
      `${file} is damaged (${before.problems[0] ?? 'quick_check failed'}); no backup was written. Restore one: ${restoreCommand(dataDir)}`,
      EXIT_FAILURE,
    );
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const entry = await createBackup(db, dataDir, 'manual');
    io.stdout(`Backup written: ${entry.file} (${formatSize(entry.sizeBytes)})\n`);
    return EXIT_OK;
  } finally {
    db.close();
  }
}

function check(dataDir: string, quick: boolean, io: StorageIo): number {
  const file = liveDatabase(dataDir);
  const report = checkFile(file, quick ? 'quick' : 'full');
  const backups = listBackups(dataDir);
  const newest = backups[0] ? `; newest backup ${backups[0].name}` : '; no backups yet';
  if (report.ok) {
    io.stdout(`${file}: ok (${quick ? 'quick_check' : 'integrity_check'})${newest}\n`);
    return EXIT_OK;
  }
  io.stdout(`${file}: DAMAGED (${quick ? 'quick_check' : 'integrity_check'}):\n${report.problems.map((p) => `  ${p}`).join('\n')}\n`);
  io.stdout(`Stop Tradewind, then restore a backup: ${restoreCommand(dataDir)}\n`);
  return EXIT_FAILURE;
}

/** Needs the data folder to itself: a running host holds the lock, and this refuses. */
function restore(dataDir: string, args: Extract<StorageArgs, { command: 'restore' }>, io: StorageIo): number {
  const source = args.latest ? newestGoodBackup(dataDir) : resolveFrom(dataDir, args.from!);
  const outcome = restoreHoldingFolder(dataDir, source, 'tradewind restore');
  io.stdout(`Restored ${outcome.restored} into ${path.join(dataDir, DB_FILE_NAME)}.\n`);
  if (outcome.keptAs) io.stdout(`The replaced database is kept as ${outcome.keptAs}.\n`);
  return EXIT_OK;
}

function resolveFrom(dataDir: string, from: string): string {
  if (fs.existsSync(from)) return path.resolve(from);
  const inBackups = path.join(backupsDir(dataDir), path.basename(from));
  if (path.basename(from) === from && fs.existsSync(inBackups)) return inBackups;
  throw new Refusal(`the backup ${from} does not exist (backups are in ${backupsDir(dataDir)}; list them with ls)`, EXIT_BAD_INPUT);
}

function newestGoodBackup(dataDir: string): string {
  const entries = listBackups(dataDir);
  if (entries.length === 0) throw new Refusal(`there are no backups in ${backupsDir(dataDir)}`, EXIT_BAD_INPUT);
  const damaged: string[] = [];
  for (const entry of entries) {
    try {
      verifyBackup(entry.file);
      return entry.file;
    } catch (error) {
      if (!(error instanceof RestoreRefusedError)) throw error;
      damaged.push(entry.name);
    }
  }
  throw new Refusal(
    `every backup in ${backupsDir(dataDir)} failed integrity_check (${damaged.join(', ')}); nothing was restored`,
    EXIT_FAILURE,
  );
}
