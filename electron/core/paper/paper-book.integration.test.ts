import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import type { MarketDataStatus } from '../../../shared/ipc/contract';
import type { OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../index';
import { makeTempDir } from '../test-support/temp-dir';

let core: Core | undefined;
let fake: FakeBinance | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(async () => {
  await core?.close();
  await fake?.close();
  temp?.cleanup();
  core = fake = temp = undefined;
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await (core as Core).invoke(method, input, { sessionId: 'book-test' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('paper market orders with live reference prices', () => {
  it('walk the reference exchange order book level by level', async () => {
    fake = await startFakeBinance();
    fake.setPrice('BTCUSDT', '5000');
    temp = makeTempDir();
    core = await createCore({ host: 'test', dataDir: temp.dir, referenceApiUrl: fake.url, probeTimeoutMs: 5_000, log: () => {} });
    await expect
      .poll(async () => (await call<{ marketData: MarketDataStatus }>('app.info', undefined)).marketData.mode, { timeout: 8_000 })
      .toBe('live');

    // The fake's book starts one tick above the last price with 0.5 BTC, then 0.85 BTC half a dollar higher.
    const order = await call<OrderView>('orders.place', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      size: { unit: 'base', amount: 1.2 },
    });
    expect(Number(fake.price('BTCUSDT'))).toBe(5_000); // a paper order never trades on the exchange
    const trades = (await call<TradeView[]>('trades.list', { accountId: 'paper' })).reverse();
    expect(order).toMatchObject({ status: 'filled', filled: 1.2 });
    expect(trades.map((t) => [t.price, t.amount])).toEqual([
      [5_000.01, 0.5],
      [5_000.51, 0.7],
    ]);
    expect(order.averagePrice).toBeCloseTo((0.5 * 5_000.01 + 0.7 * 5_000.51) / 1.2, 9);
  });
});
