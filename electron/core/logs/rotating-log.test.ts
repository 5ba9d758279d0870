import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { rememberSecrets } from './live-secrets';
import { redact, redactForFile } from './redact';
import { LOG_FILE_NAME, RotatingLog, tailLogs } from './rotating-log';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('tw-logs-');
});
afterEach(() => temp.cleanup());

describe('rotating log files', () => {
  it('appends timestamped lines to <data folder>/logs/tradewind.log, readable by its owner only', () => {
    const log = new RotatingLog(temp.dir, { now: () => Date.parse('2026-01-02T03:04:05Z') });
    log.write('first');
    log.write('two\nlines', 'serve');
    const file = path.join(temp.dir, 'logs', LOG_FILE_NAME);
    expect(fs.readFileSync(file, 'utf8')).toBe('2026-01-02T03:04:05.000Z [core] first\n2026-01-02T03:04:05.000Z [serve] two\n    lines\n');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates by size and keeps only the newest N files', () => {
    const log = new RotatingLog(temp.dir, { maxBytes: 200, keep: 2, now: () => 0 });
    for (let i = 0; i < 40; i++) log.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(40)}`);
    const names = fs.readdirSync(path.join(temp.dir, 'logs')).sort();
    expect(names).toEqual(['tradewind.1.log', 'tradewind.2.log', 'tradewind.log']);
    for (const name of names) expect(fs.statSync(path.join(temp.dir, 'logs', name)).size).toBeLessThanOrEqual(200);
    // The newest lines survive, in order, across the files.
    const tail = tailLogs(temp.dir, 3, 2);
    expect(tail.map((l) => /line \d\d/.exec(l)?.[0])).toEqual(['line 37', 'line 38', 'line 39']);
  });
});

describe('a log file that cannot be written', () => {
  it('drops lines without throwing and writes again once the folder is back', () => {
    let now = 0;
    const log = new RotatingLog(temp.dir, { now: () => now });
    // A file where the logs folder should be: every write fails, as on a full or read-only disk.
    fs.writeFileSync(path.join(temp.dir, 'logs'), 'in the way');
    expect(() => log.write('lost')).not.toThrow();
    fs.rmSync(path.join(temp.dir, 'logs'));
    now += 1_000;
    log.write('still waiting');
    expect(fs.existsSync(path.join(temp.dir, 'logs'))).toBe(false);
    now += 30_000;
    log.write('back');
    expect(fs.readFileSync(log.file, 'utf8')).toMatch(/\[core\] back\n$/);
  });
});

describe('redaction', () => {
  it('removes live secrets by value, in quoted and URL-encoded spellings', () => {
    rememberSecrets('CANARY-live-secret/+=42');
    expect(redact('sig failed for CANARY-live-secret/+=42 and CANARY-live-secret%2F%2B%3D42')).toBe(
      'sig failed for [redacted] and [redacted]',
    );
  });

  it('removes credentials by pattern whatever their value', () => {
    expect(redact('GET /ws?token=abcdef123456&x=1')).toBe('GET /ws?token=[redacted]&x=1');
    expect(redact('open http://h/#token=abcdef123456')).toBe('open http://h/#token=[redacted]');
    expect(redact('{"apiKey":"AKIA1234567890","secret": "s3cr3t-value","label":"Main"}')).toBe(
      '{"apiKey":"[redacted]","secret": "[redacted]","label":"Main"}',
    );
    expect(redact('headers: Authorization: Bearer eyJhbGciOi.abc.def X-MBX-APIKEY: vmPUZE6mv9SD5VNHk4')).toBe(
      'headers: Authorization: Bearer [redacted] X-MBX-APIKEY: [redacted]',
    );
    expect(redact('password=hunter2-hunter2 passphrase: correct-horse')).toBe('password=[redacted] passphrase: [redacted]');
    expect(redact('-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----')).toBe('[redacted]');
    expect(redact('ws: refused upgrade (401 missing or wrong token)')).toBe('ws: refused upgrade (401 missing or wrong token)');
  });

  it('keeps the host confirmation codes out of stored text only', () => {
    const line = 'tradewind serve: CONFIRMATION CODE 123-456 — Start a live bot';
    expect(redact(line)).toBe(line);
    expect(redactForFile(line)).toBe('tradewind serve: CONFIRMATION CODE [redacted] — Start a live bot');
  });
});
