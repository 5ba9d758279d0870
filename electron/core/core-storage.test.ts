/** createCore with the database's safety net: refusal of a damaged folder, backups and restore over RPC, corruption while running. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { methods, type EventPayload, type MethodName, type MethodOutput } from '../../shared/ipc/contract';
import { createBackup } from './db/backups';
import { DatabaseRefusedError } from './db/database-errors';
import { corruptPage, dbFile, populate } from './db/testing/damage';
import { createCore, type Core } from './index';
import { TestConfirmer } from './test-support/test-confirmer';
import { makeTempDir } from './test-support/temp-dir';

let temp: ReturnType<typeof makeTempDir> | undefined;
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  temp?.cleanup();
  temp = undefined;
});

async function open(dataDir: string, trustedConfirmer = new TestConfirmer()): Promise<Core> {
  const core = await createCore({ host: 'test', dataDir, offline: true, log: () => {}, trustedConfirmer });
  cores.push(core);
  return core;
}

async function value<M extends MethodName>(core: Core, method: M, input?: unknown): Promise<MethodOutput<M>> {
  const envelope = await core.invoke(method, input, { sessionId: 's' });
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
  // What crosses the boundary matches the contract's output schema.
  return methods[method].output.parse(envelope.value) as MethodOutput<M>;
}

describe('createCore and the database', () => {
  it('refuses a damaged data folder with the newest good backup and the restore command, and leaves the folder free', async () => {
    temp = makeTempDir();
    const db = populate(temp.dir);
    const good = await createBackup(db, temp.dir, 'daily');
    db.close();
    corruptPage(dbFile(temp.dir));
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await open(temp.dir).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(DatabaseRefusedError);
      expect((refused as Error).message).toContain(good.name);
      expect((refused as Error).message).toContain(`tradewind restore --from ${good.file} --data-dir ${temp.dir}`);
    }
  });

  it('lists, writes and checks backups, and restores one at the next start', async () => {
    temp = makeTempDir();
    const host = new TestConfirmer('deny');
    const core = await open(temp.dir, host);
    expect((await value(core, 'storage.info')).backups).toEqual([]);
    await value(core, 'favourites.set', { accountId: 'paper', symbol: 'BTC/USDT', favourite: true });
    const backup = await value(core, 'storage.backup');
    expect(backup).toMatchObject({ reason: 'manual', schemaVersion: null });
    expect(backup.name).toMatch(/^tradewind-\d{4}-\d{2}-\d{2}T[\d-]+Z-manual\.sqlite$/);
    expect(await value(core, 'storage.check')).toEqual({ ok: true, problems: [] });
    await value(core, 'favourites.set', { accountId: 'paper', symbol: 'ETH/USDT', favourite: true });

    const unconfirmed = await core.invoke('storage.restore', { name: backup.name }, { sessionId: 's' });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const escape = await core.invoke('storage.restore', { name: '../../etc/passwd', confirmed: true }, { sessionId: 's' });
    expect(escape).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // The renderer's `confirmed` is only a request: the host must confirm, and a refusal leaves nothing pending.
    const refused = await core.invoke('storage.restore', { name: backup.name, confirmed: true }, { sessionId: 's' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'confirmation_denied' } });
    expect((await value(core, 'storage.info')).pendingRestore).toBeNull();
    expect(host.requests).toHaveLength(1);
    expect(host.requests[0]).toMatchObject({ action: 'backup.restore', accountId: null, title: 'Restore a backup' });
    expect(host.requests[0]!.detail).toMatch(/the manual backup of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(tradewind-.*-manual\.sqlite\)/);
    expect(host.requests[0]!.detail).toContain('live bots in it come back paused');
    host.answer = 'approve';
    const asked = await value(core, 'storage.restore', { name: backup.name, confirmed: true });
    expect(asked.message).toMatch(/Restart Tradewind/);
    expect((await value(core, 'storage.info')).pendingRestore?.backup).toBe(backup.name);
    await core.close();
    cores.splice(0);

    const restarted = await open(temp.dir);
    expect((await value(restarted, 'favourites.list', { accountId: 'paper' })).symbols).toEqual(['BTC/USDT']);
    expect((await value(restarted, 'storage.info')).pendingRestore).toBeNull();
  });

  it('corruption while running: calls answer database_damaged (no uncaught error), the person is told, writes stop, close still works', async () => {
    temp = makeTempDir();
    const core = await open(temp.dir);
    const told: EventPayload<'notification'>[] = [];
    core.subscribe('notification', (n) => told.push(n));
    expect((await value(core, 'accounts.list')).length).toBeGreaterThan(0);

    // Another connection flushes the WAL, the accounts table's page is wrecked on disk, and a
    // tiny commit makes core's connection drop its page cache, as a failing disk would.
    const side = new Database(dbFile(temp.dir));
    side.pragma('wal_checkpoint(TRUNCATE)');
    const root = side.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'accounts'").pluck().get() as number;
    corruptPage(dbFile(temp.dir), root);
    side.prepare("INSERT INTO settings (key, value) VALUES ('poke', '1')").run();
    side.close();

    const listed = await core.invoke('accounts.list', undefined, { sessionId: 's' });
    expect(listed).toMatchObject({ ok: false, error: { code: 'database_damaged' } });
    if (!listed.ok) expect(listed.error.message).toContain(dbFile(temp.dir));
    const write = await core.invoke('favourites.set', { accountId: 'paper', symbol: 'BTC/USDT', favourite: true }, { sessionId: 's' });
    expect(write).toMatchObject({ ok: false, error: { code: 'database_damaged' } });
    expect(told.some((n) => n.level === 'error' && /Database damaged/.test(n.title))).toBe(true);
    expect((await value(core, 'storage.info')).damaged).toMatch(/damaged/);
  });
});
