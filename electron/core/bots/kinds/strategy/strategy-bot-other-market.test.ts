/**
 * A strategy bot reading another market of its venue ("Other market", issue #20): the feed
 * watches that market's candles beside its own, hands the evaluator its closed bars, and the
 * bot acts on them at its own bar's close; its own market and a market its venue lacks are
 * refused with the reason.
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

const MINUTE = 60_000;
let clock = Math.floor(Date.now() / MINUTE) * MINUTE;
const now = () => clock;
const t0 = clock - 10 * MINUTE;
const bar = (time: number, close: number): Candle => [time, close, close, close, close, 1];
const ethHistory = Array.from({ length: 10 }, (_, i) => bar(t0 + i * MINUTE, 2_000));
const btcHistory = Array.from({ length: 10 }, (_, i) => bar(t0 + i * MINUTE, 30_000));

/** Buy ETH/USDT when BTC/USDT closes above 30,100. */
const btcBreakout = (market: string) =>
  graph(
    'BTC breakout',
    'Buy ETH when BTC breaks out.',
    [
      node('btc', 'otherMarket', { market }, 0, 0),
      node('above', 'greaterThan', { b: 30_100 }, 1, 0),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 2, 0),
    ],
    [edge('btc.close', 'above.a'), edge('above.value', 'enter.when')],
  );

const ethBot = (strategyId: string): BotInput => ({
  name: 'ETH on BTC',
  accountId: PAPER_ACCOUNT_ID,
  symbol: 'ETH/USDT',
  timeframe: '1m',
  mode: 'paper',
  config: { kind: 'strategy', strategyId, capital: 1_000 },
  risk: { capitalCap: 1_500, maxOpenOrders: 5, maxDailyLoss: null },
});

const harness = () =>
  startBotHarness({
    prices: { 'ETH/USDT': 2_000, 'BTC/USDT': 30_000 },
    candles: (s) => {
      s.setCandles('ETH/USDT', '1m', ethHistory);
      s.setCandles('BTC/USDT', '1m', btcHistory);
    },
    now,
  });

describe('strategy bot reading another market', () => {
  it('watches the other market beside its own and enters at the close of its bar whose BTC bar broke out', async () => {
    h = await harness();
    const strategy = h.strategies.create({ graph: btcBreakout('BTC/USDT'), name: 'BTC breakout' });
    const bot = await h.bots.create(ethBot(strategy.id));
    await h.bots.start(bot.id);
    await h.tick();
    expect(h.watchedCandles()).toEqual(['BTC/USDT 1m', 'ETH/USDT 1m']);

    // BTC's bar of 10 minutes after t0 is still forming (its close not yet reached): not read.
    clock += MINUTE;
    h.source.appendCandle('ETH/USDT', '1m', bar(t0 + 10 * MINUTE, 2_010));
    h.source.appendCandle('BTC/USDT', '1m', bar(t0 + 10 * MINUTE, 30_050));
    h.source.appendCandle('BTC/USDT', '1m', bar(t0 + 11 * MINUTE, 30_500));
    h.source.setPrice('ETH/USDT', 2_010);
    await h.tick();
    expect(h.trading.orders.repo.byOrigin(bot.id)).toEqual([]);

    // ETH's next bar closes: BTC's bar of the same open time (30,500) has closed with it.
    clock += MINUTE;
    h.source.appendCandle('ETH/USDT', '1m', bar(t0 + 11 * MINUTE, 2_020));
    h.source.setPrice('ETH/USDT', 2_020);
    await h.tick();
    expect(h.trading.orders.repo.byOrigin(bot.id).map((o) => [o.symbol, o.originRole, o.side])).toEqual([
      ['ETH/USDT', 'strategy:r1:entry:1', 'buy'],
    ]);
  });

  it('refuses its own market at creation and a market its venue lacks at start, with the reason', async () => {
    h = await harness();
    const own = h.strategies.create({ graph: btcBreakout('ETH/USDT'), name: 'Own market' });
    await expect(h.bots.create(ethBot(own.id))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('ETH/USDT is the market the strategy runs on; use the Candle block for it, or pick another market.'),
    });
    const unknown = h.strategies.create({ graph: btcBreakout('DOGE/USDT'), name: 'Doge' });
    const bot = await h.bots.create(ethBot(unknown.id));
    await expect(h.bots.start(bot.id)).rejects.toMatchObject({
      message: expect.stringContaining(
        'The strategy "Doge" reads DOGE/USDT ("Other market" block), which is not a market of Binance, the venue of this bot\'s account.',
      ),
    });
  });
});
