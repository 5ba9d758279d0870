/**
 * One backtest: compile the graph, evaluate it over the bars (history before the range only
 * warms the indicators up), simulate fills over the range, then measure.
 */
import {
  BacktestSettingsSchema,
  type BacktestMetrics,
  type BacktestSettings,
  type BacktestSettingsInput,
  type BacktestTrade,
  type OpenPosition,
} from '../../../shared/strategy/backtest-schema';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { StrategyIssue } from '../../../shared/strategy/issues';
import { lowerBound, type CandleColumns } from '../strategy/candle-columns';
import {
  checkTimeframes,
  compileStrategy,
  OtherMarketDataError,
  StrategyTimeframeError,
  type CompiledStrategy,
} from '../strategy/compiler/compile';
import type { SignalFeed } from '../strategy/signal-feed';
import type { ModelFeed } from '../strategy/model-feed';
import { signalCoverage } from './signal-coverage';
import { evaluateBatch, type BatchEvaluation, type OtherMarketBars } from '../strategy/compiler/batch-evaluator';
import { ColumnScratch } from '../strategy/compiler/column-scratch';
import type { SharedColumns } from '../strategy/compiler/shared-columns';
import { BacktestCancelledError, BacktestInputError } from './errors';
import { computeMetrics, medianInterval } from './metrics';
import { simulate, type SimulationResult } from './simulate';
import { orderPlans } from './orders/order-plans';
import { higherTimeframeWarmupNotes } from './higher-timeframe-warmup';
import { simulateOrders, type OrderSimulationResult } from './orders/simulate-orders';

export interface BacktestRequest {
  /** A graph (compiled here) or a compiled strategy (compile once, run on many data sets). */
  strategy: StrategyGraph | CompiledStrategy;
  candles: CandleColumns;
  settings?: BacktestSettingsInput;
  /** Indicator columns shared with other runs over the same candles (a sweep). */
  shared?: SharedColumns;
  /** Signals for the "Signal received" blocks: the sources' stored logs (see signal-coverage.ts). */
  signals?: SignalFeed;
  /** Trained models for the Model blocks (the versions the graph pins). */
  models?: ModelFeed;
  /** Bars of the other markets its "Other market" blocks read (same venue and timeframe, loaded by the caller). */
  otherMarkets?: OtherMarketBars;
  /** False: metrics and trades only, `curves.equity` and `curves.drawdownPct` empty (sweeps). */
  keepCurves?: boolean;
}

export interface RunControl {
  /** Fraction done, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Polled between nodes and every few thousand bars; true abandons the run. */
  isCancelled?: () => boolean;
}

export interface BacktestCurves {
  /** Open times of the traded bars (a view on the candles' time column, not a copy). */
  time: Float64Array;
  equity: Float64Array;
  drawdownPct: Float64Array;
}

export interface BacktestResult {
  metrics: BacktestMetrics;
  trades: BacktestTrade[];
  openPosition: OpenPosition | null;
  curves: BacktestCurves;
  settings: BacktestSettings;
  /** Validation warnings of the strategy. */
  warnings: StrategyIssue[];
}

/** Share of the progress bar given to evaluating the graph; the rest is the fill simulation. */
const EVALUATION_SHARE = 0.3;

/** Indicator columns are reused from one backtest to the next in this thread (see ColumnScratch). */
const scratch = new ColumnScratch();

export function parseBacktestSettings(input: BacktestSettingsInput | undefined): BacktestSettings {
  const parsed = BacktestSettingsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new BacktestInputError(`Invalid backtest setting ${first.path.join('.') || '(settings)'}: ${first.message}.`);
  }
  return parsed.data;
}

