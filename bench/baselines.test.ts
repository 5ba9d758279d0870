/**
 * The bench compares the engine with hand-written loops; the comparison means something only if
 * both produce the same trades, equity and drawdown. Checked here on real data for several
 * parameter sets of each template (the bench checks its own 1M-bar run again before timing).
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../electron/core/backtest/run-backtest';
import { realCandles, type RealDataName } from '../electron/core/strategy/test-support/real-candles';
import { buildFromTemplate } from '../shared/strategy/templates/index';
import { handWrittenBollingerBreakout } from './bollinger-breakout-baseline';
import type { BaselineResult } from './hand-loop-fills';
import { handWrittenRsiReversion } from './rsi-reversion-baseline';
import { handWrittenSmaCross } from './sma-cross-baseline';
import { BENCH_SETTINGS, loadSourceCandles } from './strategy-bench-data';
import { handLoopParams, handWrittenMultiTimeframe, multiTimeframeGraph, type MultiTimeframeStrategy } from './multi-timeframe-baseline';

type Case = [template: string, params: Record<string, number>, baseline: (c: ReturnType<typeof realCandles>) => BaselineResult];

const CASES: Case[] = [
  ['sma-cross', { fast: 20, slow: 60 }, (c) => handWrittenSmaCross(c, 20, 60, BENCH_SETTINGS)],
  ['sma-cross', { fast: 3, slow: 7 }, (c) => handWrittenSmaCross(c, 3, 7, BENCH_SETTINGS)],
  ['rsi-reversion', { period: 14, lower: 30, upper: 70 }, (c) => handWrittenRsiReversion(c, 14, 30, 70, BENCH_SETTINGS)],
  ['rsi-reversion', { period: 5, lower: 35, upper: 65 }, (c) => handWrittenRsiReversion(c, 5, 35, 65, BENCH_SETTINGS)],
  ['bollinger-breakout', { period: 20, deviations: 2 }, (c) => handWrittenBollingerBreakout(c, 20, 2, BENCH_SETTINGS)],
  ['bollinger-breakout', { period: 7, deviations: 1.25 }, (c) => handWrittenBollingerBreakout(c, 7, 1.25, BENCH_SETTINGS)],
];

describe.each(['btc1h', 'eth5m'] as RealDataName[])('hand-written baselines on %s', (dataset) => {
  it.each(CASES)('%s %o: same trades, equity and drawdown as the engine', (template, params, baseline) => {
    const candles = realCandles(dataset);
    const built = buildFromTemplate(template, params);
    if (!built.ok) throw new Error(built.message);
    const engine = runBacktest({ strategy: built.graph, candles, settings: BENCH_SETTINGS });
    const hand = baseline(candles);
    expect(hand.trades).toBe(engine.trades.length);
    expect(hand.trades).toBeGreaterThan(3);
    for (let i = 0; i < candles.length; i++) {
      if (hand.equity[i] !== engine.curves.equity[i])
        expect.fail(`equity differs at bar ${i}: ${hand.equity[i]} vs ${engine.curves.equity[i]}`);
      // The engine multiplies by 1/peak where the loop divides: equal to rounding.
      if (Math.abs(hand.drawdownPct[i]! - engine.curves.drawdownPct[i]!) > 1e-9) expect.fail(`drawdown differs at bar ${i}`);
    }
    expect(hand.finalEquity).toBe(engine.metrics.finalEquity);
    expect(hand.maxDrawdownPct).toBeCloseTo(engine.metrics.maxDrawdownPct, 9);
  });
});

/**
 * The multi-timeframe hand loop (1h and 4h bars built as the base bars arrive, indicators
 * updated only when one closes) against the engine, on real 5m and 1m data with its gaps.
 */
describe('hand-written multi-timeframe baseline', () => {
  const cases: [RealDataName | 'btc1m', MultiTimeframeStrategy][] = [
    ['eth5m', { base: '5m', rsiTimeframe: '1h', rsiPeriod: 7, lower: 40, upper: 60, trendTimeframe: '4h', trendPeriod: 5 }],
    ['eth5m', { base: '5m', rsiTimeframe: '15m', rsiPeriod: 7, lower: 35, upper: 65, trendTimeframe: '1h', trendPeriod: 50 }],
    ['adaBtc5m', { base: '5m', rsiTimeframe: '1h', rsiPeriod: 7, lower: 40, upper: 60, trendTimeframe: '4h', trendPeriod: 5 }],
    ['btc1m', { base: '1m', rsiTimeframe: '5m', rsiPeriod: 7, lower: 40, upper: 60, trendTimeframe: '1h', trendPeriod: 10 }],
  ];
  it.each(cases)('%s %o: same trades, equity and drawdown as the engine', (dataset, strategy) => {
    const candles = dataset === 'btc1m' ? loadSourceCandles().candles : realCandles(dataset);
    const engine = runBacktest({
      strategy: multiTimeframeGraph(strategy),
      candles,
      settings: { ...BENCH_SETTINGS, timeframe: strategy.base },
    });
    const hand = handWrittenMultiTimeframe(candles, handLoopParams(strategy), BENCH_SETTINGS);
    expect(hand.trades).toBe(engine.trades.length);
    expect(hand.trades).toBeGreaterThan(3);
    for (let i = 0; i < candles.length; i++) {
      if (hand.equity[i] !== engine.curves.equity[i])
        expect.fail(`equity differs at bar ${i}: ${hand.equity[i]} vs ${engine.curves.equity[i]}`);
      if (Math.abs(hand.drawdownPct[i]! - engine.curves.drawdownPct[i]!) > 1e-9) expect.fail(`drawdown differs at bar ${i}`);
    }
    expect(hand.finalEquity).toBe(engine.metrics.finalEquity);
    expect(hand.maxDrawdownPct).toBeCloseTo(engine.metrics.maxDrawdownPct, 9);
  });
});
