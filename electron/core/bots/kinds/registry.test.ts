import { afterEach, describe, expect, it } from 'vitest';
import { PAPER_ACCOUNT_ID } from '../../paper/paper-account';
import { startBotHarness, type BotHarness } from '../../test-support/bot-harness';
import { PING_PONG, pingPongInput, pingPongKind } from '../../test-support/ping-pong-kind/ping-pong-kind';
import { builtInKinds } from './registry';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';
const input = () =>
  pingPongInput({
    name: 'Ping-pong',
    accountId: PAPER_ACCOUNT_ID,
    symbol: SYMBOL,
    timeframe: '1m',
    mode: 'paper',
    risk: { capitalCap: 5_000, maxOpenOrders: 5, maxDailyLoss: null },
    config: { spread: 0.01, amount: 0.01 },
  });

const ordersOf = (harness: BotHarness, id: string) =>
  harness.trading.orders.repo.byOrigin(id).map((o) => ({ role: o.originRole, side: o.side, price: o.price, status: o.status }));

describe('bot kind registry', () => {
  it('runs a kind registered by a test through start, fills, a restart and stop, with no runtime change', async () => {
    const kinds = builtInKinds().register(pingPongKind);
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, kinds });
    const created = await h.bots.create(input());
    expect(created).toMatchObject({ kind: PING_PONG, state: 'stopped' });
    await h.bots.start(created.id);
    expect(ordersOf(h, created.id)).toEqual([{ role: 'pingpong:r1:buy:1', side: 'buy', price: 29_700, status: 'open' }]);

    await h.step(SYMBOL, 30_000); // the paper exchange's first sample is its baseline
    await h.step(SYMBOL, 29_600); // the buy fills: the sell goes up 1 % above it
    expect(ordersOf(h, created.id).map((o) => [o.role, o.status, o.price])).toEqual([
      ['pingpong:r1:buy:1', 'filled', 29_700],
      ['pingpong:r1:sell:1', 'open', 29_997],
    ]);
    await h.step(SYMBOL, 30_100); // the sell fills: profit booked, the next cycle's buy rests below it
    const detail = await h.bots.get(created.id);
    expect(detail.bot.realisedPnl).toBeGreaterThan(0);
    expect(detail.levels).toMatchObject([{ kind: 'grid_buy', label: 'buy 2' }]);

    // A restart resumes the run from its saved state and the ledger: nothing is placed twice.
    h = await h.restart();
    await h.step(SYMBOL, 30_100);
    const roles = h.trading.orders.repo.byOrigin(created.id).map((o) => o.originRole);
    expect(roles).toEqual(['pingpong:r1:buy:1', 'pingpong:r1:sell:1', 'pingpong:r1:buy:2']);
    expect((await h.bots.get(created.id)).bot.state).toBe('running');

    const stopped = await h.bots.stop(created.id);
    expect(stopped).toMatchObject({ state: 'stopped', openOrders: 0 });
    expect(ordersOf(h, created.id).at(-1)).toMatchObject({ role: 'pingpong:r1:buy:2', status: 'cancelled' });
  });

  it("carries out the kind's stop lifecycle: a kind that leaves its orders keeps them through the stop and a restart", async () => {
    const keeper = { ...pingPongKind, id: 'pingpong-keep', lifecycle: { stop: 'leave_orders' as const, revoke: 'pause' as const } };
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, kinds: builtInKinds().register(keeper) });
    const base = input();
    const created = await h.bots.create({ ...base, config: { ...base.config, kind: 'pingpong-keep' } as unknown as typeof base.config });
    await h.bots.start(created.id);
    const stopped = await h.bots.stop(created.id);
    expect(stopped).toMatchObject({ state: 'stopped', openOrders: 1 });
    h = await h.restart();
    await h.tick();
    expect(ordersOf(h, created.id)).toEqual([{ role: 'pingpong-keep:r1:buy:1', side: 'buy', price: 29_700, status: 'open' }]);
  });

  it('refuses settings of a kind this build does not know, naming it and the known ones', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, kinds: builtInKinds() });
    await expect(h.bots.create(input())).rejects.toThrow(
      'This version of Tradewind has no "pingpong" bot kind (it knows grid, dca, strategy, signal, rebalance)',
    );
  });

  it('refuses registering two kinds under one name', () => {
    expect(() => builtInKinds().register({ ...pingPongKind, id: 'grid' })).toThrow('A bot kind named "grid" is already registered.');
  });
});
