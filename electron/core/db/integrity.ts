/**
 * SQLite's own consistency checks. `quick` (PRAGMA quick_check) reads every page and checks the
 * b-trees, skipping the index-vs-table comparison; it runs at every start. `full`
 * (PRAGMA integrity_check) adds that comparison and runs on request and before a restore.
 */
import Database from 'better-sqlite3';
import { isCorruptionError } from './database-errors';

export type CheckKind = 'quick' | 'full';

export interface IntegrityReport {
  ok: boolean;
  /** SQLite's findings, at most `MAX_PROBLEMS`; empty when ok. */
  problems: string[];
}

export const MAX_PROBLEMS = 20;

export function checkIntegrity(db: Database.Database, kind: CheckKind): IntegrityReport {
  const pragma = kind === 'quick' ? 'quick_check' : 'integrity_check';
  try {
    const rows = db.pragma(`${pragma}(${MAX_PROBLEMS})`, { simple: false }) as Record<string, string>[];
    const lines = rows
      .flatMap((row) => String(Object.values(row)[0] ?? '').split('\n'))
      .filter((line) => line !== '' && !line.startsWith('*** in database'));
    const ok = lines.length === 1 && lines[0] === 'ok';
    return { ok, problems: ok ? [] : lines.slice(0, MAX_PROBLEMS) };
  } catch (error) {
    // A header or root page so broken that the check itself cannot run.
    if (isCorruptionError(error)) return { ok: false, problems: [(error as Error).message] };
    throw error;
  }
}

/** Checks a database file that nothing else has open (a backup), read-only: the file is never changed. */
export function checkFile(file: string, kind: CheckKind): IntegrityReport {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return checkIntegrity(db, kind);
  } catch (error) {
    if (isCorruptionError(error)) return { ok: false, problems: [(error as Error).message] };
    throw error;
  } finally {
    db?.close();
  }
}
