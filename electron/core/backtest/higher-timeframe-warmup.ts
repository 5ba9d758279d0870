/**
 * A backtest says when its higher-timeframe blocks are still warming up inside the range: the
 * history before the range is all they warm up on (the run's own bars, resampled), and a block
 * without a value makes every condition reading it unknown — no entry — which a trader must see.
 */
import { timeframeMs } from '../../../shared/domain/types';
import type { StrategyIssue } from '../../../shared/strategy/issues';
import type { CandleColumns } from '../strategy/candle-columns';
import type { BatchEvaluation } from '../strategy/compiler/batch-evaluator';
import type { CompiledStrategy } from '../strategy/compiler/compile';
import { describeSpan, higherTimeframeWarmup } from '../strategy/compiler/warmup';

export function higherTimeframeWarmupNotes(
  compiled: CompiledStrategy,
  evaluation: BatchEvaluation,
  candles: CandleColumns,
  from: number,
  to: number,
): StrategyIssue[] {
  if (compiled.timeframeDomains.length === 0) return [];
  const notes: StrategyIssue[] = [];
  for (const warmup of higherTimeframeWarmup(compiled)) {
    const first = evaluation.firstBarWithHigher(warmup.timeframe, warmup.bars);
    if (first <= from) continue;
    const need = `${warmup.slowest} on ${warmup.timeframe} candles needs ${warmup.bars} closed ${warmup.timeframe} bars (${describeSpan(warmup.bars, timeframeMs(warmup.timeframe))}) before it has a value`;
    const then =
      first >= to
        ? 'this data never gives it that many within the range, so nothing that reads it is ever true'
        : `this data gives it its first value only at ${new Date(candles.time[first]!).toISOString()}, ${first - from} bars into the range; until then nothing that reads it is true`;
    notes.push({
      severity: 'warning',
      code: 'higher_timeframe_warmup',
      message: `${need}: ${then}. Use a data set with more history before the range, or start the range later.`,
    });
  }
  return notes;
}
