/**
 * A strategy bot whose exit reads its position (Position block → "bars in trade > 1"): the value
 * comes from the bot's own recorded fills, as the backtest's comes from its simulated fills, and a
 * restart re-derives it from the ledger.
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
let clock = Math.floor(Date.now() / MINUTE) * MINUTE;
const now = () => clock;
const t0 = clock - 11 * MINUTE;
const bar = (i: number, close: number): Candle => [t0 + i * MINUTE, close, close, close, close, 1];
const history = Array.from({ length: 10 }, (_, i) => bar(i, 30_000));
/** What the exchange serves (a restarted harness loads it again). */
let series: Candle[] = [];

/** Buy whenever flat; sell once the position has been held for more than one bar. */
const ageExit = () =>
  graph(
    'Age exit',
    'Exit after two bars.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('pos', 'position', {}, 0, 1),
      node('always', 'greaterThan', { b: 0 }, 1, 0),
      node('old', 'greaterThan', { b: 1 }, 1, 1),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 2, 0),
      node('exit', 'exitLong', {}, 2, 1),
    ],
    [
      edge('candle.close', 'always.a'),
      edge('pos.barsInTrade', 'old.a'),
      edge('always.value', 'enter.when'),
      edge('old.value', 'exit.when'),
    ],
  );

const strategyBot = (strategyId: string): BotInput => ({
  name: 'Age bot',
  accountId: PAPER_ACCOUNT_ID,
  symbol: SYMBOL,
  timeframe: '1m',
  mode: 'paper',
  config: { kind: 'strategy', strategyId, capital: 1_000 },
  risk: { capitalCap: 1_500, maxOpenOrders: 5, maxDailyLoss: null },
});

const rolesOf = (harness: BotHarness, id: string) => harness.trading.orders.repo.byOrigin(id).map((o) => [o.originRole, o.side, o.status]);

/** Appends bar i and moves the market to 30 s after its close: orders placed now fill inside bar i + 1. */
function closeBar(harness: BotHarness, i: number): void {
  const candle = bar(i, 30_000 + i);
  clock = candle[0] + MINUTE + 30_000;
  harness.source.setReplayTime(clock);
  series.push(candle);
  harness.source.appendCandle(SYMBOL, '1m', candle);
  harness.source.setPrice(SYMBOL, candle[4]);
}

const start = async () => {
  series = [...history];
  h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, candles: (s) => s.setCandles(SYMBOL, '1m', series), now });
  clock = history[9]![0] + MINUTE + 30_000;
  h.source.setReplayTime(clock);
  const strategy = h.strategies.create({ graph: ageExit(), name: 'Age' });
  const bot = await h.bots.create(strategyBot(strategy.id));
  await h.bots.start(bot.id);
  await h.tick();
  return bot.id;
};

describe('strategy bot reading its position', () => {
  it('counts bars in trade from its recorded entry fill and exits after them', async () => {
    const id = await start();
    expect(rolesOf(h!, id)).toEqual([]); // warmed on history (flat there): old bars never trade
    const counts: number[] = [];
    for (let i = 10; i < 16; i++) {
      closeBar(h!, i);
      await h!.tick();
      counts.push(rolesOf(h!, id).length);
    }
    // Entry signal at bar 10 (flat) fills in bar 11: 0 bars in trade at 11, 1 at 12, 2 > 1 at 13 →
    // exit, filled in bar 14, flat at 14's close → the next entry.
    expect(counts).toEqual([1, 1, 1, 2, 3, 3]);
    expect(rolesOf(h!, id)).toEqual([
      ['strategy:r1:entry:1', 'buy', 'filled'],
      ['strategy:r1:exit:1', 'sell', 'filled'],
      ['strategy:r1:entry:2', 'buy', 'filled'],
    ]);
    expect((await h!.bots.get(id)).events.map((e) => e.message)).toEqual(
      expect.arrayContaining(['Entry signal at the close 30010.', 'Exit signal at the close 30013.', 'Entry signal at the close 30014.']),
    );
  });

  it('after a restart, re-derives the bars in trade from the ledger and exits on time', async () => {
    const id = await start();
    for (let i = 10; i < 13; i++) {
      closeBar(h!, i);
      await h!.tick();
    }
    expect(rolesOf(h!, id)).toEqual([['strategy:r1:entry:1', 'buy', 'filled']]);
    h = await h!.restart();
    h.source.setReplayTime(clock);
    await h.tick();
    expect(rolesOf(h, id)).toHaveLength(1); // 1 bar in trade at bar 12: still held
    closeBar(h, 13);
    await h.tick();
    expect(rolesOf(h, id)).toEqual([
      ['strategy:r1:entry:1', 'buy', 'filled'],
      ['strategy:r1:exit:1', 'sell', 'filled'],
    ]);
  });
});
