/**
 * Backtests and parameter sweeps as jobs on the worker pool. Everything that can be refused
 * (unknown strategy or data set, a graph with errors, a grid too large or naming parameters
 * the graph lacks) is refused before the job starts, so the call itself fails with the reason.
 */
import type { z } from 'zod';
import type { strategyMethods } from '../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../shared/ipc/errors';
import {
  DEFAULT_SEARCH_BUDGET as DEFAULT_BUDGET,
  gridValues,
  MAX_GRID_POINTS,
  type OptimiseAxis,
} from '../../../shared/strategy/backtest-schema';
import { isBlockType } from '../../../shared/strategy/block-types';
import { BLOCKS } from '../../../shared/strategy/blocks/index';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { validateStrategyGraph } from '../../../shared/strategy/validate';
import { gridSize, optimise, type BacktestWorkerPool } from '../backtest';
import { TIMEFRAMES, type Timeframe } from '../../../shared/domain/types';
import type { Dataset } from '../../../shared/ipc/schemas/strategies';
import type { BacktestSettingsInput } from '../../../shared/strategy/backtest-schema';
import { checkTimeframes, compileStrategy, StrategyTimeframeError } from '../strategy/compiler/compile';
import type { JobRegistry } from '../jobs/job-registry';
import type { Datasets } from '../market-data/datasets';
import { medianInterval } from '../backtest/metrics';
import { backtestSignalFeed, type SignalLogReader } from '../signals/signal-log-feed';
import { shapeBacktest, shapeOptimise } from './result-shaping';
import type { StrategiesRepo } from './strategies-repo';
import type { SweepPlacement } from './sweep-placement';
import type { ModelRegistry } from '../ml/registry';
import { pinnedModelVersions } from './model-jobs';
import type { OnnxModelStore } from '../ml/onnx/onnx-model-store';
import { checkOnnxBlocks, onnxPredictionColumns, openOnnxPredictors } from '../ml/onnx/onnx-feed';
import { loadOtherMarkets, planOtherMarkets } from './other-market-data';

type Input<M extends keyof typeof strategyMethods> = z.output<(typeof strategyMethods)[M]['input']>;

export interface BacktestJobDeps {
  repo: StrategiesRepo;
  datasets: Datasets;
  jobs: JobRegistry;
  pool: () => BacktestWorkerPool;
  /** The signal sources and their logs, for graphs with "Signal received" blocks. */
  signalLog?: SignalLogReader;
  /** Trained model versions (backtests of graphs with Model blocks load the versions they pin). */
  models: ModelRegistry;
  /** Imported ONNX models (backtests of graphs whose Model blocks name one run it here in core). */
  onnx?: Pick<OnnxModelStore, 'get' | 'predictor'>;
  /** The pool's sweep runner, or the Redis worker fleet when one is configured. */
  placeSweeps: () => Promise<SweepPlacement>;
}

const DEFAULT_TOP_N = 5;

export function resolveGraph(repo: StrategiesRepo, source: Input<'backtest.run'>['strategy']): StrategyGraph {
  return 'id' in source ? repo.get(source.id).graph : source.graph;
}

/** Refuses a graph with validation errors, naming the first (the editor lists them all). */
export function requireRunnable(graph: StrategyGraph, signalLog?: SignalLogReader): void {
  const context = signalLog ? { signalSources: signalLog.list() } : {};
  const errors = validateStrategyGraph(graph, context).filter((i) => i.severity === 'error');
  if (errors.length === 0) return;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  throw new TradewindError('invalid_input', `The strategy cannot run until it is fixed: ${errors[0]!.message}${more}`);
}

/**
 * The run's settings with the data set's timeframe (a higher-timeframe block builds its bars from
 * the data set's), refusing a strategy whose higher-timeframe blocks these bars cannot feed.
 */
