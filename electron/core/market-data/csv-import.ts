/**
 * OHLCV CSV import for backtests: `timestamp,open,high,low,close,volume`, an optional header row,
 * timestamps in epoch milliseconds or ISO 8601 (UTC when no zone is given). Imported files are
 * untrusted: every row is checked, and each error names its line and the problem. Gaps are
 * reported as warnings and left as they are (a backtest never invents bars).
 */
import fs from 'node:fs';
import { allocateColumns, type CandleColumns } from '../strategy/candle-columns';

export const MAX_CSV_BYTES = 256 * 1024 * 1024;
export const MAX_CSV_ROWS = 5_000_000;
const MAX_LISTED = 50;

export interface CsvIssue {
  /** 1-based line in the file (0 for the file as a whole). */
  line: number;
  message: string;
}

export type CsvImportResult =
  { ok: true; candles: CandleColumns; intervalMs: number; warnings: CsvIssue[] } | { ok: false; errors: CsvIssue[]; warnings: CsvIssue[] };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const HEADER_NAMES = [/^(timestamp|time|date|datetime|open_?time)(_?ms)?$/i, /^open$/i, /^high$/i, /^low$/i, /^close$/i, /^volume$/i];
const FIELD_NAMES = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;
/** Epoch milliseconds below this are 1973 or earlier: almost surely seconds. */
const SECONDS_LIKE = 1e11;

