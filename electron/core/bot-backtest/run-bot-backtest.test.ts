import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import type { Market } from '../../../shared/ipc/contract';
import type { BotInput, DcaConfig } from '../../../shared/ipc/schemas/bots';
import { BacktestInputError } from '../backtest';
import { intrabarPath } from '../market-data/replay/intrabar-path';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { columnsFromCandles } from '../strategy/candle-columns';
import { paperGrid, startBotHarness, type BotHarness } from '../test-support/bot-harness';
import { runBotBacktest, type BotBacktestRequest } from './run-bot-backtest';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const noStrategy = (id: string) => {
  throw new Error(`no strategy ${id}`);
};

/** A small market with round steps, so the grid below can be worked out by hand. */
const TOY: Market = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  active: true,
  amountStep: 0.001,
  priceStep: 0.01,
  minAmount: 0.001,
  minCost: 1,
};

const request = (input: BotInput, candles: Candle[], over: Partial<BotBacktestRequest> = {}): BotBacktestRequest => ({
  input,
  candles: columnsFromCandles(candles),
  timeframe: '1h',
  market: TOY,
  settings: { startingCash: 1_000, feeRate: 0.001, slippageBps: 0 },
  strategy: noStrategy,
  exchange: { id: 'binance', name: 'Binance' },
  ...over,
});

let harness: BotHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('grid bot backtest, worked out by hand', () => {
  it('runs the grid kind on the intrabar path: start-up buy, a level bought on the way down, both sells on the way up', async () => {
    // Levels 90 / 100 / 110, price 100 at the start: the 100 level idles, a buy rests at 90, a sell at 110.
    // perUnit = 90 + 100 / 0.999 = 190.1001…; amount = floor(200 / 190.1001…, 0.001) = 1.052;
    // start-up buy = ceil(1.052 / 0.999, 0.001) = 1.054 BTC at 100 (fee 0.001054 BTC).
    const input = paperGrid({ timeframe: '1h', config: { lower: 90, upper: 110, levels: 3, investment: 200 } });
    const bars: Candle[] = [
      [T0, 100, 100.5, 99.5, 100, 1], // rising: 100 → 99.5 → 100.5 → 100, nothing touched
      [T0 + HOUR, 100, 101, 89, 95, 1], // falling: 100 → 101 → 89 → 95, the buy at 90 fills
      [T0 + 2 * HOUR, 95, 111, 94, 108, 1], // rising: 95 → 94 → 111 → 108, the sells at 100 and 110 fill
    ];
    const progress: number[] = [];
    const result = await runBotBacktest(request(input, bars), { onProgress: (fraction) => progress.push(fraction) });
    expect(progress).toEqual([1 / 3, 1]);

    const initNet = 1.054 - 1.054 * 0.001;
    const initBasis = 105.4 / initNet;
    const buyNet = 1.052 - 1.052 * 0.001;
    const buyBasis = (1.052 * 90) / buyNet;
    // The level bought at 90 sells what it holds, floored to the step: 1.050 BTC at 100, 0.1 % fee in USDT.
    const lowPair = 1.05 * 100 * 0.999 - 1.05 * buyBasis;
    // The level that started as a sell sells 1.052 BTC at 110 against the start-up buy's cost.
    const highPair = 1.052 * 110 * 0.999 - 1.052 * initBasis;
    expect(result.bot.realisedPnl).toBeCloseTo(lowPair + highPair, 9);
    expect(result.trades.map((t) => [t.entryNodeId, t.entryPrice, t.exitPrice, t.amount, t.exitReason, t.entryBar, t.exitBar])).toEqual([
      ['Level 2', expect.closeTo(initBasis, 9), 110, 1.052, 'takeProfit', 0, 2],
      ['Level 1', expect.closeTo(buyBasis, 9), 100, 1.05, 'takeProfit', 1, 2],
    ]);
    expect(result.trades[1]!.pnl).toBeCloseTo(lowPair, 9);
    expect(result.trades[0]!.pnl).toBeCloseTo(highPair, 9);
    // The buy filled two thirds into bar 1 (at the low), the sells two thirds into bar 2 (at the high).
    expect(result.trades[1]!.entryTime).toBe(T0 + HOUR + (2 * HOUR) / 3);
    expect(result.trades[1]!.exitTime).toBe(T0 + 2 * HOUR + (2 * HOUR) / 3);
    expect(result.trades[0]!.entryTime).toBe(T0);

    const fees = 1.054 * 0.001 * 100 + 1.052 * 0.001 * 90 + 1.05 * 100 * 0.001 + 1.052 * 110 * 0.001;
    expect(result.metrics.feesPaid).toBeCloseTo(fees, 9);
    const cash = 1_000 - 105.4 - 1.052 * 90 + 1.05 * 100 * 0.999 + 1.052 * 110 * 0.999;
    const dust = initNet - 1.052 + (buyNet - 1.05);
    expect(result.metrics.finalEquity).toBeCloseTo(cash + dust * 108, 9);
    expect(result.metrics.trades).toBe(2);
    expect(result.metrics.winRatePct).toBe(100);
    // Equity at each close: the start-up buy marked at 100, then the bought level marked at 95.
    expect(Array.from(result.curves.equity)).toEqual([
      expect.closeTo(1_000 - 105.4 + initNet * 100, 9),
      expect.closeTo(1_000 - 105.4 - 1.052 * 90 + (initNet + buyNet) * 95, 9),
      expect.closeTo(cash + dust * 108, 9),
    ]);
    expect(result.metrics.maxDrawdownPct).toBeGreaterThan(0);
    expect(result.bot).toMatchObject({ kind: 'grid', state: 'running' });
    expect(result.fills.map((f) => [f.role, f.side, f.price, f.amount])).toEqual([
      ['grid:r1:init', 'buy', 100, 1.054],
      ['grid:r1:c0:0', 'buy', 90, 1.052],
      ['grid:r1:c1:0', 'sell', 110, 1.052],
      ['grid:r1:c0:1', 'sell', 100, 1.05],
    ]);
  });

  it('refuses settings the market cannot run, a kind it does not backtest and a range without bars', async () => {
    const bars: Candle[] = [
      [T0, 100, 101, 99, 100, 1],
      [T0 + HOUR, 100, 101, 99, 100, 1],
    ];
    const outside = paperGrid({ timeframe: '1h', config: { lower: 120, upper: 130, levels: 3, investment: 200 } });
    await expect(runBotBacktest(request(outside, bars))).rejects.toThrow(/outside the grid 120–130/);
    const strategyBot: BotInput = { ...outside, config: { kind: 'strategy', strategyId: 's1', capital: 100 } };
    await expect(runBotBacktest(request(strategyBot, bars))).rejects.toBeInstanceOf(BacktestInputError);
    const grid = paperGrid({ timeframe: '1h', config: { lower: 90, upper: 110, levels: 3, investment: 200 } });
    await expect(
      runBotBacktest(request(grid, bars, { settings: { startingCash: 1_000, feeRate: 0.001, slippageBps: 0, startTime: T0 + HOUR } })),
    ).rejects.toThrow(/fewer than 2 bars/);
  });
});

