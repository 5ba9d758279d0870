/** `tradewind diagnostics --out FILE`: the app's "Export diagnostics" from a terminal (works while Tradewind runs). */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE_NAME } from '../core/db/connection';
import { buildDiagnostics, writeDiagnostics } from '../core/diagnostics/diagnostics-bundle';
import { resolveDataDir } from '../core/paths';
import type { DiagnosticsArgs } from './cli-args';
import type { StorageIo } from './storage-commands';

export function runDiagnosticsCommand(args: DiagnosticsArgs, io: StorageIo): number {
  const dataDir = resolveDataDir(args.dataDir);
  if (!fs.existsSync(dataDir)) {
    io.stderr(`tradewind diagnostics: the data folder ${dataDir} does not exist; check --data-dir or TRADEWIND_DATA_DIR\n`);
    return 2;
  }
  const file = path.join(dataDir, DB_FILE_NAME);
  // Read-only: a running Tradewind keeps writing; this reader changes nothing.
  const db = fs.existsSync(file) ? new Database(file, { readonly: true, fileMustExist: true }) : null;
  try {
    const bundle = buildDiagnostics({ db, dataDir, host: 'cli', ...(args.lines !== undefined ? { logLines: args.lines } : {}) });
    const out = path.resolve(args.out);
    const written = writeDiagnostics(bundle, out);
    const check = bundle.database.quickCheck.ok ? 'ok' : `problems: ${bundle.database.quickCheck.problems.slice(0, 3).join('; ')}`;
    io.stdout(
      `Diagnostics written to ${written.file} (${written.sizeBytes} bytes, ${bundle.logTail.length} log lines, database quick_check: ${check}). Secrets are redacted; read it before you share it.\n`,
    );
    return 0;
  } finally {
    db?.close();
  }
}
