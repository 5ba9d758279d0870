/**
 * Log files in `<data folder>/logs/`: `tradewind.log`, rotated by size into `tradewind.1.log` …
 * `tradewind.<keep>.log` (the oldest is dropped). Writes are synchronous appends: a line is on
 * disk before the next statement runs, so a crash loses nothing already logged, and lines from
 * one process never interleave. Every line passes the redactor first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { redactForFile } from './redact';

export const LOGS_DIR_NAME = 'logs';
export const LOG_FILE_NAME = 'tradewind.log';

export interface RotatingLogOptions {
  maxBytes?: number;
  keep?: number;
  now?: () => number;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_KEEP = 5;
const RETRY_AFTER_MS = 30_000;

export function logsDirOf(dataDir: string): string {
  return path.join(dataDir, LOGS_DIR_NAME);
}

export class RotatingLog {
  readonly dir: string;
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => number;
  private size: number | null = null;
  /** When writing last failed (disk full, folder gone); lines are dropped for a while, then tried again. */
  private failedAt: number | null = null;

  constructor(dataDir: string, options: RotatingLogOptions = {}) {
    this.dir = logsDirOf(dataDir);
    this.file = path.join(this.dir, LOG_FILE_NAME);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.keep = options.keep ?? DEFAULT_KEEP;
    this.now = options.now ?? Date.now;
  }

  /**
   * Appends one line (timestamped, redacted). No descriptor is held open between lines, so
   * nothing needs closing and a deleted or rotated file is simply created again. Logging never
   * throws: a full disk must not stop trading.
   */
  write(line: string, source = 'core'): void {
    if (this.failedAt !== null && this.now() - this.failedAt < RETRY_AFTER_MS) return;
    try {
      const text = `${new Date(this.now()).toISOString()} [${source}] ${redactForFile(line).replace(/\r?\n/g, '\n    ')}\n`;
      const bytes = Buffer.byteLength(text);
      if (this.size === null) {
        fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
      }
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      fs.appendFileSync(this.file, text, { mode: 0o600 });
      this.size += bytes;
      if (this.failedAt !== null) process.stderr.write(`tradewind: log file ${this.file} is written again\n`);
      this.failedAt = null;
    } catch (error) {
      // Said once per outage on stderr: the log is a diagnostic aid, never a reason to fail.
      if (this.failedAt === null) {
        process.stderr.write(
          `tradewind: log file ${this.file} cannot be written (${(error as Error).message}); lines are dropped and it is tried again every ${RETRY_AFTER_MS / 1000} s\n`,
        );
      }
      this.failedAt = this.now();
      this.size = null;
    }
  }

  /** The log files, newest first. */
  files(): string[] {
    return [this.file, ...Array.from({ length: this.keep }, (_, i) => this.rotated(i + 1))].filter((f) => fs.existsSync(f));
  }

  private rotate(): void {
    fs.rmSync(this.rotated(this.keep), { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      if (fs.existsSync(this.rotated(i))) fs.renameSync(this.rotated(i), this.rotated(i + 1));
    }
    if (this.keep >= 1) fs.renameSync(this.file, this.rotated(1));
    else fs.rmSync(this.file, { force: true });
    this.size = 0;
  }

  private rotated(n: number): string {
    return path.join(this.dir, LOG_FILE_NAME.replace(/\.log$/, `.${n}.log`));
  }
}

const shared = new Map<string, RotatingLog>();

/** One writer per data folder in this process, shared by core and its host so rotation is counted once. */
export function logFileFor(dataDir: string): RotatingLog {
  const key = path.resolve(dataDir);
  let log = shared.get(key);
  if (!log) {
    log = new RotatingLog(key);
    shared.set(key, log);
  }
  return log;
}

/** The last `count` lines across the log files (oldest first), for diagnostics. Redacted again: older files may predate a secret. */
export function tailLogs(dataDir: string, count: number, keep = DEFAULT_KEEP): string[] {
  const log = new RotatingLog(dataDir, { keep });
  const lines: string[] = [];
  for (const file of log.files()) {
    const text = fs.readFileSync(file, 'utf8');
    const fileLines = text.split('\n').filter((l) => l !== '');
    lines.unshift(...fileLines);
    if (lines.length >= count) break;
  }
  return lines.slice(-count).map((line) => redactForFile(line));
}
