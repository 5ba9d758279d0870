/**
 * A real full disk under a real core: the data folder is a tiny tmpfs, a filler file takes the
 * last byte, and SQLite itself answers SQLITE_FULL. Mounting needs root (CI containers run as
 * root); elsewhere the test says why it is skipped. The same behaviour is proven without a mount,
 * deterministically, by the injected-fault tests (paper-storage-full, bots-storage-full, dispatch-storage).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../index';
import { testSecretStore } from '../test-support/live-core';

function mountTmpfs(): { dir: string | null; reason: string } {
  if (process.platform !== 'linux') return { dir: null, reason: 'tmpfs mounts need Linux' };
  if (process.getuid?.() !== 0) return { dir: null, reason: 'mounting a tmpfs needs root (run as root, as CI does)' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir, reason: '' };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { dir: null, reason: `mount -t tmpfs failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

const mounted = mountTmpfs();
if (!mounted.dir) process.stdout.write(`disk-full.integration: skipped: ${mounted.reason}\n`);

const filler = () => path.join(mounted.dir as string, 'filler');
const dataFolder = (name: string) => path.join(mounted.dir as string, name);

afterAll(() => {
  if (!mounted.dir) return;
  execFileSync('umount', [mounted.dir]);
  fs.rmSync(mounted.dir, { recursive: true, force: true });
});

function fillDisk(): void {
  const fd = fs.openSync(filler(), 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  // The last partial block too, so not a byte is left.
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(512));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
}

const skipped = mounted.dir ? '' : ` — skipped: ${mounted.reason}`;

describe.skipIf(!mounted.dir)(`a real full disk (tmpfs) under a paper core${skipped}`, () => {
  let core: Core;
  const notifications: Notification[] = [];
  const invoke = (method: string, input: unknown) => core.invoke(method, input, { sessionId: 'disk-full' });

  beforeAll(async () => {
    core = await createCore({ host: 'test', dataDir: dataFolder('paper'), offline: true, log: () => {} });
    core.subscribe('notification', (n) => notifications.push(n));
  });

  afterAll(async () => {
    fs.rmSync(filler(), { force: true });
    await core?.close();
  });

  it('refuses orders and strategy saves with storage_full naming the folder, keeps resting orders open, and carries on once space is freed', async () => {
    const dir = dataFolder('paper');
    const ticket = {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.01 },
      price: 1_000,
    };
    const resting = await invoke('orders.place', ticket);
    expect(resting).toMatchObject({ ok: true, value: { status: 'open' } });
    const restingId = (resting as { value: OrderView }).value.clientOrderId;

    fillDisk();
    const strategy = await invoke('strategies.create', { name: 'Saved while full' });
    expect(strategy).toMatchObject({ ok: false, error: { code: 'storage_full', message: expect.stringContaining(`disk full in ${dir}`) } });
    const order = await invoke('orders.place', ticket);
    expect(order).toMatchObject({ ok: false, error: { code: 'storage_full' } });
    expect((order as { error: { message: string } }).error.message).toContain(`Free space on the disk holding ${dir}`);
    expect(notifications.map((n) => n.title)).toContain(`Tradewind cannot save: disk full in ${dir}`);
    const open = await invoke('orders.list', { accountId: 'paper', status: 'open' });
    expect((open as { value: OrderView[] }).value.map((o) => [o.clientOrderId, o.status])).toEqual([[restingId, 'open']]);

    fs.rmSync(filler());
    expect(await invoke('orders.place', ticket)).toMatchObject({ ok: true, value: { status: 'open' } });
    expect(await invoke('strategies.create', { name: 'Saved after' })).toMatchObject({ ok: true });
    expect(notifications.map((n) => n.title)).toContain('Tradewind can save again');
  });
});

describe.skipIf(!mounted.dir)(`a real full disk (tmpfs) under a live account${skipped}`, () => {
  const TRADER = {
    apiKey: 'disk-full-trader-key-AAAA',
    secret: 'disk-full-trader-secret',
    rights: { read: true, trade: true, withdraw: false },
  };
  let core: Core;
  let fake: FakeBinance;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await core.invoke(method, input, { sessionId: 'disk-full-live' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  };

  beforeAll(async () => {
    fake = await startFakeBinance({ keys: [TRADER] });
    const dataDir = dataFolder('live');
    fs.mkdirSync(dataDir, { recursive: true });
    core = await createCore({
      host: 'test',
      dataDir,
      offline: true,
      exchangeUrls: { binance: fake.url },
      openSecretStore: testSecretStore(dataDir),
      balanceRefreshMs: 60_000,
      livePollMs: 100,
      tradingTickMs: 50,
      log: () => {},
    });
  });

  afterAll(async () => {
    fs.rmSync(filler(), { force: true });
    await core?.close();
    await fake?.close();
  });

  it('an order (and a cancel) the exchange carried out while the disk filled up is never failed nor sent again: the ledger finds it by its client id once space is freed', async () => {
    fake.setBalance(TRADER.apiKey, 'USDT', '10000');
    fake.setPrice('BTCUSDT', '31000');
    const account = await call<AccountDetail>('accounts.add', {
      exchangeId: 'binance',
      label: 'Binance',
      sandbox: false,
      credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
    });
    // The disk fills up while the exchange is taking the order: the intent is on disk, the answer cannot be.
    const off = fake.onRequest((entry) => {
      if (entry.method === 'POST' && entry.path === '/api/v3/order') fillDisk();
    });
    const refused = await core.invoke(
      'orders.place',
      {
        accountId: account.id,
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        size: { unit: 'base', amount: 0.01 },
        price: 30_000,
        confirmed: true,
      },
      { sessionId: 'disk-full-live' },
    );
    off();
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage_full' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(
      /^Tradewind cannot record order .*: disk full in .* may have been placed on Binance: it is not sent again/,
    );
    expect((refused as { error: { message: string } }).error.message).not.toContain('Nothing was changed');
    const onExchange = fake.orders({});
    expect(onExchange).toHaveLength(1);
    const clientOrderId = onExchange[0]?.clientOrderId as string;
    const working = await call<OrderView[]>('orders.list', { accountId: account.id, status: 'open' });
    expect(working.map((o) => [o.clientOrderId, o.status])).toEqual([[clientOrderId, 'intent']]);

    fs.rmSync(filler());
    await expect
      .poll(
        async () =>
          (await call<OrderView[]>('orders.list', { accountId: account.id, status: 'open' })).map((o) => [
            o.clientOrderId,
            o.status,
            o.exchangeOrderId !== null,
          ]),
        { timeout: 10_000 },
      )
      .toEqual([[clientOrderId, 'open', true]]);
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order')).toHaveLength(1);
    expect(await call<OrderView[]>('orders.list', { accountId: account.id, status: 'history' })).toEqual([]);

    // A cancel the exchange carries out while the disk fills up: said so, recorded once space is freed.
    const offCancel = fake.onRequest((entry) => {
      if (entry.method === 'DELETE' && entry.path === '/api/v3/order') fillDisk();
    });
    const cancel = await core.invoke('orders.cancel', { accountId: account.id, clientOrderId }, { sessionId: 'disk-full-live' });
    offCancel();
    expect(cancel).toMatchObject({
      ok: false,
      error: {
        code: 'storage_full',
        message: expect.stringMatching(
          /: disk full in .*\. Binance cancelled buy 0\.01 BTC\/USDT limit at 30,?000 .*; Tradewind records it once it can write\./,
        ),
      },
    });
    expect(fake.orders({ clientOrderId })[0]?.status).toBe('CANCELED');
    fs.rmSync(filler());
    await expect
      .poll(
        async () =>
          (await call<OrderView[]>('orders.list', { accountId: account.id, status: 'history' })).map((o) => [o.clientOrderId, o.status]),
        { timeout: 10_000 },
      )
      .toEqual([[clientOrderId, 'cancelled']]);
  });
});
