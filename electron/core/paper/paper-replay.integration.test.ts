import { afterEach, describe, expect, it } from 'vitest';
import {
  events,
  isMethodName,
  methods,
  type EventPayload,
  type MarketDataStatus,
  type PortfolioSnapshot,
} from '../../../shared/ipc/contract';
import type { OrderPreview, OrderView } from '../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../index';
import { makeTempDir } from '../test-support/temp-dir';
import { roundToStep } from '../exchange/precision';

let core: Core | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  temp?.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await (core as Core).invoke(method, input, { sessionId: 'paper-test' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  // Outputs are not re-validated at run time: prove here that they are what the contract promises.
  if (isMethodName(method)) methods[method].output.parse(result.value);
  return result.value as T;
}

describe('paper trading in createCore against the offline replay', () => {
  it('previews a market order with the slippage its fill charges, and notifies the fill', async () => {
    temp = makeTempDir();
    const wall = Date.now();
    core = await createCore({
      host: 'test',
      dataDir: temp.dir,
      offline: true,
      replaySpeed: 3_000,
      replayClock: () => wall,
      tradingTickMs: 50,
      log: () => {},
    });
    const notified = new Promise<EventPayload<'notification'>>((resolve) => core?.subscribe('notification', resolve));
    const ticket = { accountId: 'paper', symbol: 'BTC/USDT', side: 'buy', type: 'market', size: { unit: 'base', amount: 0.01 } };
    const preview = await call<OrderPreview>('orders.preview', ticket);
    const market = await call<OrderView>('orders.place', ticket);
    expect(preview.slippage?.price).toBeGreaterThan(preview.slippage?.reference ?? Infinity);
    // The estimate is what the fill charged: the same slippage model, the same frozen price.
    expect(market.cost).toBeCloseTo(preview.cost as number, 8);
    await expect(notified).resolves.toMatchObject({ level: 'fill', title: 'Buy order filled: BTC/USDT', botId: null });
  });

  it('fills a market order at once and a resting limit when the fast replay trades through it', async () => {
    temp = makeTempDir();
    // The replay's wall clock is driven here, not by the machine: frozen while the market order is
    // previewed and filled (so the fill sees the preview's price however slow the machine is), then
    // 20 ms further on every read (one minute of recorded BTC/USDT at 3000×) until the limit fills.
    let wall = Date.now();
    let running = false;
    const replayClock = () => (running ? (wall += 20) : wall);
    core = await createCore({
      host: 'test',
      dataDir: temp.dir,
      offline: true,
      replaySpeed: 3_000,
      replayClock,
      tradingTickMs: 50,
      log: () => {},
    });
    const changed: Array<EventPayload<'orders.changed'>> = [];
    core.subscribe('orders.changed', (payload) => changed.push(payload));
    const status = await call<{ marketData: MarketDataStatus }>('app.info', undefined);
    expect(status.marketData.mode).toBe('replay');

    const preview = await call<OrderPreview>('orders.preview', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      size: { unit: 'quote', amount: 500 },
    });
    expect(preview).toMatchObject({ valid: true, accountKind: 'paper', requiresConfirmation: false, fee: { rate: 0.001, asset: 'BTC' } });
    const market = await call<OrderView>('orders.place', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      size: { unit: 'quote', amount: 500 },
    });
    expect(market).toMatchObject({ status: 'filled', origin: 'manual' });
    expect(market.cost).toBeLessThanOrEqual(500);

    const last = preview.referencePrice as number;
    const limitPrice = roundToStep(last * 0.999, 0.01);
    const limit = await call<OrderView>('orders.place', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.002 },
      price: limitPrice,
    });
    expect(limit.status).toBe('open');
    const open = await call<OrderView[]>('orders.list', { accountId: 'paper', status: 'open' });
    expect(open.map((o) => o.clientOrderId)).toEqual([limit.clientOrderId]);

    const limitFilled = new Promise<void>((resolve) => {
      core?.subscribe('orders.changed', (payload) => {
        if (payload.orders.some((o) => o.clientOrderId === limit.clientOrderId && o.status === 'filled')) resolve();
      });
    });
    running = true;
    await limitFilled;
    const filled = (await call<OrderView[]>('orders.list', { accountId: 'paper', status: 'history' })).find(
      (o) => o.clientOrderId === limit.clientOrderId,
    );
    expect(filled).toMatchObject({ averagePrice: limitPrice, fees: [{ asset: 'BTC', amount: 0.000002 }] });
    const snapshot = await call<PortfolioSnapshot>('portfolio.snapshot', { quote: 'USDT' });
    const btc = snapshot.accounts[0]?.balances.find((b) => b.asset === 'BTC');
    expect(btc?.total).toBeCloseTo(market.filled * 0.999 + 0.002 * 0.999, 10);
    expect(changed.flatMap((e) => e.orders).some((o) => o.clientOrderId === limit.clientOrderId && o.status === 'filled')).toBe(true);
    for (const payload of changed) events['orders.changed'].parse(payload);
  });
});