export function withDataTimeframe(
  graph: StrategyGraph,
  dataset: Dataset,
  settings: BacktestSettingsInput | undefined,
): BacktestSettingsInput | undefined {
  const timeframe = (TIMEFRAMES as readonly string[]).includes(dataset.timeframe) ? (dataset.timeframe as Timeframe) : undefined;
  try {
    checkTimeframes(compileStrategy(graph), timeframe);
  } catch (error) {
    if (error instanceof StrategyTimeframeError)
      throw new TradewindError('invalid_input', `${error.message} (data set: ${dataset.label}).`);
    throw error;
  }
  return timeframe === undefined ? settings : { ...settings, timeframe };
}

export function startBacktest(deps: BacktestJobDeps, input: Input<'backtest.run'>): { jobId: string } {
  const graph = resolveGraph(deps.repo, input.strategy);
  requireRunnable(graph, deps.signalLog);
  requireBars(deps.datasets, input.dataset);
  const settings = withDataTimeframe(graph, deps.datasets.describe(input.dataset), input.settings);
  const otherMarketPlans = planOtherMarkets(deps.datasets, graph, deps.datasets.describe(input.dataset), settings);
  const models = pinnedModelVersions(deps.models, graph);
  const onnxBlocks = deps.onnx ? checkOnnxBlocks(deps.onnx, graph) : [];
  const jobId = deps.jobs.start(
    'backtest',
    async (job) => {
      const { dataset, candles } = deps.datasets.load(input.dataset);
      job.progress(0, 100, `Backtesting on ${dataset.label}…`);
      const otherMarkets = loadOtherMarkets(deps.datasets, otherMarketPlans);
      // "Signal received" blocks replay their sources' logs onto these bars.
      const signals = deps.signalLog && backtestSignalFeed(deps.signalLog, graph, dataset.symbol, medianInterval(candles.time));
      // ONNX Model blocks run here (the worker cannot load onnxruntime); the worker gets their columns.
      const onnx =
        deps.onnx && onnxBlocks.length > 0
          ? onnxPredictionColumns(graph, candles, {
              predictors: await openOnnxPredictors(deps.onnx, onnxBlocks),
              versions: models,
              ...(signals ? { signals } : {}),
              ...(settings?.timeframe ? { timeframe: settings.timeframe } : {}),
              ...(otherMarkets ? { otherMarkets } : {}),
            })
          : undefined;
      const result = await deps.pool().runBacktest(
        {
          graph,
          candles,
          settings,
          ...(signals ? { signals } : {}),
          ...(models.length ? { models } : {}),
          ...(onnx ? { onnx } : {}),
          ...(otherMarkets ? { otherMarkets } : {}),
        },
        {
          signal: job.signal,
          onProgress: (fraction) => job.progress(Math.round(fraction * 100), 100, `Backtesting… ${Math.round(fraction * 100)} %`),
        },
      );
      return shapeBacktest(job.id, graph.name, dataset, candles, result);
    },
    { summarise: (r) => `Done: ${r.metrics.trades} trades over ${r.metrics.bars.toLocaleString('en-US')} bars.` },
  );
  return { jobId };
}

