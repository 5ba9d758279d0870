/**
 * `tradewind serve` when its database is damaged while it runs (a failing disk): it must not die
 * of an uncaught SqliteError. Core stops trading and bots and refuses writes; the host stays up,
 * says so once on stderr, answers calls with `database_damaged`, and still shuts down cleanly.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { corruptPage, dbFile } from '../core/db/testing/damage';
import { makeTempDir } from '../core/test-support/temp-dir';
import { bearer, WsProbe } from './test-support';

const ROOT = path.resolve(__dirname, '../..');

describe('tradewind serve with its database damaged while running', { timeout: 60_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('stays up, reports the damage once, answers database_damaged, and exits 0 on SIGTERM', async () => {
    temp = makeTempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/server/index.ts', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, TRADEWIND_DATA_DIR: temp.dir, TRADEWIND_OFFLINE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const stderrWaiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const waiter of stderrWaiters.splice(0)) {
        if (waiter.pattern.test(stderr)) waiter.resolve();
        else stderrWaiters.push(waiter);
      }
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = /^Tradewind serving at http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+)$/m.exec(stdout);
        if (match) resolve(match);
      });
      child.on('exit', () => reject(new Error(`exited before it was ready: ${stderr}`)));
    });
    const [, port, token] = ready as unknown as [string, string, string];

    // Wreck the accounts table's page on disk, then make the host's connection drop its page cache
    // (a commit from another connection), as a failing disk would; its 1 s portfolio tick reads it.
    const reported = new Promise<void>((resolve, reject) => {
      stderrWaiters.push({ pattern: /tradewind serve: The database .* is damaged/, resolve });
      child.on('exit', (code) => reject(new Error(`the host exited (${code}) instead:\n${stderr}`)));
    });
    const side = new Database(dbFile(temp.dir));
    side.pragma('busy_timeout = 5000');
    side.pragma('wal_checkpoint(TRUNCATE)');
    const root = side.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'accounts'").pluck().get() as number;
    corruptPage(dbFile(temp.dir), root);
    side.prepare("INSERT INTO settings (key, value) VALUES ('poke', '1')").run();
    side.close();
    await reported;

    expect(child.exitCode).toBeNull();
    const probe = await WsProbe.open(`ws://127.0.0.1:${port}/ws`, { ...bearer(token), Origin: `http://127.0.0.1:${port}` });
    expect(await probe.call(1, 'accounts.list')).toMatchObject({ ok: false, error: { code: 'database_damaged' } });
    expect(await probe.call(2, 'storage.info')).toMatchObject({ ok: true, value: { damaged: expect.stringMatching(/damaged/) } });
    probe.close();
    expect(stderr.match(/tradewind serve: The database .* is damaged/g)).toHaveLength(1);
    expect(stderr).not.toMatch(/uncaught exception/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