export function readOhlcvCsvFile(filePath: string): CsvImportResult {
  let size: number;
  try {
    size = fs.statSync(filePath).size;
  } catch (error) {
    return failFile(`Cannot read ${filePath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  if (size > MAX_CSV_BYTES) {
    return failFile(`${filePath} is ${(size / 1e6).toFixed(0)} MB; the import limit is ${MAX_CSV_BYTES / 1024 / 1024} MB.`);
  }
  return parseOhlcvCsv(fs.readFileSync(filePath, 'utf8'));
}

function failFile(message: string): CsvImportResult {
  return { ok: false, errors: [{ line: 0, message }], warnings: [] };
}

export function parseOhlcvCsv(text: string): CsvImportResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors = new IssueList('errors');
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === '') first++;
  if (first < lines.length && isHeader(lines[first]!)) {
    checkHeader(lines[first]!, first + 1, errors);
    first++;
  }
  const capacity = Math.min(lines.length - first, MAX_CSV_ROWS + 1);
  const cols = allocateColumns(Math.max(0, capacity));
  const rowLine: number[] = [];
  let rows = 0;
  let prevTime = -Infinity;
  let prevLine = 0;
  for (let i = first; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    if (rows >= MAX_CSV_ROWS) {
      errors.add(line, `more than ${MAX_CSV_ROWS} rows; split the file`);
      break;
    }
    const fields = raw.split(',').map((f) => f.trim());
    if (fields.length !== 6) {
      errors.add(line, `expected 6 columns (timestamp, open, high, low, close, volume), found ${fields.length}`);
      continue;
    }
    const time = parseTimestamp(fields[0]!);
    if (typeof time === 'string') {
      errors.add(line, time);
      continue;
    }
    const values: number[] = [];
    let bad = false;
    for (let f = 1; f < 6; f++) {
      const text = fields[f]!;
      const value = NUMBER.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(value)) {
        errors.add(line, `${FIELD_NAMES[f]} is not a number: ${quote(text)}`);
        bad = true;
      } else if (value < 0) {
        errors.add(line, `${FIELD_NAMES[f]} is negative: ${text}`);
        bad = true;
      }
      values.push(value);
    }
    if (bad) continue;
    const [open, high, low, close, volume] = values as [number, number, number, number, number];
    const shape = checkBarShape(open, high, low, close);
    if (shape) {
      errors.add(line, shape);
      continue;
    }
    if (time === prevTime) {
      errors.add(line, `duplicate timestamp ${iso(time)} (same as line ${prevLine})`);
      continue;
    }
    if (time < prevTime) {
      errors.add(line, `rows are not sorted by time: ${iso(time)} comes after ${iso(prevTime)} (line ${prevLine})`);
      continue;
    }
    cols.time[rows] = time;
    cols.open[rows] = open;
    cols.high[rows] = high;
    cols.low[rows] = low;
    cols.close[rows] = close;
    cols.volume[rows] = volume;
    rowLine.push(line);
    rows++;
    prevTime = time;
    prevLine = line;
  }
  if (errors.count === 0 && rows === 0) errors.add(0, 'the file has no data rows');
  if (errors.count > 0) return { ok: false, errors: errors.list(), warnings: [] };
  const candles = trimColumns(cols, rows);
  const intervalMs = commonInterval(candles.time);
  return { ok: true, candles, intervalMs, warnings: findGaps(candles.time, intervalMs, rowLine) };
}

/** A header is a first line whose price and volume columns are not numbers. */
function isHeader(line: string): boolean {
  const rest = line
    .split(',')
    .slice(1)
    .map((f) => f.trim());
  return rest.length === 0 || !rest.every((f) => NUMBER.test(f));
}

function checkHeader(line: string, lineNumber: number, errors: IssueList): void {
  const names = line.split(',').map((f) => f.trim().replace(/^"|"$/g, ''));
  const ok = names.length === 6 && names.every((name, i) => HEADER_NAMES[i]!.test(name));
  if (!ok) {
    errors.add(
      lineNumber,
      `header must be timestamp,open,high,low,close,volume (e.g. timestamp_ms,open,high,low,close,volume); found ${quote(line)}`,
    );
  }
}

/** Epoch ms, or the reason it is not a timestamp. */
function parseTimestamp(text: string): number | string {
  if (/^\d+$/.test(text)) {
    const ms = Number(text);
    if (!Number.isSafeInteger(ms)) return `timestamp ${quote(text)} is too large`;
    if (ms < SECONDS_LIKE) return `timestamp ${text} looks like seconds; use milliseconds or ISO 8601`;
    return ms;
  }
  const m = ISO.exec(text);
  if (!m) return `timestamp is neither epoch milliseconds nor ISO 8601: ${quote(text)}`;
  const zone = m[7] ?? 'Z';
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const clock = m[4] === undefined ? '00:00:00' : `${m[4]}:${m[5]}:${m[6] ?? '00'}`;
  const fraction = /\.(\d{1,9})/.exec(text.slice(10))?.[1];
  const ms = Date.parse(`${date}T${clock}${fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : ''}${normaliseZone(zone)}`);
  if (!Number.isFinite(ms)) return `timestamp is not a valid date: ${quote(text)}`;
  // Date.parse rolls 2021-02-30 over to March; a calendar that does not exist is an error.
  if (new Date(ms + zoneOffsetMs(zone)).toISOString().slice(0, 10) !== date) return `timestamp is not a valid date: ${quote(text)}`;
  return ms;
}

function normaliseZone(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.replace(/[^0-9]/g, '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

function checkBarShape(open: number, high: number, low: number, close: number): string | undefined {
  if (high < low) return `high ${high} is below low ${low}`;
  if (open > high) return `open ${open} is above high ${high}`;
  if (open < low) return `open ${open} is below low ${low}`;
  if (close > high) return `close ${close} is above high ${high}`;
  if (close < low) return `close ${close} is below low ${low}`;
  return undefined;
}

function trimColumns(cols: CandleColumns, rows: number): CandleColumns {
  return {
    length: rows,
    time: cols.time.slice(0, rows),
    open: cols.open.slice(0, rows),
    high: cols.high.slice(0, rows),
    low: cols.low.slice(0, rows),
    close: cols.close.slice(0, rows),
    volume: cols.volume.slice(0, rows),
  };
}

/** The most frequent spacing between bars: the file's timeframe. */
export function commonInterval(times: Float64Array): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) {
    if (c > bestCount || (c === bestCount && d < best)) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

function findGaps(times: Float64Array, intervalMs: number, rowLine: readonly number[]): CsvIssue[] {
  const warnings = new IssueList('gaps');
  if (intervalMs <= 0) return [];
  let missingTotal = 0;
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    if (d <= intervalMs) continue;
    const missing = Math.max(1, Math.round(d / intervalMs) - 1);
    missingTotal += missing;
    warnings.add(
      rowLine[i]!,
      `gap: about ${missing} bar${missing === 1 ? '' : 's'} missing between ${iso(times[i - 1]!)} and ${iso(times[i]!)} (left as a gap)`,
    );
  }
  const list = warnings.list();
  if (warnings.count > 1) list.push({ line: 0, message: `${warnings.count} gaps, about ${missingTotal} bars missing in total` });
  return list;
}

/** Keeps the first MAX_LISTED issues and counts the rest, so a broken 1M-row file stays readable. */
class IssueList {
  count = 0;
  private readonly items: CsvIssue[] = [];

  constructor(private readonly noun: string) {}

  add(line: number, message: string): void {
    this.count++;
    if (this.items.length < MAX_LISTED) this.items.push({ line, message });
  }

  list(): CsvIssue[] {
    const more = this.count - this.items.length;
    return more > 0 ? [...this.items, { line: 0, message: `… and ${more} more ${this.noun}` }] : [...this.items];
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

export function formatCsvIssue(issue: CsvIssue): string {
  return issue.line > 0 ? `line ${issue.line}: ${issue.message}` : issue.message;
}