export function startOptimise(deps: BacktestJobDeps, input: Input<'optimise.run'>): { jobId: string; points: number } {
  const graph = resolveGraph(deps.repo, input.strategy);
  requireRunnable(graph, deps.signalLog);
  if (graph.nodes.some((n) => n.type === 'signalReceived'))
    throw new TradewindError(
      'invalid_input',
      'Sweeps do not replay signal logs yet: a strategy with a "Signal received" block can be backtested, not optimised. Optimise a copy without the block.',
    );
  if (graph.nodes.some((n) => n.type === 'model'))
    throw new TradewindError(
      'invalid_input',
      'Sweeps do not retrain models: a strategy with a Model block can be backtested (walk-forward), not optimised. Optimise a copy without the block.',
    );
  requireBars(deps.datasets, input.dataset);
  const axes: OptimiseAxis[] = input.axes.map((a) => {
    if (a.to < a.from) throw new TradewindError('invalid_input', `${a.nodeId}.${a.param}: "to" (${a.to}) is below "from" (${a.from}).`);
    return { nodeId: a.nodeId, param: a.param, values: gridValues(a.from, a.to, a.step) };
  });
  checkAxes(graph, axes);
  const settings = withDataTimeframe(graph, deps.datasets.describe(input.dataset), input.settings);
  const otherMarketPlans = planOtherMarkets(deps.datasets, graph, deps.datasets.describe(input.dataset), settings);
  const gridPoints = gridSize(axes);
  if (gridPoints > MAX_GRID_POINTS) {
    throw new TradewindError(
      'invalid_input',
      `The grid has ${gridPoints.toLocaleString('en-US')} points; the limit is ${MAX_GRID_POINTS.toLocaleString('en-US')}. Use fewer values or larger steps.`,
    );
  }
  const method = input.method ?? 'grid';
  const points = method === 'grid' ? gridPoints : Math.min(gridPoints, input.budget ?? DEFAULT_BUDGET);
  const topN = input.topN ?? DEFAULT_TOP_N;
  // Walk-forward: each fold searches its in-sample window and runs its best once out of sample.
  const total = input.walkForward ? input.walkForward.folds * (points + 1) : points + Math.min(topN, points);
  const jobId = deps.jobs.start(
    'optimise',
    async (job) => {
      const { dataset, candles } = deps.datasets.load(input.dataset);
      const otherMarkets = loadOtherMarkets(deps.datasets, otherMarketPlans);
      const placement = await deps.placeSweeps();
      const where = placement.where ? ` on ${placement.where}` : placement.notice ? ` (${placement.notice})` : '';
      job.progress(0, total, `0 of ${total} backtests${where}`);
      const result = await optimise(
        {
          graph,
          candles,
          settings,
          ...(otherMarkets ? { otherMarkets } : {}),
          options: {
            axes,
            topN,
            ...(input.objective ? { objective: input.objective } : {}),
            ...(input.inSamplePct !== undefined ? { inSampleFraction: input.inSamplePct / 100 } : {}),
            method,
            ...(input.budget !== undefined ? { budget: input.budget } : {}),
            ...(input.seed !== undefined ? { seed: input.seed } : {}),
            ...(input.minTrades !== undefined ? { minTrades: input.minTrades } : {}),
            ...(input.walkForward ? { walkForward: input.walkForward } : {}),
          },
        },
        placement.runner,
        {
          signal: job.signal,
          onProgress: (fraction) => {
            const done = Math.round(fraction * total);
            job.progress(done, total, `${done} of ${total} backtests${where}`);
          },
        },
      );
      return shapeOptimise(job.id, graph.name, dataset, result);
    },
    {
      summarise: (r) =>
        `Done: ${r.rowsTotal} ${r.method === 'grid' ? 'grid points' : 'points searched'}${r.walkForward ? ` per fold, ${r.walkForward.folds.length} walk-forward folds` : ''}.`,
    },
  );
  return { jobId, points };
}

function requireBars(datasets: Datasets, id: string): void {
  const dataset = datasets.describe(id);
  if (dataset.bars < 2) throw new TradewindError('invalid_input', `${dataset.label} has ${dataset.bars} bars; a backtest needs more.`);
}

function checkAxes(graph: StrategyGraph, axes: readonly OptimiseAxis[]): void {
  const seen = new Set<string>();
  for (const axis of axes) {
    const key = `${axis.nodeId}.${axis.param}`;
    if (seen.has(key)) throw new TradewindError('invalid_input', `Parameter ${key} is chosen twice.`);
    seen.add(key);
    const node = graph.nodes.find((n) => n.id === axis.nodeId);
    const spec = node && isBlockType(node.type) ? BLOCKS[node.type].params.find((p) => p.name === axis.param) : undefined;
    if (!spec || spec.kind === 'choice' || spec.kind === 'text')
      throw new TradewindError('invalid_input', `The strategy has no numeric parameter ${key} to optimise.`);
  }
}
