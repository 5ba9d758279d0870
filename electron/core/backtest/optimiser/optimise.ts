/**
 * Grid search with an honest check: parameters are chosen on the first part of the range
 * (in sample) and the best ones are then run on the rest (out of sample), which they have
 * never seen. A large drop from one to the other is reported as an overfitting warning.
 */
import {
  MAX_GRID_POINTS,
  OptimiseOptionsSchema,
  type BacktestMetrics,
  type BacktestSettingsInput,
  type OptimiseAxis,
  type OptimiseObjective,
  type OptimiseOptions,
  type OptimiseOptionsInput,
} from '../../../../shared/strategy/backtest-schema';
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import { isBlockType } from '../../../../shared/strategy/block-types';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { lowerBound, type CandleColumns } from '../../strategy/candle-columns';
import { BacktestCancelledError, BacktestInputError } from '../errors';
import { parseBacktestSettings } from '../run-backtest';
import { expandGrid, gridSize } from './grid';
import { buildHeatmap, type Heatmap } from './heatmap';
import { runSweep, type SweepControl, type SweepOutcome, type SweepTask } from './sweep';

export interface OptimiseRequest {
  graph: StrategyGraph;
  candles: CandleColumns;
  settings?: BacktestSettingsInput;
  options: OptimiseOptionsInput;
}

export interface OptimiseRow {
  /** One value per axis. */
  values: number[];
  /** The objective in sample (null: undefined for this point, or the point failed). */
  score: number | null;
  inSample: BacktestMetrics | null;
  /** Only for the best `topN` rows. */
  outOfSample: BacktestMetrics | null;
  error?: string;
}

export interface SampleRange {
  startTime: number;
  /** Exclusive. */
  endTime: number;
  bars: number;
}

export interface OverfittingCheck {
  /** Compared metric: the objective, or CAGR when the objective is total return (ranges differ in length). */
  metric: OptimiseObjective;
  inSample: number | null;
  outOfSample: number | null;
  /** Out-of-sample / in-sample, when in-sample is positive. */
  ratio: number | null;
  warning: string | null;
}

export interface OptimiseResult {
  axes: OptimiseAxis[];
  objective: OptimiseObjective;
  inSample: SampleRange;
  outOfSample: SampleRange;
  /** Every grid point, best in-sample score first; failed and scoreless points last. */
  rows: OptimiseRow[];
  best: OptimiseRow | null;
  overfitting: OverfittingCheck;
  /** Scores over the first two axes (buildHeatmap gives any other pair). */
  heatmap: Heatmap | null;
}

/** Runs sweep tasks: in this thread (inProcessSweeps) or on a worker pool. */
export type SweepRunner = (
  task: SweepTask,
  candles: CandleColumns,
  control: { onPoint?: (done: number) => void; signal?: AbortSignal },
) => Promise<SweepOutcome[]>;

export const inProcessSweeps: SweepRunner = async (task, candles, control) => {
  const sweepControl: SweepControl = { onPoint: control.onPoint, isCancelled: () => control.signal?.aborted ?? false };
  try {
    return runSweep(task, candles, sweepControl);
  } catch (error) {
    if (control.signal?.aborted) throw new BacktestCancelledError();
    throw error;
  }
};

