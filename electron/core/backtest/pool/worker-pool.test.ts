/** Real worker threads (started from the TypeScript source through tsx). */
import { afterAll, describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { realCandles } from '../../strategy/test-support/real-candles';
import { BacktestCancelledError, BacktestInputError } from '../errors';
import { expandGrid } from '../optimiser/grid';
import { optimise } from '../optimiser/optimise';
import { runSweep } from '../optimiser/sweep';
import { runBacktest } from '../run-backtest';
import { BacktestWorkerPool } from './worker-pool';

function template(name: string, params: Record<string, number> = {}): StrategyGraph {
  const built = buildFromTemplate(name, params);
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

describe('backtest worker pool', () => {
  const pool = new BacktestWorkerPool({ size: 2 });
  const candles = realCandles('btc1h');
  afterAll(() => pool.close());

  it('runs a backtest in a worker with progress, giving exactly the in-process result', async () => {
    const progress: number[] = [];
    const result = await pool.runBacktest({ graph: template('rsi-reversion'), candles }, { onProgress: (f) => progress.push(f) });
    const local = runBacktest({ strategy: template('rsi-reversion'), candles });
    expect(result.metrics).toEqual(local.metrics);
    expect(result.trades).toEqual(local.trades);
    expect(Array.from(result.curves.equity)).toEqual(Array.from(local.curves.equity));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
  });

  it('cancels a running or queued backtest', async () => {
    const controller = new AbortController();
    const jobs = [0, 1, 2].map(() => pool.runBacktest({ graph: template('macd-trend'), candles }, { signal: controller.signal }));
    controller.abort();
    const settled = await Promise.allSettled(jobs);
    for (const outcome of settled) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(BacktestCancelledError);
    }
    // The pool is still usable afterwards.
    await expect(pool.runBacktest({ graph: template('sma-cross'), candles })).resolves.toHaveProperty('metrics');
  });

  it('reports bad input as such', async () => {
    await expect(pool.runBacktest({ graph: template('sma-cross'), candles, settings: { feeRate: 5 } })).rejects.toThrow(BacktestInputError);
  });

  it('spreads a sweep over the workers and keeps the points in order', async () => {
    const axes = [
      { nodeId: 'fast', param: 'period', values: [5, 10, 15] },
      { nodeId: 'slow', param: 'period', values: [30, 60] },
    ];
    const task = { graph: template('sma-cross'), axes, points: expandGrid(axes), settings: {} };
    const done: number[] = [];
    const outcomes = await pool.runSweep(task, candles, { onPoint: (n) => done.push(n) });
    expect(outcomes).toEqual(runSweep(task, candles));
    expect(done.at(-1)).toBe(6);
    const viaOptimiser = await optimise({ graph: template('sma-cross'), candles, options: { axes } }, pool.sweepRunner);
    expect(viaOptimiser.rows).toHaveLength(6);
  });
});
