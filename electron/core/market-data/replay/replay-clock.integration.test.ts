import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataStatus } from '../../../../shared/ipc/contract';
import type { OrderView, TradeView } from '../../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../../index';
import { makeTempDir } from '../../test-support/temp-dir';

let core: Core | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  temp?.cleanup();
  temp = undefined;
});

/** Opens core offline on the folder with the replay's wall clock in the test's hands; resolves once the replay runs. */
async function openOffline(dataDir: string, wall: () => number): Promise<Core> {
  const opened = await createCore({ host: 'test', dataDir, offline: true, replaySpeed: 1_000, replayClock: wall, log: () => {} });
  core = opened;
  const replaying = new Promise<void>((resolve) => {
    opened.subscribe('marketData.status', (status) => {
      if (status.mode === 'replay') resolve();
    });
  });
  if ((await replayTime(opened)) === null) await replaying;
  return opened;
}

async function replayTime(opened: Core): Promise<number | null> {
  const result = await opened.invoke('app.info', undefined, { sessionId: 'replay-clock-test' });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { marketData: MarketDataStatus }).marketData.replayTime ?? null;
}

describe('the offline replay clock of a data folder', () => {
  it('resumes at or after where it stopped when core is started again on the same folder', async () => {
    temp = makeTempDir();
    let wall = 5_000_000;
    const first = await openOffline(temp.dir, () => wall);
    const began = (await replayTime(first))!;
    wall += 300; // 5 minutes of replay at 1000x
    const stoppedAt = (await replayTime(first))!;
    expect(stoppedAt).toBe(began + 300_000);
    await first.close();
    core = undefined;

    // The next process's wall clock starts anywhere (here: earlier); the replay clock goes on from the folder's.
    wall = 1_000;
    const second = await openOffline(temp.dir, () => wall);
    const resumed = (await replayTime(second))!;
    expect(resumed).toBeGreaterThanOrEqual(stoppedAt);
    wall += 100;
    expect(await replayTime(second)).toBe(resumed + 100_000);
  });

  it("stamps the paper account's orders with the replay clock its fills carry", async () => {
    temp = makeTempDir();
    const wall = 5_000_000;
    const opened = await openOffline(temp.dir, () => wall);
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const result = await opened.invoke(method, input, { sessionId: 'replay-clock-test' });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };
    const order = await call<OrderView>('orders.place', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      size: { unit: 'base', amount: 0.001 },
    });
    const [fill] = await call<TradeView[]>('trades.list', { accountId: 'paper' });
    const replay = (await replayTime(opened))!;
    expect(order.status).toBe('filled');
    expect(fill?.at).toBe(replay);
    expect(order.marketAt).toBe(replay);
    expect(order.createdAt).not.toBe(replay); // the wall clock, kept for the ledger's own bookkeeping
  });
});
