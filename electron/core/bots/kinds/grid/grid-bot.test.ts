import { afterEach, describe, expect, it } from 'vitest';
import { botEvents, botMethods } from '../../../../../shared/ipc/schemas/bots';
import { PAPER_ACCOUNT_ID } from '../../../paper/paper-account';
import { paperGrid, startBotHarness, type BotHarness } from '../../../test-support/bot-harness';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';

const ordersOf = (harness: BotHarness, id: string) =>
  harness.trading.orders.repo
    .byOrigin(id)
    .map((o) => ({ role: o.originRole, side: o.side, type: o.type, amount: o.amount, price: o.price, status: o.status }));

const resting = (harness: BotHarness, id: string) =>
  ordersOf(harness, id)
    .filter((o) => o.status === 'open')
    .map((o) => [o.side, o.price, o.amount]);

describe('grid bot on the paper exchange', () => {
  it('buys the base for the upper levels, flips orders as prices cross levels, and books pair profit net of fees', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const created = await h.bots.create(paperGrid());
    expect(created).toMatchObject({ state: 'stopped', kind: 'grid', realisedPnl: 0, openOrders: 0 });
    const started = await h.bots.start(created.id);
    expect(started.state).toBe('running');
    // Levels 29000 29500 [30000 idle] 30500 31000; 0.00843 BTC per level; 0.01688 BTC bought at market first.
    expect(ordersOf(h, created.id)[0]).toMatchObject({
      role: 'grid:r1:init',
      side: 'buy',
      type: 'market',
      amount: 0.01688,
      status: 'filled',
    });
    expect(resting(h, created.id)).toEqual([
      ['buy', 29_000, 0.00843],
      ['buy', 29_500, 0.00843],
      ['sell', 30_500, 0.00843],
      ['sell', 31_000, 0.00843],
    ]);

    await h.step(SYMBOL, 30_000); // the paper exchange's first sample is its baseline
    await h.step(SYMBOL, 29_400); // crosses 29500: that buy fills, a sell appears one level up
    expect(resting(h, created.id)).toEqual([
      ['buy', 29_000, 0.00843],
      ['sell', 30_500, 0.00843],
      ['sell', 31_000, 0.00843],
      ['sell', 30_000, 0.00842], // 0.00843 bought, 0.1% fee in BTC → 0.00842157, floored to the step
    ]);
    await h.step(SYMBOL, 30_100); // crosses 30000: the flipped sell fills, the buy returns at 29500
    await h.step(SYMBOL, 30_600); // crosses 30500: an original sell fills, a buy appears at 30000
    expect(resting(h, created.id)).toEqual([
      ['buy', 29_000, 0.00843],
      ['sell', 31_000, 0.00843],
      ['buy', 29_500, 0.00843],
      ['buy', 30_000, 0.00843],
    ]);

    // Pair 1: bought 0.00843 at 29500 (basis 29500 / 0.999 per BTC held), sold 0.00842 at 30000 less 0.1%.
    const pair1 = 0.00842 * 30_000 * 0.999 - (0.00842 * 29_500) / 0.999;
    // Pair 2: the base bought at start at 30000 (basis 30000 / 0.999), sold 0.00843 at 30500 less 0.1%.
    const pair2 = 0.00843 * 30_500 * 0.999 - (0.00843 * 30_000) / 0.999;
    const detail = await h.bots.get(created.id);
    expect(detail.bot.realisedPnl).toBeCloseTo(pair1 + pair2, 6);
    expect(detail.bot.openOrders).toBe(4);
    expect(detail.levels.filter((l) => l.kind === 'grid_buy' || l.kind === 'grid_sell').map((l) => [l.kind, l.price])).toEqual([
      ['grid_buy', 29_000],
      ['grid_buy', 29_500],
      ['grid_buy', 30_000],
      ['grid_sell', 31_000],
    ]);
    expect(detail.fills).toHaveLength(4);
    expect(detail.events.map((e) => e.level)).toContain('fill');
    botMethods['bots.get'].output.parse(detail);

    // Every role was placed once: the ledger never holds two orders for one slot.
    const roles = h.trading.orders.repo.byOrigin(created.id).map((o) => o.originRole);
    expect(new Set(roles).size).toBe(roles.length);

    h.trading.events.flush();
    await h.bots.close(); // flushes the conflated views
    const changed = h.events.filter((e) => e.topic === 'bots.changed');
    expect(changed.length).toBeGreaterThan(0);
    for (const e of changed) botEvents['bots.changed'].parse(e.payload);
    expect(h.events.filter((e) => e.topic === 'notification').length).toBeGreaterThanOrEqual(3);
  });

  it('stops at the stop-loss bound: cancels its orders and sells the base it holds at market', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(paperGrid({ config: { stopLoss: 28_500 } }));
    await h.bots.start(bot.id);
    await h.step(SYMBOL, 30_000);
    await h.step(SYMBOL, 28_400); // both buys fill on the way down, then the bound is below the price
    const view = h.bots.list().find((b) => b.id === bot.id);
    expect(view).toMatchObject({ state: 'stopped', stopReason: 'stop_loss', openOrders: 0 });
    const orders = ordersOf(h, bot.id);
    expect(orders.filter((o) => o.status === 'open')).toEqual([]);
    expect(orders.at(-1)).toMatchObject({ role: 'grid:r1:close', side: 'sell', type: 'market', status: 'filled' });
    // Everything the grid bought is sold again (up to the amount step).
    expect(h.trading.paper.wallet.balance(PAPER_ACCOUNT_ID, 'BTC').free).toBeLessThan(0.00001);
    expect(h.bots.notifications().some((n) => n.title.includes('stopped') && n.botId === bot.id)).toBe(true);
  });

  it('resumes after a restart with the same orders and places nothing twice', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(paperGrid());
    await h.bots.start(bot.id);
    await h.step(SYMBOL, 30_000);
    const before = h.trading.orders.repo.byOrigin(bot.id).length;
    h.source.setPrice(SYMBOL, 29_400);
    h = await h.restart();
    // While the new core starts, the paper exchange sees the move and fills the 29500 buy.
    await h.step(SYMBOL, 30_000);
    await h.step(SYMBOL, 29_400);
    const report = h.bots.reconciliation();
    expect(report.resumed).toEqual([bot.id]);
    expect(report.accounts.find((a) => a.accountId === PAPER_ACCOUNT_ID)).toMatchObject({ checked: 4, error: null });
    botMethods['bots.reconciliation'].output.parse(report);
    const rows = h.trading.orders.repo.byOrigin(bot.id);
    expect(rows.length).toBe(before + 1); // the flip's sell, nothing re-sent
    expect(resting(h, bot.id)).toEqual([
      ['buy', 29_000, 0.00843],
      ['sell', 30_500, 0.00843],
      ['sell', 31_000, 0.00843],
      ['sell', 30_000, 0.00842],
    ]);
    const roles = rows.map((o) => o.originRole);
    expect(new Set(roles).size).toBe(roles.length);
  });

  it('reports open orders of a deleted bot as orphans after a restart; each can be kept (as manual) or cancelled', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(paperGrid());
    await h.bots.start(bot.id);
    // As if its bot were removed while its orders could not be cancelled.
    h.bots.repo.delete(bot.id);
    h = await h.restart();
    const report = h.bots.reconciliation();
    expect(report.orphans.map((o) => [o.reason, o.resolution, o.order.side, o.order.price])).toEqual([
      ['bot_deleted', 'pending', 'sell', 31_000],
      ['bot_deleted', 'pending', 'sell', 30_500],
      ['bot_deleted', 'pending', 'buy', 29_500],
      ['bot_deleted', 'pending', 'buy', 29_000],
    ]);
    const [first, second] = report.orphans;
    const kept = await h.bots.resolveOrphan(PAPER_ACCOUNT_ID, first!.order.clientOrderId, 'adopt');
    expect(kept).toMatchObject({ resolution: 'adopted', order: { origin: 'manual', originId: null, status: 'open' } });
    const cancelled = await h.bots.resolveOrphan(PAPER_ACCOUNT_ID, second!.order.clientOrderId, 'cancel');
    expect(cancelled).toMatchObject({ resolution: 'cancelled', order: { status: 'cancelled' } });
    await expect(h.bots.resolveOrphan(PAPER_ACCOUNT_ID, second!.order.clientOrderId, 'adopt')).rejects.toThrow(
      `Order ${second!.order.clientOrderId} was already cancelled.`,
    );
    expect(h.bots.reconciliation().orphans.map((o) => o.resolution)).toEqual(['adopted', 'cancelled', 'pending', 'pending']);
  });
});
