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
import type { BacktestSettings } from '../../../../shared/strategy/backtest-schema';
import type { CandleColumns } from '../../strategy/candle-columns';
import { BacktestCancelledError, BacktestInputError } from '../errors';
import { parseBacktestSettings, runBacktest } from '../run-backtest';
import { gridSize } from './grid';
import { buildHeatmap, type Heatmap } from './heatmap';
import { createSearch, searchSize, TPE_ROUND } from './search';
import type { OtherMarketBars } from '../../strategy/compiler/batch-evaluator';
import { graphAtPoint, runSweep, type SweepControl, type SweepOutcome, type SweepTask } from './sweep';
import { barRange, rangeOfBars, stitchEquity, walkForwardWindows, type SampleRange, type StitchedEquity } from './walk-forward';

export type { SampleRange } from './walk-forward';

export interface OptimiseRequest {
  graph: StrategyGraph;
  candles: CandleColumns;
  settings?: BacktestSettingsInput;
  options: OptimiseOptionsInput;
  /** Bars of the other markets its "Other market" blocks read (same venue and timeframe as the candles). */
  otherMarkets?: OtherMarketBars;
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
  /** Why a run that worked has no score (too few closed trades): it ranks after every scored run. */
  unranked?: string;
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
  method: OptimiseOptions['method'];
  /** Every point run (the whole grid, or the search's budget), best in-sample score first; failed and scoreless points last. */
  rows: OptimiseRow[];
  best: OptimiseRow | null;
  overfitting: OverfittingCheck;
  /** Scores over the first two axes (buildHeatmap gives any other pair). */
  heatmap: Heatmap | null;
  /** Walk-forward runs only: per fold, the chosen parameters and both scores, and the stitched equity. */
  walkForward: WalkForwardReport | null;
}

export interface WalkForwardFold {
  inSample: SampleRange;
  outOfSample: SampleRange;
  /** The best in-sample parameters, or null when no point scored in sample. */
  values: number[] | null;
  inSampleScore: number | null;
  inSampleMetrics: BacktestMetrics | null;
  outOfSampleMetrics: BacktestMetrics | null;
}

export interface WalkForwardReport {
  anchored: boolean;
  folds: WalkForwardFold[];
  /** The out-of-sample runs of each fold's choice, one after the other, compounding. */
  equity: StitchedEquity;
  /** Return of the stitched out-of-sample equity, in percent. */
  stitchedReturnPct: number;
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
  if (options.walkForward) return walkForward(request, runner, control, options, settings);
  const { inSample, outOfSample } = splitRange(request.candles, settings.startTime, settings.endTime, options.inSampleFraction);
  const runs = searchSize(options.method, options.axes, options.budget);
  const progress = new Progress(runs + Math.min(options.topN, runs), control);
  const rows = await searchRange(request, runner, options, settings, inSample, progress, control.signal);
  const top = rows.filter((r) => r.score !== null).slice(0, options.topN);
  if (top.length > 0) {
    const oosOutcomes = await runPoints(
      request,
      runner,
      options,
      settings,
      outOfSample,
      top.map((r) => r.values),
      progress,
      control.signal,
    );
    top.forEach((row, k) => {
      const outcome = oosOutcomes[k]!;
      row.outOfSample = 'metrics' in outcome ? outcome.metrics : null;
    });
  }
  control.onProgress?.(1);
  const best = bestOf(rows);
  return {
    axes: options.axes,
    objective: options.objective,
    method: options.method,
    inSample,
    outOfSample,
    rows,
    best,
    overfitting: overfittingCheck(
      best?.inSample?.[comparedMetric(options)] ?? null,
      best?.outOfSample?.[comparedMetric(options)] ?? null,
      best !== null,
      options,
    ),
    heatmap: options.axes.length >= 2 ? buildHeatmap(options.axes, rows, 0, 1) : null,
    walkForward: null,
  };
}

