import { describe, expect, it } from 'vitest';
import type { OptimiseAxis } from '../../../../shared/strategy/backtest-schema';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import { SharedColumns } from '../../strategy/compiler/shared-columns';
import { realCandles } from '../../strategy/test-support/real-candles';
import { runBacktest } from '../run-backtest';
import { expandGrid } from './grid';
import { graphAtPoint, runSweep } from './sweep';

function template(name: string) {
  const built = buildFromTemplate(name);
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

const GRIDS: Record<string, OptimiseAxis[]> = {
  'sma-cross': [
    { nodeId: 'fast', param: 'period', values: [5, 10, 20] },
    { nodeId: 'slow', param: 'period', values: [30, 50, 80, 120] },
  ],
  'rsi-reversion': [
    { nodeId: 'rsi', param: 'period', values: [7, 14] },
    { nodeId: 'lower', param: 'value', values: [20, 30] },
    { nodeId: 'upper', param: 'value', values: [60, 70, 80] },
  ],
  'bollinger-breakout': [
    { nodeId: 'bands', param: 'period', values: [10, 20, 30] },
    { nodeId: 'bands', param: 'deviations', values: [1.5, 2, 2.5] },
  ],
  'macd-trend': [
    { nodeId: 'macd', param: 'fast', values: [8, 12, 30] },
    { nodeId: 'macd', param: 'slow', values: [26, 40] },
  ],
};

describe('sweep over shared indicator columns', () => {
  const candles = realCandles('btc1h');
  const settings = { startTime: candles.time[300], feeRate: 0.001, slippageBps: 3 };

  for (const [name, axes] of Object.entries(GRIDS)) {
    it(`${name}: every point's metrics equal the naive per-run sweep exactly`, () => {
      const task = { graph: template(name), axes, points: expandGrid(axes), settings };
      const naive = runSweep(task, candles, {}, { naive: true });
      const shared = runSweep(task, candles);
      expect(shared).toEqual(naive);
      expect(naive.some((o) => 'metrics' in o && o.metrics.trades > 0)).toBe(true);
    });
  }

  it('computes each distinct indicator column once and gives the same trades and equity curve', () => {
    const axes = GRIDS['sma-cross']!;
    const shared = new SharedColumns();
    for (const point of expandGrid(axes)) {
      const strategy = graphAtPoint(template('sma-cross'), axes, point);
      const withShared = runBacktest({ strategy, candles, settings, shared });
      const alone = runBacktest({ strategy, candles, settings });
      expect(withShared.trades).toEqual(alone.trades);
      expect(withShared.curves.equity).toEqual(alone.curves.equity);
      expect(withShared.curves.drawdownPct).toEqual(alone.curves.drawdownPct);
    }
    // 3 fast + 4 slow distinct periods: 7 SMA columns computed; the other 17 of 24 reads reuse them.
    expect(shared.computed).toBe(7);
    expect(shared.reused).toBe(12 * 2 - 7);
  });

  it('stops keeping columns past its byte budget and still gives the same results', () => {
    const axes = GRIDS['sma-cross']!;
    const tiny = new SharedColumns(candles.length * 8 * 2);
    for (const point of expandGrid(axes).slice(0, 4)) {
      const strategy = graphAtPoint(template('sma-cross'), axes, point);
      expect(runBacktest({ strategy, candles, settings, shared: tiny }).metrics).toEqual(
        runBacktest({ strategy, candles, settings }).metrics,
      );
    }
    expect(tiny.size).toBe(2);
  });
});
