import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../../shared/domain/types';
import type { BotInput } from '../../../../../shared/ipc/schemas/bots';
import { buildFromTemplate } from '../../../../../shared/strategy';
import { PAPER_ACCOUNT_ID } from '../../../paper/paper-account';
import { startBotHarness, type BotHarness } from '../../../test-support/bot-harness';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';
// The bots' clock: a minute passes between bars, as it would live.
let clock = Math.floor(Date.now() / 60_000) * 60_000;
const now = () => clock;
const t0 = clock - 11 * 60_000;
const bar = (i: number, close: number): Candle => [t0 + i * 60_000, close, close, close, close, 1];
const flat = Array.from({ length: 10 }, (_, i) => bar(i, 30_000));

const smaCross = () => {
  const built = buildFromTemplate('sma-cross', { fast: 2, slow: 4 });
  if (!built.ok) throw new Error('template did not build');
  return built.graph;
};

const strategyBot = (strategyId: string): BotInput => ({
  name: 'Cross bot',
  accountId: PAPER_ACCOUNT_ID,
  symbol: SYMBOL,
  timeframe: '1m',
  mode: 'paper',
  config: { kind: 'strategy', strategyId, capital: 1_000 },
  risk: { capitalCap: 1_500, maxOpenOrders: 5, maxDailyLoss: null },
});

const ordersOf = (harness: BotHarness, id: string) =>
  harness.trading.orders.repo.byOrigin(id).map((o) => [o.originRole, o.side, o.type, o.amount, o.status]);

describe('strategy bot from a saved template', () => {
  it('buys on the entry signal of a closed candle and sells the position on the exit signal', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, candles: (s) => s.setCandles(SYMBOL, '1m', flat), now });
    const strategy = h.strategies.create({ graph: smaCross(), name: 'Cross' });
    const bot = await h.bots.create(strategyBot(strategy.id));
    await h.bots.start(bot.id);
    await h.tick();
    clock += 2 * 60_000;
    expect(ordersOf(h, bot.id)).toEqual([]); // warmed on history: old bars never trade

    // Fast SMA(2) crosses above slow SMA(4) at the close of 30300.
    h.source.appendCandle(SYMBOL, '1m', bar(10, 30_300));
    h.source.appendCandle(SYMBOL, '1m', bar(11, 30_600));
    h.source.setPrice(SYMBOL, 30_300);
    await h.tick();
    clock += 2 * 60_000;
    expect(ordersOf(h, bot.id)).toEqual([['strategy:r1:entry:1', 'buy', 'market', 0.033, 'filled']]); // 1000 / 30300 floored to 0.00001

    // ...and back below at 29500: the whole position (0.033 less the 0.1% fee in BTC) is sold.
    h.source.appendCandle(SYMBOL, '1m', bar(12, 30_000));
    h.source.appendCandle(SYMBOL, '1m', bar(13, 29_500));
    h.source.setPrice(SYMBOL, 29_500);
    await h.tick();
    expect(ordersOf(h, bot.id)).toEqual([
      ['strategy:r1:entry:1', 'buy', 'market', 0.033, 'filled'],
      ['strategy:r1:exit:1', 'sell', 'market', 0.03296, 'filled'],
    ]);
    const detail = await h.bots.get(bot.id);
    const average = (0.033 * 30_300) / (0.033 * 0.999);
    expect(detail.bot.realisedPnl).toBeCloseTo(0.03296 * 29_500 * 0.999 - 0.03296 * average, 6);
    expect(detail.position.amount).toBeCloseTo(0.033 * 0.999 - 0.03296, 12);
    expect(detail.events.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        'Entry signal at the close 30300.',
        'Exit signal at the close 29500.',
        'Bought 0.033 BTC at 30300.',
        'Sold 0.03296 BTC at 29500.',
      ]),
    );
  });

  it('catches up the candles that closed while it was not running, in order, after a restart', async () => {
    let series = flat;
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, candles: (s) => s.setCandles(SYMBOL, '1m', series), now });
    const strategy = h.strategies.create({ graph: smaCross(), name: 'Cross' });
    const bot = await h.bots.create(strategyBot(strategy.id));
    await h.bots.start(bot.id);
    // Down for two bars: they closed (with the entry signal) while nothing ran.
    clock += 2 * 60_000;
    series = [...flat, bar(10, 30_300), bar(11, 30_600)];
    h.source.setPrice(SYMBOL, 30_600);
    h = await h.restart();
    expect(ordersOf(h, bot.id)).toEqual([['strategy:r1:entry:1', 'buy', 'market', 0.03267, 'filled']]); // 1000 / 30600
    expect((await h.bots.get(bot.id)).events.map((e) => e.message)).toContain(
      'Catching up 2 candle(s) closed while Tradewind was not running.',
    );
    expect(h.bots.reconciliation().resumed).toEqual([bot.id]);
  });

  it('refuses to start on a graph with errors and names the node', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, candles: (s) => s.setCandles(SYMBOL, '1m', flat), now });
    const graph = smaCross();
    const broken = { ...graph, edges: graph.edges.filter((e) => !(e.to.node === 'fast' && e.to.port === 'source')) };
    const strategy = h.strategies.create({ graph: broken, name: 'Broken' });
    await expect(h.bots.create(strategyBot(strategy.id))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^config\.strategyId: The strategy "Broken" has errors and cannot run: .*\(node "fast", port "source"\)\. Fix it in the strategy editor first\.$/,
      ),
    });
  });
});