export interface OptimiseControl {
  /** Fraction of all backtests done, 0..1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export async function optimise(
  request: OptimiseRequest,
  runner: SweepRunner = inProcessSweeps,
  control: OptimiseControl = {},
): Promise<OptimiseResult> {
  const options = parseOptions(request.options);
  checkAxes(request.graph, options.axes);
  const settings = parseBacktestSettings(request.settings);
  const { inSample, outOfSample } = splitRange(request.candles, settings.startTime, settings.endTime, options.inSampleFraction);
  const points = expandGrid(options.axes);
  const total = points.length + Math.min(options.topN, points.length);
  let done = 0;
  const progress = (count: number) => control.onProgress?.(Math.min(1, (done + count) / total));

  const isTask: SweepTask = { graph: request.graph, axes: options.axes, points, settings: { ...settings, ...rangeOf(inSample) } };
  const isOutcomes = await runner(isTask, request.candles, { onPoint: progress, signal: control.signal });
  done += points.length;
  const rows: OptimiseRow[] = points.map((values, k) => toRow(values, isOutcomes[k]!, options.objective));
  rows.sort(byScore);

  const top = rows.filter((r) => r.inSample !== null).slice(0, options.topN);
  if (top.length > 0) {
    const oosTask: SweepTask = {
      graph: request.graph,
      axes: options.axes,
      points: top.map((r) => r.values),
      settings: { ...settings, ...rangeOf(outOfSample) },
    };
    const oosOutcomes = await runner(oosTask, request.candles, { onPoint: progress, signal: control.signal });
    top.forEach((row, k) => {
      const outcome = oosOutcomes[k]!;
      row.outOfSample = 'metrics' in outcome ? outcome.metrics : null;
    });
  }
  control.onProgress?.(1);
  const best = rows[0]?.inSample ? rows[0] : null;
  return {
    axes: options.axes,
    objective: options.objective,
    inSample,
    outOfSample,
    rows,
    best,
    overfitting: overfittingCheck(best, options),
    heatmap: options.axes.length >= 2 ? buildHeatmap(options.axes, rows, 0, 1) : null,
  };
}

function parseOptions(input: OptimiseOptionsInput): OptimiseOptions {
  const parsed = OptimiseOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new BacktestInputError(`Invalid optimiser option ${first.path.join('.') || '(options)'}: ${first.message}.`);
  }
  const size = gridSize(parsed.data.axes);
  if (size > MAX_GRID_POINTS) {
    throw new BacktestInputError(`The grid has ${size} points; the limit is ${MAX_GRID_POINTS}. Use fewer values or larger steps.`);
  }
  return parsed.data;
}

function checkAxes(graph: StrategyGraph, axes: readonly OptimiseAxis[]): void {
  const seen = new Set<string>();
  for (const axis of axes) {
    const key = `${axis.nodeId}.${axis.param}`;
    if (seen.has(key)) throw new BacktestInputError(`Parameter ${key} appears on two axes.`);
    seen.add(key);
    const node = graph.nodes.find((n) => n.id === axis.nodeId);
    if (!node) throw new BacktestInputError(`The strategy has no node "${axis.nodeId}" to optimise.`);
    const spec = isBlockType(node.type) ? BLOCKS[node.type].params.find((p) => p.name === axis.param) : undefined;
    if (!spec || spec.kind === 'choice') {
      throw new BacktestInputError(`Node "${axis.nodeId}" has no numeric parameter "${axis.param}" to optimise.`);
    }
  }
}

/** Splits the traded bars by count: the first share in sample, the rest out of sample. */
export function splitRange(
  candles: CandleColumns,
  startTime: number | undefined,
  endTime: number | undefined,
  inSampleFraction: number,
): { inSample: SampleRange; outOfSample: SampleRange } {
  const time = candles.time;
  const from = startTime === undefined ? 0 : lowerBound(time, startTime, candles.length);
  const to = endTime === undefined ? candles.length : lowerBound(time, endTime, candles.length);
  const bars = to - from;
  const split = from + Math.floor(bars * inSampleFraction);
  if (split - from < 2 || to - split < 2) {
    throw new BacktestInputError(`Too few bars (${Math.max(0, bars)}) in the range to split into in-sample and out-of-sample parts.`);
  }
  const end = to < candles.length ? time[to]! : time[to - 1]! + 1;
  return {
    inSample: { startTime: time[from]!, endTime: time[split]!, bars: split - from },
    outOfSample: { startTime: time[split]!, endTime: end, bars: to - split },
  };
}

function rangeOf(range: SampleRange): { startTime: number; endTime: number } {
  return { startTime: range.startTime, endTime: range.endTime };
}

function toRow(values: number[], outcome: SweepOutcome, objective: OptimiseObjective): OptimiseRow {
  if ('error' in outcome) return { values, score: null, inSample: null, outOfSample: null, error: outcome.error };
  return { values, score: outcome.metrics[objective], inSample: outcome.metrics, outOfSample: null };
}

function byScore(a: OptimiseRow, b: OptimiseRow): number {
  if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? 0 : 1) : -1;
  return b.score - a.score;
}

function overfittingCheck(best: OptimiseRow | null, options: OptimiseOptions): OverfittingCheck {
  const metric: OptimiseObjective = options.objective === 'returnPct' ? 'cagrPct' : options.objective;
  const inSample = best?.inSample?.[metric] ?? null;
  const outOfSample = best?.outOfSample?.[metric] ?? null;
  const ratio = inSample !== null && outOfSample !== null && inSample > 0 ? outOfSample / inSample : null;
  let warning: string | null = null;
  if (best === null) {
    warning = 'No grid point produced a result in sample.';
  } else if (inSample === null || inSample <= 0) {
    warning = `The best in-sample ${metric} is ${format(inSample)}: no parameters worked in sample, so there is nothing to trust out of sample.`;
  } else if (outOfSample === null || ratio === null || ratio < options.warnBelowRatio) {
    const share = ratio === null ? '' : ` (${Math.round(ratio * 100)} % of it)`;
    warning = `Possible overfitting: out of sample the best parameters reach ${metric} ${format(outOfSample)} against ${format(inSample)} in sample${share}.`;
  }
  return { metric, inSample, outOfSample, ratio, warning };
}

function format(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(2);
}
