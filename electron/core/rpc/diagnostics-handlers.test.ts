import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { logFileFor } from '../logs/rotating-log';
import { makeTempDir } from '../test-support/temp-dir';
import { createDiagnosticsHandlers } from './diagnostics-handlers';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp.cleanup());

const ctx = { sessionId: 's' };

describe('diagnostics handlers', () => {
  it('writes the redacted bundle into the data folder and names the logs folder on a host without a desktop', async () => {
    temp = makeTempDir();
    const db = openDatabase(temp.dir);
    logFileFor(temp.dir).write('started; token=abcdef0123456789');
    const said: string[] = [];
    const handlers = createDiagnosticsHandlers({ db, dataDir: temp.dir, host: 'server', log: (line) => said.push(line) });
    const exported = await handlers['diagnostics.export'](undefined, ctx);
    expect(exported.file.startsWith(`${temp.dir}/diagnostics/tradewind-diagnostics-`)).toBe(true);
    const text = fs.readFileSync(exported.file, 'utf8');
    expect(text).toContain('token=[redacted]');
    expect(text).not.toContain('abcdef0123456789');
    expect(JSON.parse(text)).toMatchObject({ host: 'server', database: { quickCheck: { ok: true } } });

    expect(await handlers['logs.open'](undefined, ctx)).toEqual({ dir: `${temp.dir}/logs`, opened: false });
    expect(said).toEqual([`logs are in ${temp.dir}/logs`]);
    db.close();
  });

  it("uses the host's folder opener (Electron's shell.openPath) and reports its failure", async () => {
    temp = makeTempDir();
    const db = openDatabase(temp.dir);
    const asked: string[] = [];
    let answer = '';
    const handlers = createDiagnosticsHandlers({
      db,
      dataDir: temp.dir,
      host: 'electron',
      log: () => {},
      openFolder: async (dir) => (asked.push(dir), answer),
    });
    expect(await handlers['logs.open'](undefined, ctx)).toEqual({ dir: `${temp.dir}/logs`, opened: true });
    expect(asked).toEqual([`${temp.dir}/logs`]);
    answer = 'Failed to open path';
    await expect(handlers['logs.open'](undefined, ctx)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/Could not open .*logs: Failed to open path/),
    });
    db.close();
  });
});
