/**
 * The headless host as a real child process (core loaded from source through tsx), for tests
 * that must kill it without warning: `kill9()` sends SIGKILL, so nothing in core gets to flush,
 * close or say goodbye — exactly what a crash or a power cut does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import WebSocket from 'ws';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const READY_LINE = /^Tradewind serving at (http:\/\/(\S+?))\/#token=(\S+)$/;

export interface RpcError extends Error {
  code: string;
}

export class HostRpc {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as
        | { t: 'result'; id: number; ok: true; value: unknown }
        | { t: 'result'; id: number; ok: false; error: { code: string; message: string } }
        | { t: 'event'; topic: string; payload: unknown };
      if (frame.t === 'event') {
        for (const listener of this.listeners.get(frame.topic) ?? []) listener(frame.payload);
        return;
      }
      const waiter = this.pending.get(frame.id);
      if (!waiter) return;
      this.pending.delete(frame.id);
      if (frame.ok) waiter.resolve(frame.value);
      else waiter.reject(Object.assign(new Error(`${frame.error.code}: ${frame.error.message}`), { code: frame.error.code }));
    });
    ws.on('close', () => {
      for (const waiter of this.pending.values()) waiter.reject(new Error('the host closed the connection'));
      this.pending.clear();
    });
    ws.on('error', () => {});
  }

  static open(url: string, origin: string, token: string): Promise<HostRpc> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { Origin: origin, Authorization: `Bearer ${token}` } });
      ws.once('open', () => resolve(new HostRpc(ws)));
      ws.once('error', reject);
    });
  }

  call<T>(method: string, input?: unknown, timeoutMs = 20_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.ws.send(JSON.stringify({ t: 'call', id, method, input }));
    });
  }

  subscribe(topic: string, listener: (payload: unknown) => void): void {
    let set = this.listeners.get(topic);
    if (!set) {
      this.listeners.set(topic, (set = new Set()));
      this.ws.send(JSON.stringify({ t: 'sub', topic }));
    }
    set.add(listener);
  }

  close(): void {
    this.ws.terminate();
  }
}

export interface HostProcess {
  readonly rpc: HostRpc;
  readonly pid: number;
  stderr(): string;
  /** SIGKILL, then waits for the process to be gone. */
  kill9(): Promise<void>;
  /** SIGTERM (clean shutdown), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

export interface HostOptions {
  dataDir: string;
  env: Record<string, string>;
  readyTimeoutMs?: number;
  /** The entry script, relative to the repository (default the real one, electron/server/index.ts). */
  entry?: string;
}

/** Starts `tradewind serve` on a free loopback port and connects an RPC client to it. */
export async function spawnHost(options: HostOptions): Promise<HostProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', options.entry ?? 'electron/server/index.ts', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, TRADEWIND_DATA_DIR: options.dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errText = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errText = (errText + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`host not ready in time:\n${errText}`)), options.readyTimeoutMs ?? 45_000);
    lines.on('line', (line) => {
      const match = READY_LINE.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before it was ready:\n${errText}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  const [, origin, hostPort, token] = ready as unknown as [string, string, string, string];
  const rpc = await HostRpc.open(`ws://${hostPort}/ws`, origin, token);
  return {
    rpc,
    pid: child.pid!,
    stderr: () => errText,
    async kill9() {
      rpc.close();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      rpc.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
