/** createCore takes the data folder for its whole life: one process (and one core) per folder. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from './db/connection';
import { acquireDataFolderLock } from './db/data-folder-lock';
import { createCore, DataFolderLockedError, type Core } from './index';
import { makeTempDir } from './test-support/temp-dir';

const cores: Core[] = [];
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  temp?.cleanup();
  temp = undefined;
});

async function open(dataDir: string): Promise<Core> {
  const core = await createCore({ host: 'test', dataDir, offline: true, log: () => {} });
  cores.push(core);
  return core;
}

describe('createCore and the data folder lock', () => {
  it('refuses a second core on a folder in use, naming the holder, and takes it once the first closed', async () => {
    temp = makeTempDir();
    const first = await open(temp.dir);
    const refused = await open(temp.dir).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DataFolderLockedError);
    expect(refused).toMatchObject({
      code: 'data_folder_locked',
      dataDir: temp.dir,
      holder: { pid: process.pid, host: 'a Tradewind test' },
    });
    // The refused core touched nothing: the first one still serves.
    expect((await first.invoke('accounts.list', undefined, { sessionId: 's' })).ok).toBe(true);

    await first.close();
    const second = await open(temp.dir);
    expect((await second.invoke('accounts.list', undefined, { sessionId: 's' })).ok).toBe(true);
  });

  it('gives the folder back when start-up fails after taking it', async () => {
    temp = makeTempDir();
    // A folder from a newer build is refused by the migrations, after the lock was taken.
    const db = new Database(path.join(temp.dir, DB_FILE_NAME));
    db.pragma('user_version = 100000');
    db.close();
    await expect(open(temp.dir)).rejects.toThrow(/written by a newer Tradewind/);
    acquireDataFolderLock(temp.dir, { host: 'tradewind serve' }).release();
  });
});
