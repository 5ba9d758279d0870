/**
 * A strategy bot reading a higher timeframe: the feed hands the evaluator the exchange's own
 * closed bars of that timeframe (not ones rebuilt from the bot's), and a timeframe that is not
 * above the bot's is refused at creation, naming the block.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../../shared/domain/types';
import type { BotInput } from '../../../../../shared/ipc/schemas/bots';
import { edge, graph, node } from '../../../../../shared/strategy/templates/graph-builder';
import { PAPER_ACCOUNT_ID } from '../../../paper/paper-account';
import { startBotHarness, type BotHarness } from '../../../test-support/bot-harness';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';
const MINUTE = 60_000;
const FIVE = 5 * MINUTE;
let clock = Math.floor(Date.now() / FIVE) * FIVE;
const now = () => clock;
const t0 = clock - 10 * MINUTE;
const bar = (time: number, close: number): Candle => [time, close, close, close, close, 1];
const history = Array.from({ length: 10 }, (_, i) => bar(t0 + i * MINUTE, 30_000));
// The exchange's 5m bars: the second closes at 30100, which no 1m bar above did (its own aggregation).
const fiveMinute = [bar(t0, 30_000), bar(t0 + FIVE, 30_100)];

const aboveFiveMinute = (timeframe: string) =>
  graph(
    'Above 5m',
    'Buy above the last closed 5m close.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('htf', 'higherTimeframe', { timeframe }, 0, 1),
      node('above', 'greaterThan', {}, 1, 0),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 2, 0),
    ],
    [edge('candle.close', 'above.a'), edge('htf.close', 'above.b'), edge('above.value', 'enter.when')],
  );

const botOn = (strategyId: string, timeframe: '1m' | '5m'): BotInput => ({
  name: 'HTF bot',
  accountId: PAPER_ACCOUNT_ID,
  symbol: SYMBOL,
  timeframe,
  mode: 'paper',
  config: { kind: 'strategy', strategyId, capital: 1_000 },
  risk: { capitalCap: 1_500, maxOpenOrders: 5, maxDailyLoss: null },
});

describe('strategy bot reading a higher timeframe', () => {
  it('compares with the exchange’s last closed 5m bar', async () => {
    h = await startBotHarness({
      prices: { [SYMBOL]: 30_000 },
      candles: (s) => {
        s.setCandles(SYMBOL, '1m', history);
        s.setCandles(SYMBOL, '5m', fiveMinute);
      },
      now,
    });
    const strategy = h.strategies.create({ graph: aboveFiveMinute('5m'), name: 'Above 5m' });
    const bot = await h.bots.create(botOn(strategy.id, '1m'));
    await h.bots.start(bot.id);
    await h.tick();

    // 30050 is above the 1m closes but below the exchange's 5m close (30100): no entry.
    clock += 2 * MINUTE;
    h.source.appendCandle(SYMBOL, '1m', bar(t0 + 10 * MINUTE, 30_050));
    h.source.setPrice(SYMBOL, 30_050);
    await h.tick();
    expect(h.trading.orders.repo.byOrigin(bot.id)).toEqual([]);

    clock += MINUTE;
    h.source.appendCandle(SYMBOL, '1m', bar(t0 + 11 * MINUTE, 30_150));
    h.source.setPrice(SYMBOL, 30_150);
    await h.tick();
    expect(h.trading.orders.repo.byOrigin(bot.id).map((o) => [o.originRole, o.side])).toEqual([['strategy:r1:entry:1', 'buy']]);
    expect((await h.bots.get(bot.id)).events.map((e) => e.message)).toContain('Entry signal at the close 30150.');
  });

  it('refuses a bot whose timeframe is not below the block’s, naming the block', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, candles: (s) => s.setCandles(SYMBOL, '5m', fiveMinute), now });
    const strategy = h.strategies.create({ graph: aboveFiveMinute('5m'), name: 'Above 5m' });
    await expect(h.bots.create(botOn(strategy.id, '5m'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(
        'config.strategyId: The strategy "Above 5m" cannot run on 5m candles: The block "htf" (Candle (higher timeframe), node "htf") reads 5m candles, which is not a higher timeframe than the 5m bars it runs on.',
      ),
    });
  });

  /** Buy when the 1m close is above EMA(600) of the 5m close: 600 closed 5m bars of warm-up, more than one 500-bar request. */
  const aboveLongFiveMinuteEma = () =>
    graph(
      'Above 5m EMA(600)',
      'Buy above the 5m trend.',
      [
        node('candle', 'candle', {}, 0, 0),
        node('htf', 'higherTimeframe', { timeframe: '5m' }, 0, 1),
        node('trend', 'ema', { period: 600 }, 1, 1),
        node('above', 'greaterThan', {}, 1, 0),
        node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 2, 0),
      ],
      [
        edge('htf.close', 'trend.source'),
        edge('candle.close', 'above.a'),
        edge('trend.value', 'above.b'),
        edge('above.value', 'enter.when'),
      ],
    );
  /** `count` closed 5m bars at 30000, the newest closing at t0 + 10 minutes. */
  const fiveMinuteHistory = (count: number) => Array.from({ length: count }, (_, k) => bar(t0 + FIVE - (count - 1 - k) * FIVE, 30_000));

  it('warms a 5m EMA(600) on 600 closed 5m bars fetched on start (counted in 5m bars), so its first 1m bar can enter', async () => {
    h = await startBotHarness({
      prices: { [SYMBOL]: 30_000 },
      candles: (s) => {
        s.setCandles(SYMBOL, '1m', history);
        s.setCandles(SYMBOL, '5m', fiveMinuteHistory(650));
      },
      now,
    });
    const strategy = h.strategies.create({ graph: aboveLongFiveMinuteEma(), name: 'Above 5m EMA(600)' });
    const bot = await h.bots.create(botOn(strategy.id, '1m'));
    await h.bots.start(bot.id);
    await h.tick();
    // The history's closes equal the EMA: not above it, no entry yet.
    expect(h.trading.orders.repo.byOrigin(bot.id)).toEqual([]);
    clock += 2 * MINUTE;
    h.source.appendCandle(SYMBOL, '1m', bar(t0 + 10 * MINUTE, 30_050));
    h.source.setPrice(SYMBOL, 30_050);
    await h.tick();
    expect(h.trading.orders.repo.byOrigin(bot.id).map((o) => o.side)).toEqual(['buy']);
    expect((await h.bots.get(bot.id)).events.map((e) => e.message).filter((m) => m.includes('needs 600'))).toEqual([]);
  });

  it('says in the bot’s log when the exchange has too little history of the higher timeframe to warm up', async () => {
    h = await startBotHarness({
      prices: { [SYMBOL]: 30_000 },
      candles: (s) => {
        s.setCandles(SYMBOL, '1m', history);
        s.setCandles(SYMBOL, '5m', fiveMinuteHistory(450));
      },
      now,
    });
    const strategy = h.strategies.create({ graph: aboveLongFiveMinuteEma(), name: 'Above 5m EMA(600)' });
    const bot = await h.bots.create(botOn(strategy.id, '1m'));
    await h.bots.start(bot.id);
    await h.tick();
    expect((await h.bots.get(bot.id)).events.map((e) => e.message)).toContain(
      '"EMA" (EMA, node "trend") on 5m candles needs 600 closed 5m bars before it has a value; the exchange gave 450, so nothing that reads it is true until 150 more have closed (about 13 hours).',
    );
  });
});
