/** The `tradewind serve` process contract: one stdout line, exit codes, clean shutdown on signals. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, upgradeStatus, WsProbe } from './test-support';

const ROOT = path.resolve(__dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'tw-entry-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startServer(args: string[], options: { env?: Record<string, string>; stdin?: string; dir?: string } = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/server/index.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, TRADEWIND_DATA_DIR: options.dir ?? dataDir, TRADEWIND_OFFLINE: '1', ...options.env },
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  // stdout/stderr are always piped (only stdin varies), so the streams exist.
  const out = child.stdout!;
  const err = child.stderr!;
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    out.on('data', () => {
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
  it('prints exactly one line with the URL and the token in its fragment, serves, and exits 0 on SIGTERM', async () => {
    const server = startServer(['--port', '0']);
    const line = await server.firstLine;
    const match = /^Tradewind serving at http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, port, token] = match as unknown as [string, string, string];
    // No core file may be written (core memory holds secrets): RLIMIT_CORE is 0, soft and hard.
    if (process.platform === 'linux') {
      expect(readFileSync(`/proc/${server.child.pid}/limits`, 'utf8')).toMatch(/^Max core file size\s+0\s+0\s+bytes/m);
    } else {
      console.info(`core-dump limit not checked: /proc/<pid>/limits exists on Linux only (this is ${process.platform})`);
    }

    expect(await upgradeStatus(`ws://127.0.0.1:${port}/ws`)).toBe(401);
    // The token is not read from the URL any more; a non-browser client sends it as a bearer header.
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/ws?token=${token}`)).toBe(401);
    const probe = await WsProbe.open(`ws://127.0.0.1:${port}/ws`, { ...bearer(token), Origin: `http://127.0.0.1:${port}` });
    expect(await probe.call(1, 'app.info')).toMatchObject({ ok: true, value: { host: 'server', dataDir } });

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(probe.closed?.code).toBe(1001);
    expect(server.output().stdout).toBe(`${line}\n`);
  });

  it('refuses to bind beyond loopback without TLS unless --insecure is given', async () => {
    const server = startServer(['--port', '0', '--host', '0.0.0.0']);
    expect(await server.exited).toBe(2);
    expect(server.output().stdout).toBe('');
    expect(server.output().stderr).toMatch(/--host 0\.0\.0\.0 reaches beyond this machine.*--tls-cert FILE --tls-key FILE.*--insecure/);
  });

  it('exits 2 naming the file when the TLS certificate cannot be read', async () => {
    const server = startServer(['--port', '0', '--tls-cert', path.join(dataDir, 'nope.pem'), '--tls-key', path.join(dataDir, 'nope.key')]);
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toMatch(/cannot read --tls-cert .*nope\.pem/);
  });

  it('reads the encrypted store passphrase from stdin with --passphrase-stdin and hands it to core', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-entry-stdin-'));
    try {
      const server = startServer(['--port', '0', '--passphrase-stdin'], {
        dir,
        stdin: 'tooshort1\n',
        env: { TRADEWIND_SECRET_STORE: 'encrypted-file' },
      });
      const [, port, token] = /:(\d+)\/#token=(\S+)$/.exec(await server.firstLine) as unknown as [string, string, string];
      const probe = await WsProbe.open(`ws://127.0.0.1:${port}/ws`, bearer(token));
      const added = await probe.call(1, 'accounts.add', {
        exchangeId: 'binance',
        label: 'Main',
        sandbox: false,
        credentials: { apiKey: 'k'.repeat(20), secret: 's'.repeat(20) },
      });
      // The 9 characters typed on stdin are what core got: refused with their own code, never echoed.
      expect(added).toMatchObject({
        ok: false,
        error: { code: 'passphrase_too_short', message: expect.stringMatching(/has 9 characters/) },
      });
      probe.close();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output().stderr).not.toContain('tooshort1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a passphrase given both on stdin and in the environment', async () => {
    const server = startServer(['--port', '0', '--passphrase-stdin'], {
      stdin: 'a long enough passphrase\n',
      env: { TRADEWIND_SECRET_PASSPHRASE: 'another long passphrase' },
    });
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toMatch(/give it one way only/);
    expect(server.output().stderr).not.toMatch(/a long enough passphrase|another long passphrase/);
  });

  it('exits 2 with a message on stderr for bad arguments', async () => {
    const server = startServer(['--port', '99999']);
    expect(await server.exited).toBe(2);
    expect(server.output().stdout).toBe('');
    expect(server.output().stderr).toMatch(/--port must be an integer/);
  });
});
