import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { acquireDataFolderLock, DataFolderLockedError, LOCK_FILE_NAME, LOCK_INFO_FILE_NAME, type DataFolderLock } from './data-folder-lock';

let temp: ReturnType<typeof makeTempDir> | undefined;
const held: DataFolderLock[] = [];

afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
  temp?.cleanup();
  temp = undefined;
});

function take(dataDir: string, host = 'tradewind serve'): DataFolderLock {
  const lock = acquireDataFolderLock(dataDir, { host });
  held.push(lock);
  return lock;
}

function refusal(dataDir: string): DataFolderLockedError {
  try {
    take(dataDir, 'Tradewind desktop');
  } catch (error) {
    if (error instanceof DataFolderLockedError) return error;
    throw error;
  }
  throw new Error('the second lock was granted');
}

/** The pid of a process that has already ended. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', '']);
  return run.pid;
}

describe('acquireDataFolderLock', () => {
  it('takes a folder, creating it, and describes the holder in the sidecar', () => {
    temp = makeTempDir();
    const dataDir = path.join(temp.dir, 'new', 'Tradewind');
    const lock = take(dataDir);
    expect(lock.dataDir).toBe(dataDir);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_INFO_FILE_NAME), 'utf8')) as Record<string, unknown>;
    expect(info).toEqual({ pid: process.pid, host: 'tradewind serve', startedAt: expect.any(String), hostname: os.hostname() });
    // The holder's process start, not some later moment.
    expect(Date.parse(info.startedAt as string)).toBeLessThanOrEqual(Date.now() - process.uptime() * 1000 + 1_000);
  });

  it('refuses a second taker at once, naming the folder, the holder and what to do', () => {
    temp = makeTempDir();
    take(temp.dir);
    const error = refusal(temp.dir);
    expect(error.code).toBe('data_folder_locked');
    expect(error.dataDir).toBe(temp.dir);
    expect(error.holder).toMatchObject({ pid: process.pid, host: 'tradewind serve' });
    expect(error.message).toMatch(
      new RegExp(
        `^The data folder ${escape(temp.dir)} is in use by pid ${process.pid} \\(tradewind serve, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)\\. `,
      ),
    );
    expect(error.message).toContain('Close it, or point TRADEWIND_DATA_DIR elsewhere.');
  });

  it('is free again after release, and release is idempotent', () => {
    temp = makeTempDir();
    const first = take(temp.dir);
    first.release();
    first.release();
    expect(fs.existsSync(path.join(temp.dir, LOCK_INFO_FILE_NAME))).toBe(false);
    const second = take(temp.dir, 'Tradewind desktop');
    expect(JSON.parse(fs.readFileSync(path.join(temp.dir, LOCK_INFO_FILE_NAME), 'utf8'))).toMatchObject({ host: 'Tradewind desktop' });
    // Releasing the old handle again never frees the new holder's lock or removes its sidecar.
    first.release();
    expect(refusal(temp.dir).holder).toMatchObject({ host: 'Tradewind desktop' });
    second.release();
    take(temp.dir);
  });

  it('locks each folder on its own', () => {
    temp = makeTempDir();
    take(path.join(temp.dir, 'a'));
    expect(() => take(path.join(temp!.dir, 'b'))).not.toThrow();
  });

  it('takes a folder whose sidecar a dead holder left behind (the OS lock decides, not the sidecar)', () => {
    temp = makeTempDir();
    const stale = { pid: deadPid(), host: 'tradewind serve', startedAt: '2026-01-01T00:00:00.000Z', hostname: os.hostname() };
    fs.writeFileSync(path.join(temp.dir, LOCK_INFO_FILE_NAME), JSON.stringify(stale));
    take(temp.dir, 'Tradewind desktop');
    expect(JSON.parse(fs.readFileSync(path.join(temp.dir, LOCK_INFO_FILE_NAME), 'utf8'))).toMatchObject({
      pid: process.pid,
      host: 'Tradewind desktop',
    });
  });

  it('does not name a dead process or trust a garbled sidecar when refusing', () => {
    temp = makeTempDir();
    take(temp.dir);
    const infoFile = path.join(temp.dir, LOCK_INFO_FILE_NAME);
    fs.writeFileSync(
      infoFile,
      JSON.stringify({ pid: deadPid(), host: 'tradewind serve', startedAt: '2026-01-01T00:00:00.000Z', hostname: os.hostname() }),
    );
    const dead = refusal(temp.dir);
    expect(dead.holder).toBeUndefined();
    expect(dead.message).toBe(
      `The data folder ${temp.dir} is in use by another process. Only one Tradewind may use a data folder at a time, or the same bots would run twice. Close it, or point TRADEWIND_DATA_DIR elsewhere.`,
    );
    fs.writeFileSync(infoFile, '{"pid": "1; rm -rf /"');
    expect(refusal(temp.dir).holder).toBeUndefined();
  });

  it('names a holder on another machine (a shared folder) with its host name', () => {
    temp = makeTempDir();
    take(temp.dir);
    const remote = { pid: 4242, host: 'tradewind serve', startedAt: '2026-01-02T03:04:05.678Z', hostname: 'build-box-7' };
    fs.writeFileSync(path.join(temp.dir, LOCK_INFO_FILE_NAME), JSON.stringify(remote));
    expect(refusal(temp.dir).message).toContain('is in use by pid 4242 (tradewind serve, started 2026-01-02 03:04:05 UTC on build-box-7).');
  });

  it('says which file is wrong and what to do when the lock file is not ours', () => {
    temp = makeTempDir();
    const lockFile = path.join(temp.dir, LOCK_FILE_NAME);
    fs.writeFileSync(lockFile, 'this is not an SQLite database, just some text someone left here. '.repeat(20));
    expect(() => take(temp!.dir)).toThrow(`Cannot lock the data folder ${temp.dir}: ${lockFile} file is not a database (SQLITE_NOTADB).`);
    expect(() => take(temp!.dir)).toThrow(/if no Tradewind is running on this folder, delete it and start again/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
