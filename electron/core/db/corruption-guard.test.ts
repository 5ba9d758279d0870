import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import { makeTempDir } from '../test-support/temp-dir';
import { openStorage } from './storage';
import { corruptPage, dbFile, leafPageOf, populate } from './testing/damage';

describe('corruption found while running', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('surfaces as a typed database_damaged error, tells once, and refuses every write from then on', async () => {
    temp = makeTempDir();
    populate(temp.dir).close();
    const settingsPage = leafPageOf(dbFile(temp.dir), 'settings');
    const told: TradewindError[] = [];
    const storage = await openStorage(temp.dir, { log: () => {}, onDamaged: (error) => told.push(error) });
    await storage.startupBackup;
    const { db } = storage;
    // Forget the pages read by the start-up check, so the next query reads the disk again.
    db.pragma('cache_size = 0');
    db.pragma('shrink_memory');
    corruptPage(dbFile(temp.dir), settingsPage);

    let thrown: unknown;
    try {
      db.prepare("SELECT count(*), sum(length(value)) FROM settings WHERE key LIKE 'row-%'").get();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TradewindError);
    expect((thrown as TradewindError).code).toBe('database_damaged');
    expect((thrown as TradewindError).message).toContain(dbFile(temp.dir));
    expect((thrown as TradewindError).message).toContain(`tradewind restore --latest --data-dir ${temp.dir}`);
    expect(told).toHaveLength(1);

    const size = fs.statSync(dbFile(temp.dir)).size;
    const walSize = fs.statSync(`${dbFile(temp.dir)}-wal`).size;
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('new', 'row')").run()).toThrow(
      expect.objectContaining({ code: 'database_damaged' }),
    );
    expect(() => db.exec("UPDATE settings SET value = 'x'")).toThrow(expect.objectContaining({ code: 'database_damaged' }));
    expect(() => db.transaction(() => 1)()).toThrow(expect.objectContaining({ code: 'database_damaged' }));
    expect(fs.statSync(`${dbFile(temp.dir)}-wal`).size).toBe(walSize);
    expect(fs.statSync(dbFile(temp.dir)).size).toBe(size);
    await expect(storage.backup('manual')).rejects.toMatchObject({ code: 'database_damaged' });
    expect(storage.check().ok).toBe(false);
    expect(storage.info().damaged).toMatch(/damaged/);
    expect(told).toHaveLength(1);
    await storage.close();
  });
});
