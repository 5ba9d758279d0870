/** A bot refuses the strategies it cannot trade as backtested: shorts on spot, backtest-only order blocks. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../../shared/domain/types';
import type { BotInput } from '../../../../../shared/ipc/schemas/bots';
import { edge, graph, node } from '../../../../../shared/strategy/templates/graph-builder';
import { PAPER_ACCOUNT_ID } from '../../../paper/paper-account';
import { startBotHarness, type BotHarness } from '../../../test-support/bot-harness';
import { unsupportedOrderBlocks } from './bot-order-support';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';

const shortGraph = () =>
  graph(
    'Short the cross',
    'Sells short when the close crosses below 100.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('down', 'crossesBelow', { b: 100 }, 1, 0),
      node('up', 'crossesAbove', { b: 100 }, 1, 1),
      node('short', 'enterShort', { borrowPctPerBar: 0.01 }, 2, 0),
      node('cover', 'exitShort', {}, 2, 1),
    ],
    [edge('candle.close', 'down.a'), edge('candle.close', 'up.a'), edge('down.value', 'short.when'), edge('up.value', 'cover.when')],
  );

const partialGraph = () =>
  graph(
    'Scale out',
    'Buys the cross, takes half at +2 %.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('up', 'crossesAbove', { b: 100 }, 1, 0),
      node('enter', 'enterLong', {}, 2, 0),
      node('half', 'partialTakeProfit', { share: 50, percent: 2 }, 3, 0),
    ],
    [edge('candle.close', 'up.a'), edge('up.value', 'enter.when'), edge('enter.position', 'half.entry')],
  );

const botOn = (strategyId: string): BotInput => ({
  name: 'Order bot',
  accountId: PAPER_ACCOUNT_ID,
  symbol: SYMBOL,
  timeframe: '1m',
  mode: 'paper',
  config: { kind: 'strategy', strategyId, capital: 1_000 },
  risk: { capitalCap: 1_500, maxOpenOrders: 5, maxDailyLoss: null },
});

describe('strategy bot and the order blocks', () => {
  it('refuses short blocks on a spot account, naming the block, the venue and the account', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const strategy = h.strategies.create({ graph: shortGraph(), name: 'Short' });
    const checked = await h.bots.validate(botOn(strategy.id));
    const errors = checked.issues.filter((i) => i.severity === 'error').map((i) => i.message);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^Enter short "short": shorting needs a margin or perpetual futures account; \S+ account ".+" is spot\. Add the account for USDT perpetuals to sell short\.$/,
    );
    expect(errors[1]).toMatch(/^Exit short "cover": shorting needs a margin/);
    await expect(h.bots.create(botOn(strategy.id))).rejects.toThrow(/shorting needs a margin or perpetual futures account/);
  });

  it('refuses backtest-only order blocks with the reason', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const strategy = h.strategies.create({ graph: partialGraph(), name: 'Scale out' });
    await expect(h.bots.create(botOn(strategy.id))).rejects.toThrow(
      'Partial take-profit "half": runs in backtests only — the strategy bot places market entries and whole-position exits.',
    );
  });

  it('on a perpetual swap the short blocks run; on a margin market they are refused as not supported, not as a spot problem', () => {
    expect(unsupportedOrderBlocks(shortGraph(), { venue: 'bybit', account: 'Perps', marketType: 'swap' })).toEqual([]);
    const [problem] = unsupportedOrderBlocks(shortGraph(), { venue: 'bybit', account: 'Margin', marketType: 'margin' });
    expect(problem).toContain('cannot sell short on bybit margin markets (it shorts on USDT perpetual swaps only)');
    expect(problem).not.toContain('is spot');
  });

  it('a running bot whose strategy gained a short block meanwhile stops in error at the restart instead of trading something else', async () => {
    const t0 = Math.floor(Date.now() / 60_000) * 60_000 - 11 * 60_000;
    const flat = Array.from({ length: 10 }, (_, i): Candle => [t0 + i * 60_000, 30_000, 30_000, 30_000, 30_000, 1]);
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, candles: (source) => source.setCandles(SYMBOL, '1m', flat) });
    const longOnly = graph(
      'Buy the cross',
      'Buys when the close crosses above 100.',
      [node('candle', 'candle', {}, 0, 0), node('up', 'crossesAbove', { b: 100 }, 1, 0), node('enter', 'enterLong', {}, 2, 0)],
      [edge('candle.close', 'up.a'), edge('up.value', 'enter.when')],
    );
    const strategy = h.strategies.create({ graph: longOnly, name: 'Cross' });
    const bot = await h.bots.create(botOn(strategy.id));
    await h.bots.start(bot.id);
    expect((await h.bots.get(bot.id)).bot.state).toBe('running');

    // Edited in the strategy editor while the bot runs (validation only runs on create, edit and start).
    h.strategies.save(strategy.id, shortGraph());
    h = await h.restart();
    const detail = await h.bots.get(bot.id);
    expect(detail.bot.state).toBe('error');
    expect(JSON.stringify(detail)).toContain('cannot run as a bot: Enter short \\"short\\": a bot cannot sell short');
  });
});
