import { afterEach, describe, expect, it } from 'vitest';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import type { OrderRow } from '../orders/orders-repo';
import { startPaperRuntime, type PaperHarness } from '../test-support/paper-runtime';
import { PAPER_ACCOUNT_ID } from './paper-account';

let h: PaperHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const account = PAPER_ACCOUNT_ID;
const balance = (harness: PaperHarness, asset: string) => harness.runtime.paper.wallet.balance(account, asset);
const order = (harness: PaperHarness, row: OrderRow) => harness.runtime.orders.repo.require(account, row.clientOrderId);
const place = (harness: PaperHarness, ticket: Record<string, unknown>) =>
  harness.runtime.tickets.place({ accountId: account, symbol: 'BTC/USDT', ...ticket } as Parameters<
    PaperHarness['runtime']['tickets']['place']
  >[0]);

describe('paper exchange through the order ledger', () => {
  it('fills a market buy at the last price plus slippage, charges the taker fee in the asset received and moves balances', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 }, slippageBps: 5 });
    const row = await place(h, { side: 'buy', type: 'market', size: { unit: 'base', amount: 0.1 } });
    expect(row).toMatchObject({ status: 'filled', filled: 0.1, averagePrice: 30_015, cost: 3001.5, origin: 'manual' });
    expect(row.clientOrderId).toMatch(/^tw-[a-z0-9]{6}-1$/);
    const [trade] = h.runtime.orders.repo.tradesOf(account, row.clientOrderId);
    expect(trade).toMatchObject({ price: 30_015, amount: 0.1, fee: 0.0001, feeAsset: 'BTC', maker: false });
    expect(balance(h, 'USDT')).toEqual({ free: 6998.5, used: 0 });
    expect(balance(h, 'BTC')).toEqual({ free: 0.0999, used: 0 });
    h.runtime.events.flush();
    const changed = h.events.filter((e) => e.topic === 'orders.changed').flatMap((e) => (e.payload as { orders: OrderView[] }).orders);
    expect(changed.at(-1)).toMatchObject({ clientOrderId: row.clientOrderId, status: 'filled', fees: [{ asset: 'BTC', amount: 0.0001 }] });
    expect(h.events.some((e) => e.topic === 'fills')).toBe(true);
    expect(h.events.some((e) => e.topic === 'portfolio.changed')).toBe(true);
  });

  it('walks the order book when there is one: a partial fill, then the rest expires', async () => {
    const book = {
      bids: [{ price: 29_990, amount: 0.05 }],
      asks: [
        { price: 30_001, amount: 0.02 },
        { price: 30_003, amount: 0.03 },
      ],
    };
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 }, book: async () => book });
    const row = await place(h, { side: 'buy', type: 'market', size: { unit: 'base', amount: 0.08 } });
    expect(row).toMatchObject({ status: 'expired', filled: 0.05, cost: 1500.11 });
    expect(h.runtime.orders.repo.tradesOf(account, row.clientOrderId).map((t) => [t.price, t.amount])).toEqual([
      [30_001, 0.02],
      [30_003, 0.03],
    ]);
  });

  it('rests a limit order with its funds reserved, fills it as maker when the price crosses, and releases the rest', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 } });
    const row = await place(h, { side: 'buy', type: 'limit', size: { unit: 'base', amount: 0.1 }, price: 29_500 });
    expect(row.status).toBe('open');
    expect(balance(h, 'USDT')).toEqual({ free: 7050, used: 2950 });
    await h.step('BTC/USDT', 29_800);
    await h.step('BTC/USDT', 29_501);
    expect(order(h, row).status).toBe('open');
    await h.step('BTC/USDT', 29_400);
    expect(order(h, row)).toMatchObject({ status: 'filled', filled: 0.1, averagePrice: 29_500 });
    expect(h.runtime.orders.repo.tradesOf(account, row.clientOrderId)).toEqual([
      expect.objectContaining({ price: 29_500, maker: true, fee: 0.0001 }),
    ]);
    expect(balance(h, 'USDT')).toEqual({ free: 7050, used: 0 });
    expect(balance(h, 'BTC')).toEqual({ free: 0.0999, used: 0 });
  });

  it('triggers stops: a stop-market sells from its stop, a stop-limit becomes a resting limit', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 }, slippageBps: 10 });
    await place(h, { side: 'buy', type: 'market', size: { unit: 'base', amount: 0.2 } });
    const stop = await place(h, { side: 'sell', type: 'stop_market', size: { unit: 'base', amount: 0.1 }, stopPrice: 29_000 });
    const stopLimit = await place(h, {
      side: 'buy',
      type: 'stop_limit',
      size: { unit: 'base', amount: 0.01 },
      stopPrice: 31_000,
      price: 30_900,
    });
    expect([stop.status, stopLimit.status]).toEqual(['open', 'open']);
    expect(balance(h, 'BTC').used).toBe(0.1);
    await h.step('BTC/USDT', 29_500);
    await h.step('BTC/USDT', 28_700);
    expect(order(h, stop)).toMatchObject({ status: 'filled', averagePrice: 28_971 });
    await h.step('BTC/USDT', 31_050);
    expect(order(h, stopLimit).status).toBe('open');
    expect(h.runtime.paper.orders.byClientId(account, stopLimit.clientOrderId)?.triggered).toBe(true);
    await h.step('BTC/USDT', 30_880);
    expect(order(h, stopLimit)).toMatchObject({ status: 'filled', averagePrice: 30_900 });
  });

  it('cancels a resting order and frees its funds; refuses an order the balance cannot pay before sending', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 } });
    const row = await place(h, { side: 'buy', type: 'limit', size: { unit: 'quote', amount: 3_000 }, price: 29_000 });
    expect(balance(h, 'USDT').used).toBeCloseTo(2999.76, 6);
    const cancelled = await h.runtime.orders.cancel(account, row.clientOrderId);
    expect(cancelled.status).toBe('cancelled');
    expect(balance(h, 'USDT')).toEqual({ free: 10_000, used: 0 });
    await expect(place(h, { side: 'buy', type: 'limit', size: { unit: 'base', amount: 1 }, price: 29_000 })).rejects.toMatchObject({
      code: 'insufficient_funds',
      message: 'Not enough USDT: the order needs 29000.00 USDT, 10000.00 available.',
    });
    expect(h.runtime.orders.repo.list({ accountId: account })).toHaveLength(1); // nothing recorded for the refused one
  });

  it('keeps open paper orders and reserved funds across a restart, and fills them afterwards', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 } });
    const row = await place(h, { side: 'buy', type: 'limit', size: { unit: 'base', amount: 0.05 }, price: 29_900 });
    h = await h.restart();
    expect(order(h, row).status).toBe('open');
    expect(balance(h, 'USDT')).toEqual({ free: 8505, used: 1495 });
    const reports = await h.runtime.reconcile(account);
    expect(reports).toEqual([expect.objectContaining({ accountId: account, checked: 1, updated: 0, adopted: 0, error: null })]);
    await h.step('BTC/USDT', 30_100);
    await h.step('BTC/USDT', 29_850);
    expect(order(h, row).status).toBe('filled');
    const next = await place(h, { side: 'buy', type: 'market', size: { unit: 'base', amount: 0.001 } });
    expect(next.clientOrderId).toMatch(/-2$/); // the sequence survived the restart: no id is reused
  });

  it('resolves an intent left by a crash from the paper exchange, without sending it again', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 } });
    const { orders } = h.runtime;
    const sent = await place(h, { side: 'buy', type: 'limit', size: { unit: 'base', amount: 0.01 }, price: 29_000 });
    // As if Tradewind died after the paper exchange accepted the order but before the ledger heard back.
    h.db.prepare("UPDATE orders SET status = 'intent' WHERE client_order_id = ?").run(sent.clientOrderId);
    const lost = orders.repo.createIntent({
      accountId: account,
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: 0.01,
      price: 29_000,
      stopPrice: null,
      origin: 'manual',
      originId: null,
      originRole: null,
    });
    const [report] = await h.runtime.reconcile(account);
    expect(report).toMatchObject({ checked: 2, updated: 2 });
    expect(orders.repo.require(account, sent.clientOrderId).status).toBe('open');
    expect(orders.repo.require(account, lost.clientOrderId)).toMatchObject({ status: 'unknown', lookups: 1 });
    expect(h.runtime.paper.orders.open(account)).toHaveLength(1);
  });
});
