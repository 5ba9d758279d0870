/**
 * Why a database file was refused, in words a person can act on: which file, what is wrong,
 * what to do. Hosts print `message` as is (the Electron host in a native dialog).
 */
import { TradewindError } from '../../../shared/ipc/errors';
import { isNativeModuleLoadError, sqliteModuleMessage } from './native-module-error';

export type DatabaseProblem = 'read_only' | 'truncated' | 'not_sqlite' | 'foreign' | 'damaged' | 'newer_schema' | 'unopenable';

export class DatabaseRefusedError extends Error {
  override name = 'DatabaseRefusedError';
  constructor(
    readonly problem: DatabaseProblem,
    readonly file: string,
    message: string,
    /** For a damaged or truncated file: the newest backups that passed their check, newest first. */
    readonly goodBackups: readonly string[] = [],
  ) {
    super(message);
  }
}

/** What to do about a damaged database: words for the message, and the backups they name. */
export interface Recovery {
  text: string;
  goodBackups: readonly string[];
}

/** SQLite's codes for a file whose pages or header cannot be trusted. */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** `tradewind restore` with the data folder spelled out, so the command works from any shell. */
export function restoreCommand(dataDir: string, backupFile?: string): string {
  const from = backupFile === undefined ? '--latest' : `--from ${quoteArg(backupFile)}`;
  return `tradewind restore ${from} --data-dir ${quoteArg(dataDir)}`;
}

function quoteArg(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}

const MOVE_ASIDE =
  'move it out of the data folder (Tradewind then starts with a fresh database) or point TRADEWIND_DATA_DIR at another folder';

export function readOnlyError(file: string): DatabaseRefusedError {
  return new DatabaseRefusedError(
    'read_only',
    file,
    `The database ${file} is read-only, and Tradewind must write to it (orders, bots, balances). Make the file and its folder writable (e.g. chmod u+w "${file}") or point TRADEWIND_DATA_DIR at a writable folder.`,
  );
}

export function notSqliteError(file: string, firstBytes: string): DatabaseRefusedError {
  return new DatabaseRefusedError(
    'not_sqlite',
    file,
    `The file ${file} is not a SQLite database (it starts with ${firstBytes}), so it is not Tradewind's data. It was left untouched: ${MOVE_ASIDE}.`,
  );
}

export function foreignError(file: string, detail: string): DatabaseRefusedError {
  return new DatabaseRefusedError(
    'foreign',
    file,
    `The file ${file} is a SQLite database of another application (${detail}), not Tradewind's. It was left untouched: ${MOVE_ASIDE}.`,
  );
}

export function newerSchemaError(file: string, current: number, known: number): DatabaseRefusedError {
  return new DatabaseRefusedError(
    'newer_schema',
    file,
    `The data folder was written by a newer Tradewind (schema ${current}, this build knows ${known}); ${file} was left untouched. Update Tradewind or point TRADEWIND_DATA_DIR elsewhere.`,
  );
}

/**
 * A damaged or truncated database: never served, never written. `recovery` names the newest
 * backups that passed their own check and the exact command that restores them.
 */
export function damagedError(problem: 'damaged' | 'truncated', file: string, detail: string, recovery: Recovery): DatabaseRefusedError {
  const what = problem === 'truncated' ? 'is truncated (shorter than its own header says)' : 'is damaged';
  return new DatabaseRefusedError(
    problem,
    file,
    `The database ${file} ${what}: ${detail}. Tradewind refused to open it and did not write to it.\n${recovery.text}`,
    recovery.goodBackups,
  );
}

/** Anything else SQLite refuses at open (locked by another program, a folder it cannot create files in...). */
export function unopenableError(file: string, error: unknown): DatabaseRefusedError {
  // SQLite itself did not load: the advice is about node_modules, not the file.
  if (isNativeModuleLoadError(error)) return new DatabaseRefusedError('unopenable', file, sqliteModuleMessage(error));
  const code = sqliteCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  const hint =
    code?.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM'
      ? 'Check that the file and its folder exist and are writable by this user'
      : code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
        ? 'Another program holds it: close other Tradewind windows or hosts using this data folder'
        : 'Check the file and the disk it is on';
  return new DatabaseRefusedError(
    'unopenable',
    file,
    `Tradewind could not open the database ${file}: ${reason}${code ? ` (${code})` : ''}. ${hint}, or point TRADEWIND_DATA_DIR at another folder.`,
  );
}

/** The typed error every RPC returns once corruption was seen while running. */
export function damagedWhileRunning(file: string, dataDir: string, cause: unknown): TradewindError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new TradewindError(
    'database_damaged',
    `The database ${file} is damaged (${reason}). Tradewind stopped writing to it and stopped trading and bots. Quit Tradewind, then restore a backup: ${restoreCommand(dataDir)} (or Data → Restore… in the app, then restart).`,
  );
}
