/**
 * Backtest and sweep results as the contract sends them. A chart cannot show more points than
 * it has pixels, and a million-bar curve is tens of megabytes of JSON, so long series are
 * bucketed for display: the equity keeps each bucket's last value, the drawdown its deepest,
 * candles merge into one bar per bucket. Metrics are always computed on every bar, in the engine.
 */
import type { Candle } from '../../../shared/domain/types';
import type { BacktestRunResult, Dataset, OptimiseRunResult, PointMetrics } from '../../../shared/ipc/schemas/strategies';
import type { BacktestMetrics } from '../../../shared/strategy/backtest-schema';
import type { BacktestResult, OptimiseResult } from '../backtest';
import { lowerBound, type CandleColumns } from '../strategy/candle-columns';

export const MAX_CURVE_POINTS = 2_000;
export const MAX_CHART_CANDLES = 2_500;
export const MAX_TRADES_SENT = 2_000;
export const MAX_OPTIMISE_ROWS = 1_000;

export function bucketCurve(
  time: ArrayLike<number>,
  equity: ArrayLike<number>,
  drawdownPct: ArrayLike<number>,
  maxPoints = MAX_CURVE_POINTS,
): BacktestRunResult['curve'] {
  const n = time.length;
  const size = Math.max(1, Math.ceil(n / maxPoints));
  const out = { time: [] as number[], equity: [] as number[], drawdownPct: [] as number[] };
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let deepest = 0;
    for (let i = start; i < end; i++) deepest = Math.max(deepest, drawdownPct[i]!);
    out.time.push(time[start]!);
    out.equity.push(equity[end - 1]!);
    out.drawdownPct.push(deepest);
  }
  return out;
}

/** Bars [from, to) merged `size` at a time (first open, highest high, lowest low, last close, summed volume). */
export function bucketCandles(cols: CandleColumns, from: number, to: number, maxCandles = MAX_CHART_CANDLES): BacktestRunResult['candles'] {
  const size = Math.max(1, Math.ceil((to - from) / maxCandles));
  const bars: Candle[] = [];
  for (let start = from; start < to; start += size) {
    const end = Math.min(to, start + size);
    let high = -Infinity;
    let low = Infinity;
    let volume = 0;
    for (let i = start; i < end; i++) {
      high = Math.max(high, cols.high[i]!);
      low = Math.min(low, cols.low[i]!);
      volume += cols.volume[i]!;
    }
    bars.push([cols.time[start]!, cols.open[start]!, high, low, cols.close[end - 1]!, volume]);
  }
  return { barsPerCandle: size, bars };
}

/**
 * Buy and hold at the curve's resolution (same buckets as `bucketCurve` over bars [from, to)):
 * the starting cash spent at bar `from`'s open, worse by the slippage, less the fee, then
 * valued at each bucket's last close — what the strategy's equity is measured against.
 */
export function buyAndHoldCurve(
  cols: CandleColumns,
  from: number,
  to: number,
  settings: Pick<BacktestRunResult['settings'], 'startingCash' | 'feeRate' | 'slippageBps'>,
  maxPoints = MAX_CURVE_POINTS,
): number[] {
  const n = to - from;
  if (n <= 0) return [];
  const size = Math.max(1, Math.ceil(n / maxPoints));
  const entry = cols.open[from]! * (1 + settings.slippageBps / 10_000);
  const units = (settings.startingCash * (1 - settings.feeRate)) / entry;
  const out: number[] = [];
  for (let start = 0; start < n; start += size) out.push(units * cols.close[from + Math.min(n, start + size) - 1]!);
  return out;
}

export function shapeBacktest(
  jobId: string,
  strategyName: string,
  dataset: Dataset,
  candles: CandleColumns,
  result: BacktestResult,
): BacktestRunResult {
  const { settings } = result;
  const from = settings.startTime === undefined ? 0 : lowerBound(candles.time, settings.startTime, candles.length);
  const to = settings.endTime === undefined ? candles.length : lowerBound(candles.time, settings.endTime, candles.length);
  return {
    jobId,
    strategyName,
    dataset,
    settings,
    metrics: result.metrics,
    trades: result.trades.slice(0, MAX_TRADES_SENT),
    tradesTotal: result.trades.length,
    openPosition: result.openPosition,
    warnings: result.warnings.map((w) => w.message),
    curve: bucketCurve(result.curves.time, result.curves.equity, result.curves.drawdownPct),
    buyAndHold: buyAndHoldCurve(candles, from, to, settings),
    candles: bucketCandles(candles, from, to),
  };
}

export function pointMetrics(m: BacktestMetrics | null): PointMetrics | null {
  if (!m) return null;
  const { returnPct, cagrPct, sharpe, sortino, maxDrawdownPct, winRatePct, profitFactor, expectancy, trades } = m;
  return { returnPct, cagrPct, sharpe, sortino, maxDrawdownPct, winRatePct, profitFactor, expectancy, trades };
}

export function shapeOptimise(jobId: string, strategyName: string, dataset: Dataset, result: OptimiseResult): OptimiseRunResult {
  return {
    jobId,
    strategyName,
    dataset,
    axes: result.axes.map(({ nodeId, param, values }) => ({ nodeId, param, values })),
    objective: result.objective,
    inSample: result.inSample,
    outOfSample: result.outOfSample,
    rows: result.rows.slice(0, MAX_OPTIMISE_ROWS).map((row) => ({
      values: row.values,
      score: row.score,
      inSample: pointMetrics(row.inSample),
      outOfSample: pointMetrics(row.outOfSample),
      ...(row.error === undefined ? {} : { error: row.error }),
      ...(row.unranked === undefined ? {} : { unranked: row.unranked }),
    })),
    rowsTotal: result.rows.length,
    method: result.method,
    overfitting: result.overfitting,
    heatmap: result.heatmap,
    walkForward: result.walkForward
      ? {
          anchored: result.walkForward.anchored,
          folds: result.walkForward.folds.map((f) => ({
            inSample: f.inSample,
            outOfSample: f.outOfSample,
            values: f.values,
            inSampleScore: f.inSampleScore,
            outOfSampleMetrics: pointMetrics(f.outOfSampleMetrics),
          })),
          equity: bucketCurve(result.walkForward.equity.time, result.walkForward.equity.equity, result.walkForward.equity.drawdownPct),
          stitchedReturnPct: result.walkForward.stitchedReturnPct,
        }
      : null,
  };
}
