/** `tradewind serve` on a damaged database: refused with what to do (the good backups and the restore command), no stack, nothing written. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackup } from '../core/db/backups';
import { corruptPage, dbFile, populate } from '../core/db/testing/damage';
import { makeTempDir } from '../core/test-support/temp-dir';

const ROOT = path.resolve(__dirname, '../..');

function serve(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/server/index.ts', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, TRADEWIND_DATA_DIR: dataDir, TRADEWIND_OFFLINE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('tradewind serve on a damaged database', { timeout: 60_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('exits 1 naming the file, the newest good backup and the exact restore command, without a stack', async () => {
    temp = makeTempDir();
    const db = populate(temp.dir);
    const good = await createBackup(db, temp.dir, 'daily');
    db.close();
    corruptPage(dbFile(temp.dir));
    const before = fs.readFileSync(dbFile(temp.dir));

    const { code, stdout, stderr } = await serve(temp.dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`The database ${dbFile(temp.dir)} is damaged`);
    expect(stderr).toContain(good.name);
    expect(stderr).toContain(`tradewind restore --from ${good.file} --data-dir ${temp.dir}`);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(fs.readFileSync(dbFile(temp.dir)).equals(before)).toBe(true);
  });
});
