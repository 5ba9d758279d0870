/**
 * Live short selling on a USDT perpetuals account (issue #20 item 2): a real core, the real ccxt
 * client and the fake Bybit's linear perpetuals. A strategy bot sells short at market on a closed
 * candle (1× leverage set first), buys it back reduce-only on a later one, and books the PnL;
 * a restart while short never sends an order twice; a spot account still refuses short blocks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { csvRows } from '../../../e2e/fake-exchange/test-support';
import type { FakeBybit } from '../../../e2e/fake-exchange';
import type { BotDetail, BotInput, BotView } from '../../../shared/ipc/schemas/bots';
import type { StrategyRecord } from '../../../shared/ipc/schemas/strategies';
import { edge, graph, node } from '../../../shared/strategy/templates/graph-builder';
import { startRowCore, VENUE_ROWS, type RowCore } from '../test-support/venue-rows';

const BYBIT = VENUE_ROWS.find((r) => r.exchangeId === 'bybit')!;
const PERP = 'BTC/USDT:USDT';
const PRICE = 30_000;
const FIVE_MINUTES = 5 * 60_000;
const NEWEST_REPLAY_BAR = Number(csvRows('BTC_USDT-5m.csv').at(-1)?.[0]);
const flatBar = (openTime: number, close: number) => ({ openTime, open: close, high: close, low: close, close, volume: 1 });

let h: RowCore | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Sells short on every closed candle while flat; buys back on a candle closing below `coverBelow`. */
const shortThenCover = (coverBelow: number) =>
  graph(
    'Short the venue',
    'Sell short on the next closed candle, buy back on one closing below the cover level.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('always', 'greaterThan', { b: 0 }, 1, 0),
      node('below', 'lessThan', { b: coverBelow }, 1, 1),
      node('short', 'enterShort', { sizing: 'percentOfEquity', size: 100, borrowPctPerBar: 0 }, 2, 0),
      node('cover', 'exitShort', {}, 2, 1),
    ],
    [
      edge('candle.close', 'always.a'),
      edge('candle.close', 'below.a'),
      edge('always.value', 'short.when'),
      edge('below.value', 'cover.when'),
    ],
  );

const botInput = (accountId: string, strategyId: string, symbol: string): BotInput => ({
  name: 'Bybit shorts',
  accountId,
  symbol,
  timeframe: '5m',
  mode: 'live',
  config: { kind: 'strategy', strategyId, capital: 500 },
  risk: { capitalCap: 1_000, maxOpenOrders: 5, maxDailyLoss: null },
});

const detailOf = (c: RowCore, id: string) => c.call<BotDetail>('bots.get', { id, events: 50 });
const waitFor = (check: () => Promise<boolean>, timeout = 8_000) => expect.poll(check, { timeout, interval: 25 }).toBe(true);

