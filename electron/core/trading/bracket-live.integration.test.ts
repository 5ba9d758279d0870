import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { orderMethods, type BracketView, type OrderView, type TradeView } from '../../../shared/ipc/schemas/orders';
import { startLiveCore, type LiveCoreHarness } from '../test-support/live-core';

const TRADER = { apiKey: 'bracket-trader-key-CCCC', secret: 'bracket-trader-secret', rights: { read: true, trade: true, withdraw: false } };

let h: LiveCoreHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const bracketOf = async (harness: LiveCoreHarness, id: string) =>
  (await harness.call<BracketView[]>('brackets.list', {})).find((b) => b.id === id) as BracketView;

describe('bracket on a live account (ccxt against the fake exchange)', () => {
  it('follows a price path through TP1, TP2 and the trailing stop, with exact amounts and PnL', async () => {
    h = await startLiveCore([TRADER], { tradingTickMs: 25, livePollMs: 50 });
    h.fake.setBalance(TRADER.apiKey, 'USDT', '10000');
    h.fake.setPrice('BTCUSDT', '30000');
    const account = await h.call<AccountDetail>('accounts.add', {
      exchangeId: 'binance',
      label: 'Live',
      sandbox: false,
      credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
    });
    await h.call('orders.updateSettings', { accountId: account.id, confirmOrders: false });

    const placed = await h.call<BracketView>('brackets.place', {
      accountId: account.id,
      symbol: 'BTC/USDT',
      side: 'buy',
      size: { unit: 'base', amount: 0.03 },
      entry: { type: 'market' },
      targets: [
        { percent: 1, share: 50 },
        { price: 30_600, share: 25 },
        { percent: 3, share: 25 },
      ],
      stopLoss: { percent: 2 },
      trailing: { callbackPct: 1 },
    });
    // The market entry takes the fake's first ask (last + one tick); 0.1% commission is charged in BTC.
    expect(placed).toMatchObject({ status: 'open_position', position: 0.02997, entry: { filled: 0.03, averagePrice: 30_000.01 } });
    expect(placed.targets.map((t) => [t.price, t.amount, t.status])).toEqual([
      [30_300.01, 0.01498, 'open'],
      [30_600, 0.00749, 'open'],
      [30_900.01, 0.0075, 'open'],
    ]);
    expect(placed.stopLoss?.price).toBe(29_400.01);
    const resting = h.fake.orders({ status: 'NEW' });
    expect(resting.map((o) => [o.side, o.type, Number(o.price), Number(o.origQty)])).toEqual([
      ['SELL', 'LIMIT', 30_300.01, 0.01498],
      ['SELL', 'LIMIT', 30_600, 0.00749],
      ['SELL', 'LIMIT', 30_900.01, 0.0075],
    ]);

    // Each price is held until the bracket has seen it (it samples the exchange's own ticker).
    const hold = async (price: string, until: (b: BracketView) => boolean) => {
      h!.fake.setPrice('BTCUSDT', price);
      await expect.poll(async () => until(await bracketOf(h!, placed.id)), { timeout: 8_000 }).toBe(true);
    };
    await hold('30150', (b) => b.trailing?.extreme === 30_150);
    await hold('30300.01', (b) => b.targets[0]?.status === 'filled' && b.trailing?.extreme === 30_300.01);
    await hold('30650', (b) => b.targets[1]?.status === 'filled' && b.trailing?.extreme === 30_650);
    await hold('30700', (b) => b.trailing?.extreme === 30_700);
    expect((await bracketOf(h, placed.id)).effectiveStop).toBeCloseTo(30_393, 9);
    await hold('30390', (b) => b.status === 'closed');

    const closed = await bracketOf(h, placed.id);
    expect(closed).toMatchObject({
      closeReason: 'trailing_stop',
      position: 0,
      targets: [{ status: 'filled' }, { status: 'filled' }, { status: 'cancelled' }],
    });
    const orders = (await h.call<OrderView[]>('orders.list', { accountId: account.id, status: 'history' }))
      .filter((o) => o.originId === placed.id)
      .reverse();
    expect(orders.map((o) => [o.side, o.type, o.amount, o.status, o.averagePrice])).toEqual([
      ['buy', 'market', 0.03, 'filled', 30_000.01],
      ['sell', 'limit', 0.01498, 'filled', 30_300.01],
      ['sell', 'limit', 0.00749, 'filled', 30_600],
      ['sell', 'limit', 0.0075, 'cancelled', null],
      ['sell', 'market', 0.0075, 'filled', 30_389.99], // the fake's first bid under 30390
    ]);
    const trades = await h.call<TradeView[]>('trades.list', { accountId: account.id });
    expect(trades).toHaveLength(4);
    orderMethods['trades.list'].output.parse(trades);
    orderMethods['orders.list'].output.parse(orders);
    orderMethods['brackets.list'].output.parse(await h.call('brackets.list', { accountId: account.id }));
    const entryCost = 0.03 * 30_000.01;
    const proceeds = (0.01498 * 30_300.01 + 0.00749 * 30_600 + 0.0075 * 30_389.99) * 0.999;
    expect(closed.realizedPnl).toBeCloseTo(proceeds - entryCost, 6);
    expect(h.fake.orders({ status: 'NEW' })).toEqual([]);
    expect(Number(h.fake.balances(TRADER.apiKey).BTC?.free ?? 0)).toBeCloseTo(0, 12);
    expect(Number(h.fake.balances(TRADER.apiKey).USDT?.free)).toBeCloseTo(10_000 + proceeds - entryCost, 6);
  });
});
