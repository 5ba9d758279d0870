import { describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../../shared/strategy/templates/index';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { compileStrategy } from '../strategy/compiler/compile';
import { evaluateBatch } from '../strategy/compiler/batch-evaluator';
import { sliceColumns } from '../strategy/candle-columns';
import { realCandles } from '../strategy/test-support/real-candles';
import { BacktestCancelledError, BacktestInputError } from './errors';
import { runBacktest } from './run-backtest';

function smaCross(): StrategyGraph {
  const built = buildFromTemplate('sma-cross', { fast: 10, slow: 30 });
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

describe('runBacktest', () => {
  const candles = realCandles('btc1h');

  it('trades only inside the date range, with indicators warmed up on the bars before it', () => {
    const start = candles.time[2000]!;
    const end = candles.time[3000]!;
    const result = runBacktest({ strategy: smaCross(), candles, settings: { startTime: start, endTime: end } });
    expect(result.metrics.bars).toBe(1000);
    expect(result.metrics.firstBarTime).toBe(start);
    expect(result.metrics.lastBarTime).toBe(candles.time[2999]);
    expect(result.curves.equity).toHaveLength(1000);
    expect(result.curves.time[0]).toBe(start);
    for (const t of result.trades) {
      expect(t.entryTime).toBeGreaterThanOrEqual(start);
      expect(t.exitTime).toBeLessThan(end);
    }
    // Warm-up from earlier bars: the first signal may come on the first traded bar, which
    // would be impossible if SMA(30) started from scratch at the range start.
    const batch = evaluateBatch(compileStrategy(smaCross()), candles);
    const firstCross = batch.entryConditions[0]!.findIndex((v, i) => i >= 2000 && v === 1);
    expect(result.trades[0]!.entryBar).toBe(firstCross + 1);
    expect(result.metrics.buyAndHoldReturnPct).toBeCloseTo((candles.close[2999]! / candles.open[2000]! - 1) * 100, 9);
  });

  it('reports progress from 0 to 1 and can be cancelled', () => {
    const seen: number[] = [];
    runBacktest({ strategy: smaCross(), candles }, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
    let polls = 0;
    expect(() => runBacktest({ strategy: smaCross(), candles }, { isCancelled: () => ++polls > 2 })).toThrow(BacktestCancelledError);
  });

  it('rejects bad settings, unsorted bars and an empty range with a clear message', () => {
    expect(() => runBacktest({ strategy: smaCross(), candles, settings: { feeRate: -0.1 } })).toThrow(/feeRate/);
    expect(() => runBacktest({ strategy: smaCross(), candles, settings: { startingCash: 0 } })).toThrow(BacktestInputError);
    const reversed = { ...candles, time: Float64Array.from(candles.time).reverse() };
    expect(() => runBacktest({ strategy: smaCross(), candles: reversed })).toThrow(/ascending/);
    expect(() => runBacktest({ strategy: smaCross(), candles, settings: { startTime: 1e15 } })).toThrow(/No bars/);
  });

  it('gives the same result for a graph and its compiled form, run after run', () => {
    const graph = smaCross();
    const a = runBacktest({ strategy: graph, candles });
    const b = runBacktest({ strategy: compileStrategy(graph), candles });
    const c = runBacktest({ strategy: graph, candles: sliceColumns(candles, 0, candles.length) });
    expect(b.metrics).toEqual(a.metrics);
    expect(c.trades).toEqual(a.trades);
  });
});
