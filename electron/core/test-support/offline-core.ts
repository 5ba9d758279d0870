/**
 * A real core (createCore, offline) on a throwaway data folder, called the way the renderer calls
 * it. Tests that restart a core on the same folder use `start`/`stop`; `useOfflineCore` registers
 * the clean-up with Vitest so every test file does not repeat it.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { isMethodName, methods } from '../../../shared/ipc/contract';
import type { JobProgress } from '../../../shared/ipc/schemas/strategies';
import { createCore, type Core, type CoreOptions } from '../index';
import { makeTempDir } from './temp-dir';

export interface OfflineCore {
  /** Starts a core on the data folder (made on first use); a restart reuses the folder. */
  start(): Promise<Core>;
  /** Closes the running core and keeps its folder, so a test can edit the files or restart. */
  stop(): Promise<void>;
  readonly core: Core;
  readonly dir: string;
  /** Every `jobs.progress` event since the core started. */
  readonly jobEvents: readonly JobProgress[];
  /** Calls a method; a refusal throws with its code; the answer is checked against the contract. */
  call<T>(method: string, input?: unknown): Promise<T>;
  /** Calls a method that must be refused and gives the refusal. */
  refusal(method: string, input?: unknown): Promise<{ code: string; message: string }>;
  /** Resolves on the job's end event (the registry emits it once the run settles). */
  jobEnd(jobId: string): Promise<JobProgress>;
}

export interface OfflineCoreOptions {
  sessionId?: string;
  /** 'each': a fresh folder per test, started by the test; 'all': one core for the file, started before it. */
  scope?: 'each' | 'all';
  /** Extra core options (a fixed clock, …); `log` is silent unless given. */
  core?: Partial<CoreOptions>;
}

export function useOfflineCore(options: OfflineCoreOptions = {}): OfflineCore {
  const ctx = { sessionId: options.sessionId ?? 'offline-core-test' };
  let core: Core | undefined;
  let temp: ReturnType<typeof makeTempDir> | undefined;
  let events: JobProgress[] = [];

  const running = (): Core => {
    if (!core) throw new Error('the test core is not running: call start() first');
    return core;
  };

  const harness: OfflineCore = {
    async start() {
      temp ??= makeTempDir();
      events = [];
      core = await createCore({ host: 'test', offline: true, log: () => {}, ...options.core, dataDir: temp.dir });
      core.subscribe('jobs.progress', (p) => events.push(p));
      return core;
    },
    async stop() {
      await core?.close();
      core = undefined;
    },
    get core() {
      return running();
    },
    get dir() {
      if (!temp) throw new Error('the test core has no data folder yet: call start() first');
      return temp.dir;
    },
    get jobEvents() {
      return events;
    },
    async call<T>(method: string, input?: unknown): Promise<T> {
      const result = await running().invoke(method, input, ctx);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      if (isMethodName(method)) methods[method].output.parse(result.value);
      return result.value as T;
    },
    async refusal(method: string, input?: unknown) {
      const result = await running().invoke(method, input, ctx);
      if (result.ok) throw new Error(`${method} was accepted`);
      return result.error;
    },
    jobEnd(jobId: string) {
      const live = running();
      return new Promise((resolve) => {
        const check = () => {
          const end = events.find((e) => e.jobId === jobId && e.state !== 'running');
          if (end) {
            stop();
            resolve(end);
          }
        };
        const stop = live.subscribe('jobs.progress', check);
        check();
      });
    },
  };

  const cleanup = async () => {
    await harness.stop();
    temp?.cleanup();
    temp = undefined;
  };
  if (options.scope === 'all') {
    beforeAll(() => harness.start().then(() => undefined));
    afterAll(cleanup);
  } else {
    afterEach(cleanup);
  }
  return harness;
}