/** Cumulative progress over several rounds of backtests. */
class Progress {
  private done = 0;
  constructor(
    private readonly total: number,
    private readonly control: OptimiseControl,
  ) {}
  report(inRound: number): void {
    this.control.onProgress?.(Math.min(1, (this.done + inRound) / this.total));
  }
  finishRound(count: number): void {
    this.done += count;
    this.report(0);
  }
}

function runPoints(
  request: OptimiseRequest,
  runner: SweepRunner,
  options: OptimiseOptions,
  settings: BacktestSettings,
  range: SampleRange,
  points: number[][],
  progress: Progress,
  signal: AbortSignal | undefined,
): Promise<SweepOutcome[]> {
  if (signal?.aborted) throw new BacktestCancelledError();
  const task: SweepTask = {
    graph: request.graph,
    axes: options.axes,
    points,
    settings: { ...settings, ...rangeOf(range) },
    ...(request.otherMarkets ? { otherMarkets: request.otherMarkets } : {}),
  };
  return runner(task, request.candles, { onPoint: (n) => progress.report(n), signal }).then((outcomes) => {
    progress.finishRound(points.length);
    return outcomes;
  });
}

/** Runs the search on one range; rows best first. */
async function searchRange(
  request: OptimiseRequest,
  runner: SweepRunner,
  options: OptimiseOptions,
  settings: BacktestSettings,
  range: SampleRange,
  progress: Progress,
  signal: AbortSignal | undefined,
): Promise<OptimiseRow[]> {
  const search = createSearch(options.method, options.axes, options.budget, options.seed);
  const round = options.method === 'tpe' ? TPE_ROUND : Number.MAX_SAFE_INTEGER;
  const rows: OptimiseRow[] = [];
  for (let points = search.ask(round); points.length > 0; points = search.ask(round)) {
    const outcomes = await runPoints(request, runner, options, settings, range, points, progress, signal);
    const batch = points.map((values, k) => toRow(values, outcomes[k]!, options));
    search.tell(
      points,
      batch.map((r) => r.score),
    );
    rows.push(...batch);
  }
  return rows.sort(byScore);
}

function bestOf(rows: readonly OptimiseRow[]): OptimiseRow | null {
  return rows[0] && rows[0].score !== null ? rows[0] : null;
}

async function walkForward(
  request: OptimiseRequest,
  runner: SweepRunner,
  control: OptimiseControl,
  options: OptimiseOptions,
  settings: BacktestSettings,
): Promise<OptimiseResult> {
  const plan = options.walkForward!;
  const range = barRange(request.candles, settings.startTime, settings.endTime);
  const windows = walkForwardWindows(request.candles, range, plan.folds, options.inSampleFraction, plan.anchored);
  const runs = searchSize(options.method, options.axes, options.budget);
  const progress = new Progress(windows.length * (runs + 1), control);
  const folds: WalkForwardFold[] = [];
  const pieces: { time: Float64Array; equity: Float64Array }[] = [];
  let lastRows: OptimiseRow[] = [];
  for (const window of windows) {
    lastRows = await searchRange(request, runner, options, settings, window.inSample, progress, control.signal);
    const best = bestOf(lastRows);
    let oos: BacktestMetrics | null = null;
    if (best) {
      if (control.signal?.aborted) throw new BacktestCancelledError();
      // In this thread: the stitched equity needs the curve, which sweep outcomes do not carry.
      const result = runBacktest({
        strategy: graphAtPoint(request.graph, options.axes, best.values),
        candles: request.candles,
        settings: { ...settings, ...rangeOf(window.outOfSample) },
        ...(request.otherMarkets ? { otherMarkets: request.otherMarkets } : {}),
      });
      oos = result.metrics;
      best.outOfSample = oos;
      pieces.push({ time: result.curves.time, equity: result.curves.equity });
    } else {
      // No parameters chosen: the account stays in cash over this window.
      const bars = barRange(request.candles, window.outOfSample.startTime, window.outOfSample.endTime);
      const time = request.candles.time.subarray(bars.from, bars.to);
      pieces.push({ time, equity: new Float64Array(time.length).fill(settings.startingCash) });
    }
    progress.finishRound(1);
    folds.push({
      ...window,
      values: best?.values ?? null,
      inSampleScore: best?.score ?? null,
      inSampleMetrics: best?.inSample ?? null,
      outOfSampleMetrics: oos,
    });
  }
  control.onProgress?.(1);
  const equity = stitchEquity(settings.startingCash, pieces);
  const finalEquity = equity.equity.at(-1) ?? settings.startingCash;
  const metric = comparedMetric(options);
  const isScores = folds.map((f) => f.inSampleMetrics?.[metric] ?? null);
  const oosScores = folds.map((f) => f.outOfSampleMetrics?.[metric] ?? null);
  const first = windows[0]!;
  const last = windows.at(-1)!;
  const oosSpan: SampleRange = {
    startTime: first.outOfSample.startTime,
    endTime: last.outOfSample.endTime,
    bars: windows.reduce((sum, w) => sum + w.outOfSample.bars, 0),
  };
  const best = bestOf(lastRows);
  return {
    axes: options.axes,
    objective: options.objective,
    method: options.method,
    inSample: last.inSample,
    outOfSample: oosSpan,
    rows: lastRows,
    best,
    overfitting: overfittingCheck(mean(isScores), mean(oosScores), best !== null, options),
    heatmap: options.axes.length >= 2 ? buildHeatmap(options.axes, lastRows, 0, 1) : null,
    walkForward: {
      anchored: plan.anchored,
      folds,
      equity,
      stitchedReturnPct: ((finalEquity - settings.startingCash) / settings.startingCash) * 100,
    },
  };
}

