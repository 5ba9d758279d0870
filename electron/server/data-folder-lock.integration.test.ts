/**
 * One process per data folder, with real processes: a second `tradewind serve` on a folder in use
 * is refused (exit 3, no ready line, the holder named), and after a kill -9 of the holder the
 * folder is taken again at once: the OS dropped the lock with the process, nothing is stale.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_INFO_FILE_NAME } from '../core/db/data-folder-lock';
import { makeTempDir } from '../core/test-support/temp-dir';
import { EXIT_DATA_FOLDER_IN_USE } from './args';
import { spawnHost, type HostProcess } from './reliability/host-process';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENV = { TRADEWIND_OFFLINE: '1' };

const hosts: HostProcess[] = [];
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.kill9();
  temp?.cleanup();
  temp = undefined;
});

async function startHost(dataDir: string): Promise<HostProcess> {
  const host = await spawnHost({ dataDir, env: ENV, readyTimeoutMs: 60_000 });
  hosts.push(host);
  return host;
}

/** Runs a host that is expected to give up: its exit code and everything it printed. */
function runRefusedHost(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/server/index.ts', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, TRADEWIND_DATA_DIR: dataDir, ...ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    // A host that was wrongly let in would serve forever: bound the wait and say why.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the second host did not exit; it printed:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function sidecarPid(dataDir: string): number {
  return (JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_INFO_FILE_NAME), 'utf8')) as { pid: number }).pid;
}

// Each host is a Node process loading core from source; allow for a busy machine.
describe('one tradewind serve per data folder', { timeout: 240_000 }, () => {
  it('refuses a second host on the same folder, and lets a new one in at once after a kill -9 of the holder', async () => {
    temp = makeTempDir();
    const dataDir = temp.dir;
    const first = await startHost(dataDir);

    const second = await runRefusedHost(dataDir);
    expect(second.code).toBe(EXIT_DATA_FOLDER_IN_USE);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(
      new RegExp(
        `tradewind serve: The data folder ${escape(dataDir)} is in use by pid ${first.pid} \\(tradewind serve, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)\\.`,
      ),
    );
    expect(second.stderr).toContain('Close it, or point TRADEWIND_DATA_DIR elsewhere.');
    // The refused host changed nothing for the holder.
    expect(await first.rpc.call('app.info')).toMatchObject({ host: 'server', dataDir });
    expect(sidecarPid(dataDir)).toBe(first.pid);

    await first.kill9();
    hosts.splice(hosts.indexOf(first), 1);
    // The dead holder's sidecar is still there; it does not matter, the OS lock went with it.
    expect(sidecarPid(dataDir)).toBe(first.pid);
    const third = await startHost(dataDir);
    expect(await third.rpc.call('app.info')).toMatchObject({ host: 'server', dataDir });
    expect(sidecarPid(dataDir)).toBe(third.pid);
    expect(third.stderr()).not.toMatch(/in use/);

    // A clean stop gives the folder up too (and removes the sidecar).
    await third.stop();
    hosts.splice(hosts.indexOf(third), 1);
    expect(fs.existsSync(path.join(dataDir, LOCK_INFO_FILE_NAME))).toBe(false);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
