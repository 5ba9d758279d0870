/**
 * The rebalance bot on the paper exchange, step by step (bot harness, the bots' own clock): the
 * first round buys the basket from cash, a drift past the threshold sells the heavy asset before
 * buying the light one, the schedule starts rounds on time, and a restart in the middle of a round
 * (its legs saved, not all sent) sends each missing leg once and never doubles one the ledger has.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { asAmount } from '../../../../../shared/domain/types';
import type { BotInput } from '../../../../../shared/ipc/schemas/bots';
import type { RebalanceConfig } from '../../../../../shared/ipc/schemas/rebalance';
import { PAPER_ACCOUNT_ID } from '../../../paper/paper-account';
import { startBotHarness, type BotHarness } from '../../../test-support/bot-harness';
import type { IndexBacktestDeps } from './index-backtest-jobs';
import { IndexService } from './index-service';
import type { RebalanceState } from './rebalance-state';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3_600_000;
const config = (over: Partial<RebalanceConfig> = {}): RebalanceConfig => ({
  kind: 'rebalance',
  quote: 'USDT',
  basket: [
    { asset: 'BTC', weight: 50 },
    { asset: 'ETH', weight: 30 },
    { asset: 'USDT', weight: 20 },
  ],
  driftPct: 5,
  intervalHours: null,
  minTrade: 10,
  ...over,
});
const input = (over: Partial<RebalanceConfig> = {}): BotInput => ({
  name: 'Index',
  accountId: PAPER_ACCOUNT_ID,
  symbol: 'BTC/USDT',
  timeframe: '1h',
  mode: 'paper',
  config: config(over),
  risk: { capitalCap: 10_000, maxOpenOrders: 10, maxDailyLoss: null },
});

const rows = (botId: string) =>
  h!.trading.orders.repo
    .byOrigin(botId)
    .filter((r) => r.origin === 'bot')
    .sort((a, b) => a.createdAt - b.createdAt || a.clientOrderId.localeCompare(b.clientOrderId));
const roles = (botId: string) => rows(botId).map((r) => r.originRole!.replace(/^rebalance:r\d+:/, ''));
const state = (botId: string) =>
  JSON.parse((h!.db.prepare('SELECT state_json FROM bots WHERE id = ?').get(botId) as { state_json: string }).state_json) as RebalanceState;
const writeState = (botId: string, st: RebalanceState) =>
  h!.db.prepare('UPDATE bots SET state_json = ? WHERE id = ?').run(JSON.stringify(st), botId);

const botEvents = (botId: string) =>
  h!.db.prepare('SELECT level, message FROM bot_events WHERE bot_id = ? ORDER BY seq').all(botId) as Array<{
    level: string;
    message: string;
  }>;
const free = async (asset: string) => (await h!.trading.orders.venue(PAPER_ACCOUNT_ID).balances()).get(asset)?.free ?? 0;
/** The trader buys coins by hand, before any bot runs. */
const buyByHand = (symbol: string, amount: number) =>
  h!.trading.orders.submit({
    accountId: PAPER_ACCOUNT_ID,
    symbol,
    side: 'buy',
    type: 'market',
    amount: asAmount(amount),
    price: null,
    stopPrice: null,
    origin: 'manual',
    originId: null,
    originRole: null,
  });
const halves = [
  { asset: 'BTC', weight: 50 },
  { asset: 'ETH', weight: 50 },
];

async function weights(prices: Record<string, number>): Promise<Record<string, number>> {
  const balances = await h!.trading.orders.venue(PAPER_ACCOUNT_ID).balances();
  const value = (asset: string) => (balances.get(asset)?.free ?? 0) * (asset === 'USDT' ? 1 : prices[`${asset}/USDT`]!);
  const total = value('BTC') + value('ETH') + value('USDT');
  return { BTC: (value('BTC') / total) * 100, ETH: (value('ETH') / total) * 100, USDT: (value('USDT') / total) * 100 };
}