function mean(xs: readonly (number | null)[]): number | null {
  const present = xs.filter((x): x is number => x !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
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
    if (!spec || spec.kind === 'choice' || spec.kind === 'text') {
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
  const { from, to } = barRange(candles, startTime, endTime);
  const bars = to - from;
  const split = from + Math.floor(bars * inSampleFraction);
  if (split - from < 2 || to - split < 2) {
    throw new BacktestInputError(`Too few bars (${Math.max(0, bars)}) in the range to split into in-sample and out-of-sample parts.`);
  }
  return { inSample: rangeOfBars(candles, from, split), outOfSample: rangeOfBars(candles, split, to) };
}

function rangeOf(range: SampleRange): { startTime: number; endTime: number } {
  return { startTime: range.startTime, endTime: range.endTime };
}

function toRow(values: number[], outcome: SweepOutcome, options: OptimiseOptions): OptimiseRow {
  if ('error' in outcome) return { values, score: null, inSample: null, outOfSample: null, error: outcome.error };
  const { metrics } = outcome;
  if (metrics.trades < options.minTrades) {
    const unranked = `${metrics.trades} closed trade${metrics.trades === 1 ? '' : 's'}, fewer than the minimum of ${options.minTrades}: not ranked (a position still open at the end is not a result).`;
    return { values, score: null, inSample: metrics, outOfSample: null, unranked };
  }
  return { values, score: metrics[options.objective], inSample: metrics, outOfSample: null };
}

function byScore(a: OptimiseRow, b: OptimiseRow): number {
  if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? 0 : 1) : -1;
  return b.score - a.score;
}

function comparedMetric(options: OptimiseOptions): OptimiseObjective {
  // Total return is not comparable across ranges of different length: the check uses CAGR.
  return options.objective === 'returnPct' ? 'cagrPct' : options.objective;
}

function overfittingCheck(
  inSample: number | null,
  outOfSample: number | null,
  anyBest: boolean,
  options: OptimiseOptions,
): OverfittingCheck {
  const metric = comparedMetric(options);
  const ratio = inSample !== null && outOfSample !== null && inSample > 0 ? outOfSample / inSample : null;
  let warning: string | null = null;
  if (!anyBest) {
    warning = 'No point produced a ranked result in sample.';
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
