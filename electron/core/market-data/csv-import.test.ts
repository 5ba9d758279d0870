import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAssetsDir } from '../paths';
import { formatCsvIssue, parseOhlcvCsv, readOhlcvCsvFile } from './csv-import';

const HEADER = 'timestamp_ms,open,high,low,close,volume';

function errorsOf(text: string): string[] {
  const result = parseOhlcvCsv(text);
  if (result.ok) throw new Error('expected errors');
  return result.errors.map(formatCsvIssue);
}

describe('CSV import', () => {
  it('reads the bundled real data with its header, and warns about each gap without filling it', () => {
    const result = readOhlcvCsvFile(path.join(resolveAssetsDir(), 'data', 'history', 'BTC_USDT-1h.csv'));
    if (!result.ok) throw new Error(result.errors[0]!.message);
    expect(result.candles.length).toBe(5482);
    expect(result.intervalMs).toBe(3_600_000);
    expect(result.candles.time[0]).toBe(1606780800000);
    expect(result.candles.open[0]).toBe(19695.87);
    expect(result.candles.volume[0]).toBe(4570.361518);
    // 11 hours are missing in 6 places (the data set's README); bars are not invented.
    const gaps = result.warnings.filter((w) => w.line > 0);
    expect(gaps).toHaveLength(6);
    expect(gaps[0]!.message).toMatch(/3 bars missing between 2020-12-21T14:00:00.000Z and 2020-12-21T18:00:00.000Z/);
    expect(result.warnings.at(-1)!.message).toBe('6 gaps, about 11 bars missing in total');
  });

  it('accepts no header, ISO 8601 times (UTC without a zone), CRLF and blank lines', () => {
    const text = [
      '2021-01-01T00:00:00Z,1,2,0.5,1.5,10',
      '',
      '2021-01-01 01:00,1.5,2,1,1.8,0',
      '2021-01-01T03:00:00+01:00,1.8,1.9,1.7,1.75,3.5',
      '',
    ].join('\r\n');
    const result = parseOhlcvCsv(text);
    if (!result.ok) throw new Error(result.errors[0]!.message);
    expect(Array.from(result.candles.time)).toEqual([Date.UTC(2021, 0, 1, 0), Date.UTC(2021, 0, 1, 1), Date.UTC(2021, 0, 1, 2)]);
    expect(result.warnings).toEqual([]);
  });

  it('names the line and the problem for every bad row', () => {
    const text = [
      HEADER,
      '1609459200000,1,2,0.5,1.5,10',
      '1609459260000,1,abc,0.5,1.5,10',
      '1609459260000,1,2,0.5,1.5',
      '1609459320000,1,0.4,0.5,0.45,10',
      '1609459380000,1,2,0.5,1.5,10',
      '1609459380000,1,2,0.5,1.5,10',
      '1609459200000,1,2,0.5,1.5,10',
      '1609459500000,3,2,0.5,1.5,10',
      '1609459560000,1,2,0.5,1.5,-1',
      '1609459620,1,2,0.5,1.5,1',
      'yesterday,1,2,0.5,1.5,1',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'line 3: high is not a number: "abc"',
      'line 4: expected 6 columns (timestamp, open, high, low, close, volume), found 5',
      'line 5: high 0.4 is below low 0.5',
      'line 7: duplicate timestamp 2021-01-01T00:03:00.000Z (same as line 6)',
      'line 8: rows are not sorted by time: 2021-01-01T00:00:00.000Z comes after 2021-01-01T00:03:00.000Z (line 6)',
      'line 9: open 3 is above high 2',
      'line 10: volume is negative: -1',
      'line 11: timestamp 1609459620 looks like seconds; use milliseconds or ISO 8601',
      'line 12: timestamp is neither epoch milliseconds nor ISO 8601: "yesterday"',
    ]);
  });

  it('rejects an unknown header, impossible dates and an empty file', () => {
    expect(errorsOf('time,o,h,l,c,v\n1609459200000,1,2,0.5,1.5,10')[0]).toMatch(
      /^line 1: header must be timestamp,open,high,low,close,volume/,
    );
    expect(errorsOf('2021-02-30T00:00:00Z,1,2,0.5,1.5,10')[0]).toMatch(/line 1: timestamp is not a valid date/);
    expect(errorsOf(`${HEADER}\n`)).toEqual(['the file has no data rows']);
  });

  it('lists the first 50 errors and counts the rest', () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${1609459200000 + i * 60_000},1,x,0.5,1.5,10`);
    const errors = errorsOf(rows.join('\n'));
    expect(errors).toHaveLength(51);
    expect(errors.at(-1)).toBe('… and 70 more errors');
  });

  it('reports a missing file instead of throwing', () => {
    const missing = path.join(os.tmpdir(), 'tradewind-no-such-file.csv');
    const result = readOhlcvCsvFile(missing);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.message).toMatch(/ENOENT/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-csv-'));
    const file = path.join(dir, 'one.csv');
    fs.writeFileSync(file, `${HEADER}\n1609459200000,1,2,0.5,1.5,10\n`);
    expect(readOhlcvCsvFile(file).ok).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