describe('rebalance bot', () => {
  it('buys the basket from cash, then rebalances on drift past the threshold: sells first, then buys', async () => {
    const prices = { 'BTC/USDT': 30_000, 'ETH/USDT': 2_000 };
    h = await startBotHarness({ prices });
    const bot = await h.bots.create(input());
    await h.bots.start(bot.id);
    await h.tick();
    expect(roles(bot.id)).toEqual(['n1:buy:BTC', 'n1:buy:ETH']);
    expect(rows(bot.id).every((r) => r.status === 'filled' && r.type === 'market')).toBe(true);
    // Fees (0.1 %) and the 0.5 % held back for market buys keep the first round a little short of the targets.
    const first = await weights(prices);
    expect(first.BTC).toBeCloseTo(50, 0);
    expect(first.ETH).toBeCloseTo(30, 0);
    expect(state(bot.id).rounds[0]).toMatchObject({ n: 1, reason: 'drift', phase: 'done' });

    // A 4 % move leaves every asset within 5 pp: no round.
    await h.step('BTC/USDT', 31_200);
    expect(rows(bot.id)).toHaveLength(2);

    // BTC +40 %: BTC ~58 % of the value (drift > 5 pp) → sell BTC, then buy ETH with what it brought.
    const moved = { 'BTC/USDT': 42_000, 'ETH/USDT': 2_000 };
    await h.step('BTC/USDT', 42_000);
    expect(roles(bot.id)).toEqual(['n1:buy:BTC', 'n1:buy:ETH', 'n2:sell:BTC', 'n2:buy:ETH']);
    const [sell, buy] = rows(bot.id).slice(2);
    // The buy was recorded only after the sell had filled.
    expect(sell!.status).toBe('filled');
    expect(buy!.createdAt).toBeGreaterThanOrEqual(sell!.updatedAt);
    const after = await weights(moved);
    for (const [asset, target] of [
      ['BTC', 50],
      ['ETH', 30],
      ['USDT', 20],
    ] as const)
      expect(Math.abs(after[asset]! - target)).toBeLessThan(1);
    const view = h.bots.list().find((b) => b.id === bot.id)!;
    // It sold coins it bought in an earlier round at a profit: no "sold more than it held" error, no position PnL.
    expect(view.ledgerIssue).toBeNull();
    expect(view.unrealisedPnl).toBeNull();
  });

  it('previews exactly the orders its first round sends, and the Index view shows weights, plan and rounds', async () => {
    h = await startBotHarness({ prices: { 'BTC/USDT': 30_000, 'ETH/USDT': 2_000 } });
    const service = new IndexService({
      repo: h.bots.repo,
      orders: h.trading.orders,
      markets: h.trading.markets,
      source: async () => h!.source,
      // The backtest's jobs, data sets and pool are not used here.
      backtests: {} as IndexBacktestDeps,
      now: () => Date.now(),
    });
    const preview = await service.preview(PAPER_ACCOUNT_ID, config(), 10_000);
    expect(preview.legs.map((l) => [l.side, l.symbol, l.dropped])).toEqual([
      ['buy', 'BTC/USDT', null],
      ['buy', 'ETH/USDT', null],
    ]);
    const bot = await h.bots.create(input());
    expect((await service.list())[0]).toMatchObject({ botId: bot.id, state: 'stopped', rounds: [], nextDueAt: null, planError: null });
    await h.bots.start(bot.id);
    await h.tick();
    // What the preview said is what went out.
    expect(rows(bot.id).map((r) => [r.side, r.symbol, r.amount])).toEqual(preview.legs.map((l) => [l.side, l.symbol, l.amount]));
    const [view] = await service.list();
    expect(view!.rounds).toHaveLength(1);
    expect(view!.rounds[0]!.legs.map((l) => l.status)).toEqual(['filled', 'filled']);
    expect(view!.plan!.maxDriftPct).toBeLessThan(5);
  });

  it('starts rounds on the schedule: at start, then once the interval has passed', async () => {
    let now = Date.UTC(2026, 11, 6, 12);
    h = await startBotHarness({ prices: { 'BTC/USDT': 30_000, 'ETH/USDT': 2_000 }, now: () => now });
    const bot = await h.bots.create(input({ driftPct: null, intervalHours: 1 }));
    await h.bots.start(bot.id);
    await h.tick();
    expect(state(bot.id).rounds.map((r) => r.reason)).toEqual(['start']);
    // A move the drift rule would ignore, half an hour on: nothing.
    now += HOUR / 2;
    await h.step('BTC/USDT', 31_500);
    expect(state(bot.id).rounds).toHaveLength(1);
    now += HOUR / 2;
    await h.tick();
    const st = state(bot.id);
    expect(st.rounds.map((r) => r.reason)).toEqual(['schedule', 'start']);
    expect(st.lastRoundAt).toBe(now);
    expect(roles(bot.id).slice(2)).toEqual(['n2:sell:BTC', 'n2:buy:ETH']);
  });

  it('resumes a round after a restart: a saved leg never sent goes out once, a leg the ledger has is never sent again', async () => {
    h = await startBotHarness({ prices: { 'BTC/USDT': 30_000, 'ETH/USDT': 2_000 } });
    const bot = await h.bots.create(input());
    await h.bots.start(bot.id);
    await h.tick();
    expect(rows(bot.id)).toHaveLength(2);

    // Killed right after round 2 was saved (sells first), before its sell went out.
    const st = state(bot.id);
    st.current = {
      n: 2,
      reason: 'drift',
      startedAt: 1,
      finishedAt: null,
      phase: 'selling',
      legs: [{ asset: 'BTC', symbol: 'BTC/USDT', side: 'sell', amount: 0.01, price: 30_000, role: 'n2:sell:BTC', dropped: null }],
      maxDriftPct: 6,
    };
    st.nextRound = 3;
    writeState(bot.id, st);
    h = await h.restart();
    await h.tick();
    const resumed = rows(bot.id).filter((r) => r.originRole?.includes(':n2:'));
    // The saved sell went out once, as saved; the buys were planned after it filled, from what the account then held.
    expect(resumed[0]).toMatchObject({ originRole: 'rebalance:r1:n2:sell:BTC', amount: 0.01, status: 'filled' });
    expect(resumed.slice(1).map((r) => r.side)).toEqual(resumed.slice(1).map(() => 'buy'));
    expect(resumed.filter((r) => r.originRole === 'rebalance:r1:n2:sell:BTC')).toHaveLength(1);
    expect(state(bot.id).current).toBeNull();
    expect(state(bot.id).rounds[0]).toMatchObject({ n: 2, phase: 'done' });
    const count = rows(bot.id).length;

    // Killed after round 2's buys were saved and sent, before the round was marked done: nothing is sent twice.
    const again = state(bot.id);
    again.current = { ...again.rounds[0]!, phase: 'buying', finishedAt: null };
    again.rounds = again.rounds.slice(1);
    writeState(bot.id, again);
    h = await h.restart();
    await h.tick();
    await h.tick();
    expect(rows(bot.id)).toHaveLength(count);
    const seen = new Set<string>();
    for (const role of roles(bot.id)) {
      expect(seen.has(role)).toBe(false);
      seen.add(role);
    }
    expect(state(bot.id).current).toBeNull();
  });

  it('refuses a basket the venue cannot trade and a bot market outside the basket', async () => {
    h = await startBotHarness({ prices: { 'BTC/USDT': 30_000, 'ETH/USDT': 2_000 } });
    const result = await h.bots.validate({
      ...input({
        basket: [
          { asset: 'BTC', weight: 50 },
          { asset: 'DOGE', weight: 50 },
        ],
      }),
      symbol: 'ETH/USDT',
    });
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { severity: 'error', field: 'config.basket', message: expect.stringContaining('has no DOGE/USDT market') },
        { severity: 'error', field: 'symbol', message: expect.stringContaining("must be one of its basket's USDT markets") },
      ]),
    );
  });

  it('manages only what it took over within its capital cap: coins bought by hand beyond it are never sold', async () => {
    h = await startBotHarness({ prices: { 'BTC/USDT': 30_000, 'ETH/USDT': 2_000 } });
    await buyByHand('BTC/USDT', 0.3); // ≈ 9,000 USDT of BTC, bought before the bot
    const heldByHand = await free('BTC');
    const bot = await h.bots.create({ ...input({ basket: halves }), risk: { capitalCap: 1_000, maxOpenOrders: 10, maxDailyLoss: null } });
    await h.bots.start(bot.id);
    await h.tick();
    // It took over 1,000 USDT worth of the BTC (0.0333 BTC, no cash: the coins fill the cap) ...
    const st = state(bot.id);
    expect(st.coinsStart!.BTC! * 30_000).toBeCloseTo(1_000, 6);
    expect(st.cashStart).toBe(0);
    // ... and rebalanced that: sold about half of it, bought ETH with what the sell brought.
    expect(roles(bot.id)).toEqual(['n1:sell:BTC', 'n1:buy:ETH']);
    expect(rows(bot.id).every((r) => r.status === 'filled')).toBe(true);
    const [sell, buy] = rows(bot.id);
    expect(sell!.amount).toBeLessThan(0.0167);
    expect(buy!.amount * 2_000).toBeGreaterThan(490);
    expect(heldByHand - (await free('BTC'))).toBeCloseTo(sell!.amount, 10);
    expect(botEvents(bot.id).filter((e) => e.level === 'warning' || e.level === 'error')).toEqual([]);
    // Balanced within the cap: later steps send nothing more.
    await h.tick();
    await h.tick();
    expect(rows(bot.id)).toHaveLength(2);
  });

  it('never plans a round whose buys exceed the capital cap: the whole round shrinks, its sells too', async () => {
    h = await startBotHarness({ prices: { 'BTC/USDT': 30_000, 'ETH/USDT': 2_000 } });
    const bot = await h.bots.create({ ...input({ basket: halves }), risk: { capitalCap: 1_000, maxOpenOrders: 10, maxDailyLoss: null } });
    await h.bots.start(bot.id);
    await h.tick();
    expect(roles(bot.id)).toEqual(['n1:buy:BTC', 'n1:buy:ETH']);
    // BTC ×40: the run's ~20,000 USDT of BTC wants a ~9,700 USDT ETH buy, far beyond the 1,000 cap (the guard
    // would refuse it after its sell went out): the round sells only what 1,000 of buys need, then buys that.
    await h.step('BTC/USDT', 1_200_000);
    const round = rows(bot.id).filter((r) => r.originRole!.includes(':n2:'));
    expect(round.map((r) => r.side)).toEqual(['sell', 'buy']);
    expect(round.every((r) => r.status === 'filled')).toBe(true);
    const bought = round[1]!.amount * 2_000;
    expect(bought).toBeLessThanOrEqual(1_000);
    expect(bought).toBeGreaterThan(900);
    expect(round[0]!.amount * 1_200_000).toBeLessThan(1_010);
    expect(botEvents(bot.id).filter((e) => e.message.includes('Capital cap'))).toEqual([]);
  });

  it('counts a leg a guard refused as not filled, says why, and starts no new drift round until something changes', async () => {
    h = await startBotHarness({ prices: { 'BTC/USDT': 30_000, 'ETH/USDT': 2_000 } });
    const bot = await h.bots.create({ ...input({ basket: halves }), risk: { capitalCap: 1_000, maxOpenOrders: 10, maxDailyLoss: null } });
    await h.bots.start(bot.id);
    await h.tick();
    expect(rows(bot.id)).toHaveLength(2);
    // Killed after round 2 was saved with a buy a guard now refuses (the cap lowered while it was away), left drifted.
    const st = state(bot.id);
    st.current = {
      n: 2,
      reason: 'drift',
      startedAt: 1,
      finishedAt: null,
      phase: 'buying',
      legs: [{ asset: 'ETH', symbol: 'ETH/USDT', side: 'buy', amount: 1, price: 2_000, role: 'n2:buy:ETH', dropped: null }],
      maxDriftPct: 6,
    };
    st.nextRound = 3;
    writeState(bot.id, st);
    h.source.setPrice('BTC/USDT', 45_000); // BTC +50 % meanwhile: drifted past 5 pp
    h = await h.restart();
    await h.tick();
    const done = botEvents(bot.id).filter((e) => e.message.startsWith('Round 2 done'));
    expect(done).toEqual([{ level: 'warning', message: expect.stringContaining('ETH (buy refused: Capital cap') }]);
    const events = botEvents(bot.id).length;
    const sent = rows(bot.id).length;
    // The drift is still there, the prices have not moved: ten steps start no round and log nothing.
    for (let i = 0; i < 10; i++) await h.tick();
    expect(state(bot.id).nextRound).toBe(3);
    expect(botEvents(bot.id)).toHaveLength(events);
    expect(rows(bot.id)).toHaveLength(sent);
    // A price move past 1 %: the bot tries again, with a round the cap allows.
    await h.step('BTC/USDT', 46_000);
    expect(state(bot.id).rounds[0]).toMatchObject({ n: 3, phase: 'done' });
    expect(
      rows(bot.id)
        .filter((r) => r.originRole!.includes(':n3:'))
        .every((r) => r.status === 'filled'),
    ).toBe(true);
  });

  it('says once, not every step, that the basket drifted but every leg is below a minimum', async () => {
    h = await startBotHarness({ prices: { 'BTC/USDT': 30_000, 'ETH/USDT': 2_000 } });
    // Coins it takes over make its drift move with the price.
    await buyByHand('BTC/USDT', 0.2);
    const basket = [
      { asset: 'BTC', weight: 50 },
      { asset: 'USDT', weight: 50 },
    ];
    const bot = await h.bots.create(input({ basket, minTrade: 1_000_000 }));
    await h.bots.start(bot.id);
    // The price moves a little every step, so each step's drift text differs.
    for (let i = 0; i < 10; i += 1) await h.step('BTC/USDT', 30_000 + i * 300);
    const said = botEvents(bot.id).filter((e) => e.message.includes('nothing to send'));
    expect(said).toHaveLength(1);
    expect(said[0]!.level).toBe('warning');
    expect(rows(bot.id)).toHaveLength(0);
  });
});
