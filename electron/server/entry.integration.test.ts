/** The `tradewind serve` process contract: one stdout line, exit codes, clean shutdown on signals. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { upgradeStatus, WsProbe } from './test-support';

const ROOT = path.resolve(__dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'tw-entry-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startServer(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/server/index.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, TRADEWIND_DATA_DIR: dataDir, TRADEWIND_OFFLINE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] as string);
    });
    child.on('exit', () => reject(new Error(`exited before printing: ${stderr}`)));
  });
  // Tests that expect an early exit never await it.
  firstLine.catch(() => {});
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

// Each test spawns a Node process that loads core from source; allow for a busy machine.
describe('tradewind serve process', { timeout: 60_000 }, () => {
  it('prints exactly one line with the URL and token, serves, and exits 0 on SIGTERM', async () => {
    const server = startServer(['--port', '0']);
    const line = await server.firstLine;
    const match = /^Tradewind serving at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, port, token] = match as unknown as [string, string, string];

    expect(await upgradeStatus(`ws://127.0.0.1:${port}/ws`)).toBe(401);
    const probe = await WsProbe.open(`ws://127.0.0.1:${port}/ws?token=${token}`, { Origin: `http://127.0.0.1:${port}` });
    expect(await probe.call(1, 'app.info')).toMatchObject({ ok: true, value: { host: 'server', dataDir } });

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(probe.closed?.code).toBe(1001);
    expect(server.output().stdout).toBe(`${line}\n`);
  });

  it('exits 2 with a message on stderr for bad arguments', async () => {
    const server = startServer(['--port', '99999']);
    expect(await server.exited).toBe(2);
    expect(server.output().stdout).toBe('');
    expect(server.output().stderr).toMatch(/--port must be an integer/);
  });
});
