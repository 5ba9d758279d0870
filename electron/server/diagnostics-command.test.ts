import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { populate } from '../core/db/testing/damage';
import type { DiagnosticsBundle } from '../core/diagnostics/diagnostics-bundle';
import { rememberSecrets } from '../core/logs/live-secrets';
import { RotatingLog } from '../core/logs/rotating-log';
import { makeTempDir } from '../core/test-support/temp-dir';
import { runStrategyCli } from './strategy-commands';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runStrategyCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const CANARY_SECRET = 'DIAGCANARY-secret-9f8e7d6c5b';
const CANARY_TOKEN = 'DIAGCANARY-bot-token-1a2b3c4d';

describe('tradewind diagnostics', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('writes a redacted bundle: versions, OS, settings, quick_check, accounts without keys, the last log lines', async () => {
    temp = makeTempDir();
    const db = populate(temp.dir, 3);
    db.prepare("INSERT INTO accounts (id, label, exchange_id, kind, created_at) VALUES ('acc-1', 'Main', 'binance', 'live', 0)").run();
    db.prepare("INSERT INTO settings (key, value) VALUES ('alerts.telegram.botToken', ?), ('ui.theme', 'dark')").run(CANARY_TOKEN);
    db.close();
    const log = new RotatingLog(temp.dir);
    for (let i = 0; i < 10; i++) log.write(`line ${i}`);
    log.write(`ccxt: binance {"apiKey":"x","secret":"${CANARY_SECRET}"}`);
    rememberSecrets('DIAGCANARY-live-only-5e6f7a8b');
    // A line written before the secret was known (an older file) is redacted again on export.
    fs.appendFileSync(log.file, 'old line quoting DIAGCANARY-live-only-5e6f7a8b\n');

    const out = path.join(temp.dir, 'export', 'diag.json');
    const result = await cli('diagnostics', '--out', out, '--lines', '5', '--data-dir', temp.dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Diagnostics written to .*diag\.json \(\d+ bytes, 5 log lines, database quick_check: ok\)/);
    const text = fs.readFileSync(out, 'utf8');
    for (const needle of [CANARY_SECRET, CANARY_TOKEN, 'DIAGCANARY-live-only']) expect(text).not.toContain(needle);
    const bundle = JSON.parse(text) as DiagnosticsBundle;
    expect(bundle).toMatchObject({
      format: 'tradewind-diagnostics',
      host: 'cli',
      versions: { tradewind: expect.any(String), node: process.versions.node, sqlite: expect.stringMatching(/^3\./) },
      os: { platform: process.platform, arch: process.arch },
      database: { quickCheck: { ok: true, problems: [] } },
      settings: { 'alerts.telegram.botToken': '[redacted]', 'ui.theme': 'dark' },
      accounts: [{ id: 'acc-1', label: 'Main', exchangeId: 'binance', kind: 'live', sandbox: false }],
    });
    expect(bundle.logTail).toHaveLength(5);
    expect(bundle.logTail.at(-1)).toBe('old line quoting [redacted]');
    expect(bundle.logTail.at(-2)).toContain('"secret":"[redacted]"');
    if (process.platform !== 'win32') expect(fs.statSync(out).mode & 0o777).toBe(0o600);
  });

  it('refuses a missing --out or data folder with exit 2', async () => {
    temp = makeTempDir();
    expect(await cli('diagnostics', '--data-dir', temp.dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/needs --out FILE/) });
    expect(await cli('diagnostics', '--out', 'x.json', '--data-dir', path.join(temp.dir, 'nope'))).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/does not exist/),
    });
  });
});