/** The bundled real BTC/USDT 5-minute bars (Binance). */
function replayBars(count: number): Candle[] {
  const file = path.join(__dirname, '../../../assets/data/replay/BTC_USDT-5m.csv');
  const rows = fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1, count + 1);
  return rows.map((line) => line.split(',').map(Number) as Candle);
}

/** The harness's BTC/USDT market (the paper runtime's scripted source). */
const HARNESS_MARKET: Market = { ...TOY, amountStep: 0.00001, minAmount: 0.00001, minCost: 5 };

/**
 * The same bot as a paper bot on the real paper trading and bot runtimes (the test harness),
 * driven through the same bars' intrabar path one price at a time, as the app's ticks drive it.
 */
async function paperRun(input: BotInput, bars: Candle[]) {
  harness = await startBotHarness({ prices: { 'BTC/USDT': bars[0]![1] } });
  const bot = await harness.bots.create(input);
  await harness.bots.start(bot.id);
  for (const bar of bars) for (const price of intrabarPath(bar)) await harness.step('BTC/USDT', price);
  const orders = harness.trading.orders.repo.byOrigin(bot.id);
  const fills = orders
    .flatMap((o) => harness!.trading.orders.repo.tradesOf(o.accountId, o.clientOrderId).map((t) => ({ ...t, role: o.originRole })))
    .sort((a, b) => a.seq - b.seq)
    .map((t) => [t.role, t.side, t.price, t.amount, t.fee, t.feeAsset]);
  return { fills, realisedPnl: harness.bots.repo.require(bot.id).realisedPnl, state: harness.bots.repo.require(bot.id).kindState };
}

async function backtestRun(input: BotInput, bars: Candle[]) {
  const result = await runBotBacktest({
    ...request(input, bars),
    timeframe: '5m',
    market: HARNESS_MARKET,
    settings: { startingCash: 10_000, feeRate: 0.001, slippageBps: 0 },
  });
  return result;
}

describe('a bot backtest equals a paper run on the same replay', () => {
  const bars = replayBars(120);
  const open = bars[0]![1];

  it('grid: same fills, same booked PnL, and its round trips add up to it', async () => {
    const input = paperGrid({
      timeframe: '5m',
      config: { lower: Number((open * 0.99).toFixed(2)), upper: Number((open * 1.01).toFixed(2)), levels: 8, investment: 2_000 },
    });
    const paper = await paperRun(input, bars);
    const fills = await captureBacktestFills(input, bars);
    expect(fills.fills.length).toBeGreaterThan(10);
    expect(fills.fills).toEqual(paper.fills);
    expect(fills.result.bot.realisedPnl).toBeCloseTo(paper.realisedPnl, 9);
    expect(fills.result.trades.reduce((s, t) => s + t.pnl, 0)).toBeCloseTo(paper.realisedPnl, 9);
  }, 120_000);

  it('DCA: same fills, same booked PnL, one trade per closed deal adding up to it', async () => {
    const config: DcaConfig = {
      kind: 'dca',
      baseOrder: 100,
      safetyOrder: 100,
      safetyOrders: 3,
      priceDeviationPct: 0.3,
      stepScale: 1,
      volumeScale: 1.5,
      takeProfitPct: 0.4,
      maxActiveDeals: 1,
      start: 'immediately',
      strategyId: null,
    };
    const input: BotInput = { ...paperGrid({ timeframe: '5m' }), name: 'DCA', accountId: PAPER_ACCOUNT_ID, config };
    const paper = await paperRun(input, bars);
    const fills = await captureBacktestFills(input, bars);
    expect(fills.result.trades.length).toBeGreaterThan(2);
    expect(fills.fills).toEqual(paper.fills);
    expect(fills.result.bot.realisedPnl).toBeCloseTo(paper.realisedPnl, 9);
    expect(fills.result.trades.reduce((s, t) => s + t.pnl, 0)).toBeCloseTo(paper.realisedPnl, 9);
    expect(fills.result.trades.every((t) => t.entryNodeId.startsWith('Deal '))).toBe(true);
  }, 120_000);
});

/** Runs the backtest; its fills come back in the ledger's order with their roles. */
async function captureBacktestFills(input: BotInput, bars: Candle[]) {
  const result = await backtestRun(input, bars);
  return { result, fills: result.fills.map((f) => [f.role, f.side, f.price, f.amount, f.fee, f.feeAsset]) };
}
