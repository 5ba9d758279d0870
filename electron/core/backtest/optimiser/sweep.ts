/**
 * Runs one backtest per grid point and keeps only the metrics. A point whose parameters the
 * strategy rejects (e.g. MACD fast ≥ slow) becomes an error row instead of failing the sweep.
 */
import type { BacktestMetrics, BacktestSettingsInput, OptimiseAxis } from '../../../../shared/strategy/backtest-schema';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { withParams } from '../../../../shared/strategy/params';
import type { CandleColumns } from '../../strategy/candle-columns';
import { StrategyCompileError } from '../../strategy/compiler/compile';
import { BacktestInputError } from '../errors';
import { SharedColumns } from '../../strategy/compiler/shared-columns';
import { runBacktest } from '../run-backtest';
import type { OtherMarketBars } from '../../strategy/compiler/batch-evaluator';

export interface SweepTask {
  graph: StrategyGraph;
  axes: OptimiseAxis[];
  /** Grid points, each one value per axis. */
  points: number[][];
  settings: BacktestSettingsInput;
  /** Bars of the other markets its "Other market" blocks read (same venue and timeframe as the candles). */
  otherMarkets?: OtherMarketBars;
}

export type SweepOutcome = { metrics: BacktestMetrics } | { error: string };

export interface SweepControl {
  /** Points finished so far (cumulative). */
  onPoint?: (done: number) => void;
  isCancelled?: () => boolean;
}

export function graphAtPoint(graph: StrategyGraph, axes: readonly OptimiseAxis[], point: readonly number[]): StrategyGraph {
  return withParams(
    graph,
    axes.map((axis, k) => ({ nodeId: axis.nodeId, param: axis.param, value: point[k]! })),
  );
}

export interface SweepOptions {
  /**
   * True: every point is a full, independent backtest (indicators recomputed, equity curves
   * built): the naive sweep that the bench and the tests compare against. By default each
   * distinct indicator column is computed once for the task and no per-bar curves are kept.
   */
  naive?: boolean;
  /** Columns to share with other calls over the same candles (a worker's chunks of one sweep). */
  shared?: SharedColumns;
}

export function runSweep(task: SweepTask, candles: CandleColumns, control: SweepControl = {}, options: SweepOptions = {}): SweepOutcome[] {
  const outcomes: SweepOutcome[] = [];
  const naive = options.naive === true;
  const shared = naive ? undefined : (options.shared ?? new SharedColumns());
  for (const point of task.points) {
    try {
      const result = runBacktest(
        {
          strategy: graphAtPoint(task.graph, task.axes, point),
          candles,
          settings: task.settings,
          keepCurves: naive,
          ...(task.otherMarkets ? { otherMarkets: task.otherMarkets } : {}),
          ...(shared ? { shared } : {}),
        },
        { isCancelled: control.isCancelled },
      );
      outcomes.push({ metrics: result.metrics });
    } catch (error) {
      if (error instanceof StrategyCompileError || error instanceof BacktestInputError) {
        outcomes.push({ error: error.message.split('\n')[0]! });
      } else {
        throw error;
      }
    }
    control.onPoint?.(outcomes.length);
  }
  return outcomes;
}
