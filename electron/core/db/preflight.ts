/**
 * Looks at the database file before anything writes to it: permissions, the SQLite header, a
 * read-only `PRAGMA quick_check`, and whether the tables are Tradewind's. A file that fails is
 * refused with a DatabaseRefusedError and left exactly as it was (the check connection is
 * read-only, so not even a WAL checkpoint touches it).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import {
  damagedError,
  DatabaseRefusedError,
  type Recovery,
  foreignError,
  isCorruptionError,
  newerSchemaError,
  notSqliteError,
  readOnlyError,
  unopenableError,
} from './database-errors';
import { checkIntegrity } from './integrity';

/** `PRAGMA application_id` of a Tradewind database ("TWND"); 0 in folders from before it was set. */
export const TRADEWIND_APPLICATION_ID = 0x54574e44;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;
/** Tables the first migration created: every Tradewind database has them. */
const OUR_TABLES = ['accounts', 'settings'];

export interface PreflightResult {
  /** No file yet (or an empty one): a new data folder. */
  fresh: boolean;
  /** Schema version found (0 when fresh). */
  userVersion: number;
}

/**
 * @param recovery  what to do about a damaged file (newest good backups + the restore command);
 *                  only computed when needed, it checks backups.
 */
export function preflight(file: string, knownVersions: number, recovery: () => Recovery): PreflightResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { fresh: true, userVersion: 0 };
    throw unopenableError(file, error);
  }
  if (!stat.isFile()) throw unopenableError(file, new Error('it is not a regular file'));
  if (stat.size === 0) return { fresh: true, userVersion: 0 };
  if (isReadOnly(file, stat)) throw readOnlyError(file);

  checkHeader(file, stat.size, recovery);

  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const report = checkIntegrity(db, 'quick');
    if (!report.ok) throw damagedError('damaged', file, `PRAGMA quick_check found ${summarise(report.problems)}`, recovery());
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    checkOwnership(db, file, userVersion);
    if (userVersion > knownVersions) throw newerSchemaError(file, userVersion, knownVersions);
    return { fresh: false, userVersion };
  } catch (error) {
    if (error instanceof DatabaseRefusedError) throw error;
    if (isCorruptionError(error)) throw damagedError('damaged', file, (error as Error).message, recovery());
    throw unopenableError(file, error);
  } finally {
    db?.close();
  }
}

/** The owner's write bit (what `chmod a-w` and Windows' read-only attribute clear), then the OS's own answer. */
function isReadOnly(file: string, stat: fs.Stats): boolean {
  if ((stat.mode & 0o200) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

function checkHeader(file: string, size: number, recovery: () => Recovery): void {
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  const magicLength = Math.min(read, SQLITE_MAGIC.length);
  if (!header.subarray(0, magicLength).equals(SQLITE_MAGIC.subarray(0, magicLength)))
    throw notSqliteError(file, describeBytes(header.subarray(0, Math.min(read, 16))));
  if (read < HEADER_BYTES)
    throw damagedError('truncated', file, `it is ${size} bytes long, less than SQLite's 100-byte header`, recovery());
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0)
    throw damagedError('damaged', file, `its header names an impossible page size (${rawPageSize})`, recovery());
  // The page count in the header is trusted by SQLite only when it was written with the current
  // change counter; a pending WAL may legitimately hold pages the main file does not have yet.
  const pages = header.readUInt32BE(28);
  const headerValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (headerValid && pages * pageSize > size && !hasWalFrames(file)) {
    throw damagedError(
      'truncated',
      file,
      `it is ${size} bytes long but holds ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes)`,
      recovery(),
    );
  }
}

function hasWalFrames(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size > 32;
  } catch {
    return false;
  }
}

function checkOwnership(db: Database.Database, file: string, userVersion: number): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId !== 0 && applicationId !== TRADEWIND_APPLICATION_ID) {
    throw foreignError(file, `its application id is 0x${(applicationId >>> 0).toString(16)}`);
  }
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  if (tables.length === 0) return; // an empty SQLite file: Tradewind builds its schema in it
  const missing = OUR_TABLES.filter((name) => !tables.includes(name));
  if (userVersion === 0 || missing.length > 0) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
    throw foreignError(file, `it has tables ${shown} and no Tradewind schema`);
  }
}

function summarise(problems: string[]): string {
  const shown = problems.slice(0, 3).join('; ');
  return problems.length > 3 ? `${shown} (+${problems.length - 3} more)` : shown;
}

function describeBytes(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  return /^[\x20-\x7e]+$/.test(text) ? JSON.stringify(text) : `bytes ${bytes.toString('hex').replace(/(..)/g, '$1 ').trim()}`;
}
