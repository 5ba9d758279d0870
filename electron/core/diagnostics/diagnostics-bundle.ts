/**
 * "Export diagnostics": one JSON file a person can attach to a bug report. It holds versions,
 * the OS, the settings (credential-like keys blanked), the last log lines, the database's
 * quick_check and the accounts without any key material — and the whole text passes the log
 * redactor once more before it is written, so a secret that slipped into any part is blanked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { checkIntegrity, type IntegrityReport } from '../db/integrity';
import { logsDirOf, tailLogs } from '../logs/rotating-log';
import { redactForFile, REDACTED } from '../logs/redact';
import { APP_VERSION } from '../version';

export const DIAGNOSTICS_FORMAT = 'tradewind-diagnostics';
export const DEFAULT_LOG_LINES = 500;
/** Settings whose key sounds like a credential are never exported, whatever they hold. */
const CREDENTIAL_KEY = /secret|token|pass|api.?key|credential|webhook|private/i;

export interface DiagnosticsAccount {
  id: string;
  label: string;
  exchangeId: string;
  kind: string;
  sandbox: boolean;
  createdAt: string;
}

export interface DiagnosticsBundle {
  format: typeof DIAGNOSTICS_FORMAT;
  version: 1;
  generatedAt: string;
  host: string;
  versions: Record<string, string>;
  os: { platform: string; release: string; arch: string; cpus: number; totalMemoryMb: number };
  dataDir: string;
  logsDir: string;
  database: { quickCheck: IntegrityReport | { ok: false; problems: string[] } };
  settings: Record<string, string>;
  accounts: DiagnosticsAccount[];
  logTail: string[];
}

export interface DiagnosticsInput {
  /** The live database, or one opened read-only (CLI); null when the folder has none. */
  db: Database.Database | null;
  dataDir: string;
  host: string;
  logLines?: number;
  now?: number;
}

export function buildDiagnostics(input: DiagnosticsInput): DiagnosticsBundle {
  const { db } = input;
  const versions: Record<string, string> = { tradewind: APP_VERSION, node: process.versions.node, v8: process.versions.v8 };
  if (process.versions.electron) versions.electron = process.versions.electron;
  if (db) versions.sqlite = String(db.prepare('SELECT sqlite_version()').pluck().get());
  return {
    format: DIAGNOSTICS_FORMAT,
    version: 1,
    generatedAt: new Date(input.now ?? Date.now()).toISOString(),
    host: input.host,
    versions,
    os: {
      platform: process.platform,
      release: os.release(),
      arch: process.arch,
      cpus: os.cpus().length,
      totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    },
    dataDir: input.dataDir,
    logsDir: logsDirOf(input.dataDir),
    database: { quickCheck: db ? safely(() => checkIntegrity(db, 'quick')) : { ok: false, problems: ['no database in this data folder'] } },
    settings: db ? safely(() => readSettings(db), {}) : {},
    accounts: db ? safely(() => readAccounts(db), []) : [],
    logTail: tailLogs(input.dataDir, input.logLines ?? DEFAULT_LOG_LINES),
  };
}

/** The bundle as stored: pretty JSON, redacted as a whole. */
export function diagnosticsText(bundle: DiagnosticsBundle): string {
  return `${redactForFile(JSON.stringify(bundle, null, 2))}\n`;
}

export function writeDiagnostics(bundle: DiagnosticsBundle, file: string): { file: string; sizeBytes: number } {
  const text = diagnosticsText(bundle);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o600 });
  return { file, sizeBytes: Buffer.byteLength(text) };
}

/** `<data folder>/diagnostics/tradewind-diagnostics-<time>.json`: where the app saves its exports. */
export function diagnosticsFileFor(dataDir: string, now = Date.now()): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  return path.join(dataDir, 'diagnostics', `tradewind-diagnostics-${stamp}.json`);
}

function readSettings(db: Database.Database): Record<string, string> {
  const rows = db.prepare('SELECT key, value FROM settings ORDER BY key').all() as Array<{ key: string; value: string }>;
  return Object.fromEntries(
    rows.map(({ key, value }) => [key, CREDENTIAL_KEY.test(key) ? REDACTED : value.length > 2000 ? `${value.slice(0, 2000)}…` : value]),
  );
}

function readAccounts(db: Database.Database): DiagnosticsAccount[] {
  const rows = db.prepare('SELECT id, label, exchange_id, kind, sandbox, created_at FROM accounts ORDER BY created_at').all() as Array<{
    id: string;
    label: string;
    exchange_id: string;
    kind: string;
    sandbox: number;
    created_at: number;
  }>;
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    exchangeId: r.exchange_id,
    kind: r.kind,
    sandbox: r.sandbox === 1,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** A damaged database must not stop the export that is meant to help diagnose it. */
function safely<T>(read: () => T, fallback?: T): T {
  try {
    return read();
  } catch (error) {
    if (fallback !== undefined) return fallback;
    return { ok: false, problems: [(error as Error).message] } as T;
  }
}
