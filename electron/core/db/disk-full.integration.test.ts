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
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../index';

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

let core: Core;
const notifications: Notification[] = [];
const filler = () => path.join(mounted.dir as string, 'filler');

async function invoke(method: string, input: unknown) {
  return core.invoke(method, input, { sessionId: 'disk-full' });
}

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

describe.skipIf(!mounted.dir)(`a real full disk (tmpfs)${mounted.dir ? '' : ` — skipped: ${mounted.reason}`}`, () => {
  beforeAll(async () => {
    core = await createCore({ host: 'test', dataDir: mounted.dir as string, offline: true, log: () => {} });
    core.subscribe('notification', (n) => notifications.push(n));
  });

  afterAll(async () => {
    fs.rmSync(filler(), { force: true });
    await core?.close();
    execFileSync('umount', [mounted.dir as string]);
    fs.rmSync(mounted.dir as string, { recursive: true, force: true });
  });

  it('refuses orders and strategy saves with storage_full naming the folder, keeps resting orders open, and carries on once space is freed', async () => {
    const dir = mounted.dir as string;
    const ticket = { accountId: 'paper', symbol: 'BTC/USDT', side: 'buy', type: 'limit', size: { unit: 'base', amount: 0.01 }, price: 1_000 };
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
