/** `tradewind worker` as a child process from the TypeScript source (tests and the fleet bench). */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess, waitForLine } from './redis-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves on the first line (already printed or to come) matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
}

export async function startWorkerProcess(redisUrl: string, extraArgs: string[] = []): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/server/cli.ts', 'worker', '--redis', redisUrl, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TRADEWIND_REDIS_URL: '' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const worker: WorkerProcess = {
    child,
    output: () => out,
    waitFor: (pattern) => {
      const line = out.split('\n').find((l) => pattern.test(l));
      return line !== undefined ? Promise.resolve(line) : waitForLine(child, pattern, 'tradewind worker');
    },
    stop: () => stopProcess(child),
  };
  await worker.waitFor(/tradewind worker: ready/);
  return worker;
}
