import { afterEach, describe, expect, it } from 'vitest';
import { isMethodName, methods } from '../../../shared/ipc/contract';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../index';
import { makeTempDir } from '../test-support/temp-dir';

let core: Core | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  temp?.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await (core as Core).invoke(method, input, { sessionId: 'amend-test' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  if (isMethodName(method)) methods[method].output.parse(result.value);
  return result.value as T;
}

describe('amending a working order (cancel-replace through the ledger)', () => {
  it('cancels the old order, places the new one linked to it, and refuses what a ticket would refuse', async () => {
    temp = makeTempDir();
    const wall = Date.now();
    core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, replayClock: () => wall, tradingTickMs: 50, log: () => {} });
    const preview = await call<{ referencePrice: number }>('orders.preview', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      size: { unit: 'base', amount: 0.001 },
    });
    const far = Math.floor(preview.referencePrice * 0.8);
    const placed = await call<OrderView>('orders.place', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.01 },
      price: far,
    });
    expect(placed.status).toBe('open');

    const amended = await call<OrderView>('orders.amend', {
      accountId: 'paper',
      clientOrderId: placed.clientOrderId,
      price: far - 100,
      amount: 0.02,
    });
    expect(amended).toMatchObject({
      status: 'open',
      price: far - 100,
      amount: 0.02,
      origin: 'manual',
      originRole: 'amends',
      originId: placed.clientOrderId,
    });
    const history = await call<OrderView[]>('orders.list', { accountId: 'paper', status: 'history' });
    expect(history.find((o) => o.clientOrderId === placed.clientOrderId)?.status).toBe('cancelled');
    const open = await call<OrderView[]>('orders.list', { accountId: 'paper', status: 'open' });
    expect(open.map((o) => o.clientOrderId)).toEqual([amended.clientOrderId]);

    // Checked like a new ticket before anything is cancelled: the order stays as it was.
    await expect(call('orders.amend', { accountId: 'paper', clientOrderId: amended.clientOrderId, amount: 1_000 })).rejects.toMatchObject({
      code: 'insufficient_funds',
    });
    expect((await call<OrderView[]>('orders.list', { accountId: 'paper', status: 'open' })).map((o) => o.clientOrderId)).toEqual([
      amended.clientOrderId,
    ]);
    await expect(call('orders.amend', { accountId: 'paper', clientOrderId: placed.clientOrderId, price: far })).rejects.toThrow(
      /only a working order can be amended/,
    );
  });
});
