import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { StorageHealth } from '../db/storage-health';
import { StrategiesRepo } from '../strategies/strategies-repo';
import { injectStorageFaults } from '../test-support/storage-faults';
import { makeTempDir } from '../test-support/temp-dir';
import { dispatch, type Handlers } from './dispatch';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

describe('dispatch when the disk is full', () => {
  it('answers a write that hit SQLITE_FULL with storage_full and what to do, not "internal error"', async () => {
    const temp = makeTempDir();
    const db = openDatabase(temp.dir);
    cleanups.push(() => {
      db.close();
      temp.cleanup();
    });
    const storage = new StorageHealth({ db, dataDir: temp.dir, log: () => {} });
    const repo = new StrategiesRepo(db);
    // The real handler's body (rpc/strategy-handlers.ts) over a real repository.
    const handlers = { 'strategies.create': (input: Parameters<StrategiesRepo['create']>[0]) => repo.create(input) } as unknown as Handlers;
    const logged: string[] = [];
    const call = () =>
      dispatch(
        handlers,
        'strategies.create',
        { name: 'Breakout' },
        { sessionId: 's1' },
        (line) => logged.push(line),
        (error, method) => storage.noteFailure(error, `complete ${method}`, 'The change was not saved.'),
      );
    const disk = injectStorageFaults(db);
    disk.fail('SQLITE_FULL');

    const refused = await call();
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'storage_full',
        message: `Tradewind cannot complete strategies.create: disk full in ${temp.dir}. The change was not saved. Free space on the disk holding ${temp.dir}; bots paused for this resume by themselves once Tradewind can write again.`,
      },
    });
    expect(logged.filter((line) => line.startsWith('internal error'))).toEqual([]);
    expect(repo.list()).toEqual([]);

    disk.fail('SQLITE_IOERR_WRITE');
    expect(await call()).toMatchObject({
      ok: false,
      error: { code: 'storage_unavailable', message: expect.stringContaining(`disk I/O error in ${temp.dir} (SQLITE_IOERR_WRITE)`) },
    });

    disk.heal();
    expect(await call()).toMatchObject({ ok: true, value: { name: 'Breakout' } });
  });
});