export function runBacktest(request: BacktestRequest, control: RunControl = {}): BacktestResult {
  const settings = parseBacktestSettings(request.settings);
  const compiled =
    'steps' in request.strategy
      ? request.strategy
      : compileStrategy(request.strategy, {
          ...(request.signals ? { signals: request.signals } : {}),
          ...(request.models ? { models: request.models } : {}),
        });
  const { candles } = request;
  assertAscending(candles);
  try {
    checkTimeframes(compiled, settings.timeframe);
  } catch (error) {
    if (error instanceof StrategyTimeframeError) throw new BacktestInputError(error.message);
    throw error;
  }
  const from = settings.startTime === undefined ? 0 : lowerBound(candles.time, settings.startTime, candles.length);
  const to = settings.endTime === undefined ? candles.length : lowerBound(candles.time, settings.endTime, candles.length);
  if (to <= from) throw new BacktestInputError('No bars in the chosen date range.');

  const checkCancel = () => {
    if (control.isCancelled?.()) throw new BacktestCancelledError();
  };
  const stepCount = Math.max(1, compiled.steps.length);
  let stepsDone = 0;
  // Bars after the range are never read, so they are not evaluated either.
  let evaluation: BatchEvaluation;
  try {
    evaluation = evaluateBatch(
      compiled,
      { ...candles, length: to },
      {
        scratch,
        ...(settings.timeframe ? { timeframe: settings.timeframe } : {}),
        ...(request.shared ? { shared: request.shared } : {}),
        ...(request.otherMarkets ? { otherMarkets: request.otherMarkets } : {}),
        countGapsFrom: from,
        checkpoint: () => {
          checkCancel();
          control.onProgress?.((EVALUATION_SHARE * stepsDone++) / stepCount);
        },
      },
    );
  } catch (error) {
    if (error instanceof OtherMarketDataError) throw new BacktestInputError(error.message);
    throw error;
  }
  const gapNotes = otherMarketWarnings(evaluation, to - from);
  const onBars = (done: number, total: number) => {
    checkCancel();
    control.onProgress?.(EVALUATION_SHARE + ((1 - EVALUATION_SHARE) * done) / total);
  };
  let sim: SimulationResult;
  const runNotes: StrategyIssue[] = higherTimeframeWarmupNotes(compiled, evaluation, candles, from, to);
  try {
    if (compiled.advancedOrders) {
      const keepCurves = request.keepCurves ?? true;
      const positions = evaluation.positions;
      const advanced = simulateOrders({
        candles,
        plans: orderPlans(compiled, evaluation),
        settings,
        from,
        to,
        keepCurves,
        positions,
        onBars,
      });
      runNotes.push(...orderWarnings(advanced));
      sim = advanced;
    } else
      sim = simulate({
        candles,
        entryConditions: evaluation.entryConditions,
        exitConditions: evaluation.exitConditions,
        entries: compiled.entries,
        settings,
        from,
        to,
        keepCurves: request.keepCurves ?? true,
        positions: evaluation.positions,
        levels: compiled.entries.map((e) => ({
          stop: e.stopLevel ? evaluation.numberColumn(e.stopLevel.slot) : null,
          followStop: e.stopLevel?.follow ?? false,
          target: e.targetLevel ? evaluation.numberColumn(e.targetLevel.slot) : null,
          followTarget: e.targetLevel?.follow ?? false,
        })),
        onBars,
      });
  } finally {
    evaluation.release();
  }
  const times = candles.time.subarray(from, to);
  const barIntervalMs = medianInterval(times);
  const metrics = computeMetrics({
    startingCash: settings.startingCash,
    times,
    finalEquity: sim.equity.last,
    barIntervalMs,
    equity: sim.equity.summary(times, barIntervalMs),
    trades: sim.trades,
    exposedBars: sim.exposedBars,
    feesPaid: sim.feesPaid,
    skippedEntries: sim.skippedEntries,
    firstOpen: candles.open[from]!,
    lastClose: candles.close[to - 1]!,
  });
  control.onProgress?.(1);
  return {
    metrics,
    trades: sim.trades,
    openPosition: sim.openPosition,
    curves: {
      time: times,
      equity: sim.equity.equity,
      drawdownPct: sim.equity.drawdownPct,
    },
    settings,
    warnings: [
      ...compiled.warnings,
      ...signalCoverage(compiled.graph, request.signals, candles.time[from]!, candles.time[to - 1]!),
      ...runNotes,
      ...gapNotes,
    ],
  };
}

/** How many bars of the range read an other market's carried-over bar (it had none of its own). */
function otherMarketWarnings(evaluation: BatchEvaluation, bars: number): StrategyIssue[] {
  return evaluation.otherMarketGaps
    .filter((gap) => gap.missing > 0)
    .map((gap) => ({
      severity: 'warning' as const,
      code: 'other_market_gaps' as const,
      nodeId: gap.nodeId,
      message: `${gap.market} had no bar of its own at ${gap.missing.toLocaleString('en-US')} of the ${bars.toLocaleString('en-US')} bars in the range: those bars read its last closed bar (or nothing, before its first). Download the missing ${gap.market} history in the Data panel to close the gaps.`,
    }));
}

/** What the order simulator reports beside the trades. */
function orderWarnings(result: OrderSimulationResult): StrategyIssue[] {
  if (result.expiredLimits === 0) return [];
  const n = result.expiredLimits;
  return [
    {
      severity: 'warning',
      code: 'limit_entries_expired',
      message: `${n} limit ${n === 1 ? 'entry was' : 'entries were'} cancelled unfilled after their expiry.`,
    },
  ];
}

function assertAscending(candles: CandleColumns): void {
  const t = candles.time;
  const n = candles.length;
  // One load per bar (the previous time kept in a local): this pass is part of every backtest.
  let previous = t[0]!;
  for (let i = 1; i < n; i++) {
    const time = t[i]!;
    if (!(time > previous)) {
      throw new BacktestInputError(`Bars must be in ascending time order without duplicates (bar ${i + 1}).`);
    }
    previous = time;
  }
}
