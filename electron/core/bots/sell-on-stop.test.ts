import { afterEach, describe, expect, it } from 'vitest';
import { paperGrid, startBotHarness, type BotHarness } from '../test-support/bot-harness';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';
const roles = (harness: BotHarness, id: string) =>
  harness.trading.orders.repo.byOrigin(id).map((o) => [o.originRole, o.side, o.type, o.status]);

describe('stopping a grid or DCA bot: keep or sell its coins', () => {
  it('sells what the run holds at market through the ledger and says so', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.start((await h.bots.create(paperGrid())).id);
    // 0.01688 BTC bought at start for the two upper sells.
    await h.bots.stop(bot.id, 'manual', undefined, 'sell');
    expect(roles(h, bot.id).at(-1)).toEqual(['grid:r1:stop-sell', 'sell', 'market', 'filled']);
    const detail = await h.bots.get(bot.id);
    // 0.01686312 BTC held (after the buy fee); the amount step is 0.00001, so 0.00000312 stays and is said.
    expect(detail.position.amount).toBeCloseTo(0.00000312, 9);
    expect(detail.events[0]?.message).toMatch(
      /^Stopped: Sold 0\.01686 BTC at market at [\d.]+ \([\d.]+ USDT\)\. 0\.00000312 BTC below the amount step stays\.$/,
    );
  });

  it('keeps the coins when one of its orders could not be cancelled, so nothing is sold twice', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.start((await h.bots.create(paperGrid())).id);
    // The exchange refuses one cancel (e.g. a time-out): that sell may still fill later.
    const orders = h.trading.orders;
    const cancel = orders.cancel.bind(orders);
    let refused = 0;
    orders.cancel = async (accountId, clientOrderId) => {
      if (refused++ === 0) throw new Error('exchange timed out');
      return cancel(accountId, clientOrderId);
    };
    await h.bots.stop(bot.id, 'manual', undefined, 'sell');
    expect(roles(h, bot.id).some(([role]) => role === 'grid:r1:stop-sell')).toBe(false);
    expect((await h.bots.get(bot.id)).events[0]?.message).toBe(
      'Stopped: Kept 0.01686312 BTC: 1 of its orders could not be cancelled and may still fill, so nothing was sold twice. Sell what is left from the order ticket once they are gone.',
    );
  });

  it('keeps the coins when asked, and says so', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.start((await h.bots.create(paperGrid())).id);
    await h.bots.stop(bot.id, 'manual', undefined, 'keep');
    expect(roles(h, bot.id).some(([role]) => role === 'grid:r1:stop-sell')).toBe(false);
    expect((await h.bots.get(bot.id)).events[0]?.message).toBe('Stopped: Kept the 0.01686312 BTC it holds.');
  });

  it('says a remainder below the market minimum is kept, not sold', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    // A DCA deal of 5.5 USDT: about 0.00018 BTC, worth less than the 5 USDT minimum once BTC is at 27000.
    const config = {
      kind: 'dca',
      baseOrder: 5.5,
      safetyOrder: 10,
      safetyOrders: 0,
      priceDeviationPct: 10,
      stepScale: 1,
      volumeScale: 1,
      takeProfitPct: 50,
      maxActiveDeals: 1,
      start: 'immediately',
      strategyId: null,
    } as const;
    const bot = await h.bots.start((await h.bots.create({ ...paperGrid(), config })).id);
    await h.step(SYMBOL, 30_000);
    await h.step(SYMBOL, 27_000);
    await h.bots.stop(bot.id, 'manual', undefined, 'sell');
    expect(roles(h, bot.id).some(([role]) => String(role).endsWith(':stop-sell'))).toBe(false);
    expect((await h.bots.get(bot.id)).events[0]?.message).toMatch(
      /^Stopped: Kept 0\.000179\d* BTC: below the market's minimum order \([\d.]+ BTC, 5 USDT\), so it cannot be sold\.$/,
    );
  });
});