describe('strategy bot short selling on a USDT perpetuals account (Bybit)', () => {
  it('sells short at market, survives a restart while short without a second order, buys back reduce-only and books the PnL', async () => {
    h = await startRowCore(BYBIT, PRICE, { USDT: '10000' }, { marketType: 'swap' });
    const c = h;
    const fake = c.fake as unknown as FakeBybit;
    const exchangeAccount = fake.state.accountIdFor(BYBIT.credentials.apiKey);
    const strategy = await c.call<StrategyRecord>('strategies.create', { name: 'Shorts', graph: shortThenCover(29_500) });
    const checked = await c.call<{ issues: Array<{ severity: string; message: string }> }>('bots.validate', {
      input: botInput(c.accountId, strategy.id, PERP),
    });
    expect(checked.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // The spot kinds are refused here: their sells could open shorts.
    const grid = await c.refusal('bots.create', {
      ...botInput(c.accountId, strategy.id, PERP),
      config: {
        kind: 'dca',
        baseOrder: 100,
        safetyOrder: 100,
        safetyOrders: 1,
        priceDeviationPct: 2,
        stepScale: 1,
        volumeScale: 1,
        takeProfitPct: 1,
        maxActiveDeals: 1,
        start: 'immediately',
        strategyId: null,
      },
    });
    expect(grid.message).toContain('A dca bot trades spot holdings; "Bybit suite" is a USDT perpetuals account');
    const bot = await c.call<BotView>('bots.create', botInput(c.accountId, strategy.id, PERP));
    expect((await c.call<BotView>('bots.start', { id: bot.id, confirmed: true })).state).toBe('running');

    // A candle closes while Tradewind is down: on resume the bot reads it and sells short.
    await c.restart(async () => fake.appendCandle(BYBIT.btcUsdt, flatBar(NEWEST_REPLAY_BAR + FIVE_MINUTES, PRICE)));
    await waitFor(async () => (await detailOf(c, bot.id)).position.amount < 0);
    const short = await detailOf(c, bot.id);
    // 500 USDT at 30,000 is 0.01666…, rounded down to the contract's 0.001 step.
    expect(short.position).toEqual({ amount: -0.016, averagePrice: expect.closeTo(PRICE * (1 - 0.00055), 6) });
    expect(short.fills).toEqual([expect.objectContaining({ side: 'sell', amount: 0.016, price: PRICE })]);
    expect(fake.linear.position(exchangeAccount, 'BTCUSDT')).toMatchObject({ leverage: '1' });
    expect(fake.linear.orders.map((o) => [o.side, o.reduceOnly])).toEqual([['Sell', false]]);

    // Restart while short: the bot resumes from its state and the ledger; nothing is sent again.
    await c.restart(async () => undefined);
    await waitFor(async () => (await detailOf(c, bot.id)).bot.state === 'running');
    expect((await detailOf(c, bot.id)).position.amount).toBe(-0.016);
    expect(fake.linear.orders).toHaveLength(1);

    // The next candle closes below the cover level: the bot buys the whole short back, reduce-only.
    fake.setPrice(BYBIT.btcUsdt, 29_000);
    fake.appendCandle(BYBIT.btcUsdt, flatBar(NEWEST_REPLAY_BAR + 2 * FIVE_MINUTES, 29_000));
    // The feed asks the venue for new candles at most every 5 s (its poll interval), hence the longer wait.
    await waitFor(async () => (await detailOf(c, bot.id)).fills.some((f) => f.side === 'buy'), 15_000);
    await waitFor(async () => (await detailOf(c, bot.id)).bot.realisedPnl !== 0);
    const done = await detailOf(c, bot.id);
    expect(done.position.amount).toBe(0);
    expect(done.bot).toMatchObject({ state: 'running', ledgerIssue: null });
    // (30,000 − 29,000) × 0.016 less the taker fees 0.264 and 0.2552 USDT: a profit, as the price fell.
    expect(done.bot.realisedPnl).toBeCloseTo(16 - 0.264 - 0.2552, 6);
    expect(fake.linear.orders.map((o) => [o.side, o.reduceOnly, o.status])).toEqual([
      ['Sell', false, 'Filled'],
      ['Buy', true, 'Filled'],
    ]);
    const linkIds = fake.linear.orders.map((o) => o.orderLinkId);
    expect(new Set(linkIds).size).toBe(linkIds.length);
    expect(fake.linear.position(exchangeAccount, 'BTCUSDT').size).toBe(0n);
    expect(done.events.filter((e) => e.level === 'fill').map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Sold short 0\.016 BTC at 30000\.$/),
        expect.stringMatching(/^Bought back 0\.016 BTC/),
      ]),
    );
  });

  it('on the same venue’s spot account the short blocks are still refused, with the reason', async () => {
    h = await startRowCore(BYBIT, PRICE, { USDT: '10000' });
    const c = h;
    const strategy = await c.call<StrategyRecord>('strategies.create', { name: 'Shorts', graph: shortThenCover(29_500) });
    const refused = await c.refusal('bots.create', botInput(c.accountId, strategy.id, 'BTC/USDT'));
    expect(refused.message).toContain('shorting needs a margin or perpetual futures account; Bybit account "Bybit suite" is spot.');
  });
});
