/**
 * Strategy engine speed:
 *  - full `sma-cross`, `rsi-reversion` and `bollinger-breakout` backtests (compile, evaluate,
 *    fills, metrics, curves) over 1,000,000 one-minute candles, each against a hand-written
 *    typed-array loop producing the same trades, equity and drawdown curves, run alternately in
 *    this process;
 *  - 100 live strategies (the four templates with varied parameters) each stepping one new
 *    candle, as a bot runtime would on every bar close;
 *  - a parameter sweep on the worker pool against the same sweep in one thread.
 */
import os from 'node:os';
import { expandGrid } from '../electron/core/backtest/optimiser/grid';
import { runSweep } from '../electron/core/backtest/optimiser/sweep';
import { BacktestWorkerPool } from '../electron/core/backtest/pool/worker-pool';
import { runBacktest } from '../electron/core/backtest/run-backtest';
import { barAt, sliceColumns, type CandleColumns } from '../electron/core/strategy/candle-columns';
import { compileStrategy } from '../electron/core/strategy/compiler/compile';
import { StreamingEvaluator } from '../electron/core/strategy/compiler/streaming-evaluator';
import { buildFromTemplate } from '../shared/strategy/templates/index';
import { handWrittenBollingerBreakout } from './bollinger-breakout-baseline';
import type { BaselineResult } from './hand-loop-fills';
import { handWrittenRsiReversion } from './rsi-reversion-baseline';
import { handWrittenSmaCross } from './sma-cross-baseline';
import { BENCH_SETTINGS, loadSourceCandles, tileCandles } from './strategy-bench-data';

export type { BenchFigure } from './bench-kit';
import type { BenchFigure } from './bench-kit';

const BARS = 1_000_000;
const FAST = 20;
const SLOW = 60;
const SETTINGS = BENCH_SETTINGS;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median times of two functions run alternately, so both see the same machine load. */
function timeInterleaved(runs: number, a: () => void, b: () => void): [number, number] {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    a();
    ta.push(performance.now() - start);
    start = performance.now();
    b();
    tb.push(performance.now() - start);
  }
  return [median(ta), median(tb)];
}

function graphOf(template: string, params: Record<string, number>) {
  const built = buildFromTemplate(template, params);
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

interface EngineVsHand {
  template: string;
  params: Record<string, number>;
  baseline: (candles: CandleColumns) => BaselineResult;
}

/** The three templates the engine is held to, each against its own hand-written loop. */
const ENGINE_VS_HAND: EngineVsHand[] = [
  { template: 'sma-cross', params: { fast: FAST, slow: SLOW }, baseline: (c) => handWrittenSmaCross(c, FAST, SLOW, SETTINGS) },
  {
    template: 'rsi-reversion',
    params: { period: 14, lower: 30, upper: 70 },
    baseline: (c) => handWrittenRsiReversion(c, 14, 30, 70, SETTINGS),
  },
  {
    template: 'bollinger-breakout',
    params: { period: 20, deviations: 2 },
    baseline: (c) => handWrittenBollingerBreakout(c, 20, 2, SETTINGS),
  },
];

function benchBacktest(candles: CandleColumns, source: string, { template, params, baseline: hand }: EngineVsHand): BenchFigure {
  const graph = graphOf(template, params);
  const engine = () => runBacktest({ strategy: graph, candles, settings: SETTINGS });
  const baseline = () => hand(candles);
  // Same trades or the comparison means nothing.
  const a = engine();
  const b = baseline();
  if (
    a.metrics.trades !== b.trades ||
    a.metrics.finalEquity !== b.finalEquity ||
    Math.abs(a.metrics.maxDrawdownPct - b.maxDrawdownPct) > 1e-9
  ) {
    throw new Error(
      `${template}: engine and baseline disagree: ${a.metrics.trades} vs ${b.trades} trades, ${a.metrics.finalEquity} vs ${b.finalEquity}`,
    );
  }
  for (let i = 0; i < 3; i++) {
    engine();
    baseline();
  }
  const [engineMs, baselineMs] = timeInterleaved(11, engine, baseline);
  return {
    name: `backtest.${template}.1m`,
    value: round(engineMs),
    unit: 'ms',
    baseline: round(baselineMs),
    ratio: Number((engineMs / baselineMs).toFixed(2)),
    target: `ratio≤1.3 vs a hand-written loop with the same trades, equity and drawdown (${BARS.toLocaleString('en')} bars from ${source}, ${a.metrics.trades} trades)`,
  };
}

function liveStrategies(): StreamingEvaluator[] {
  const evaluators: StreamingEvaluator[] = [];
  for (let k = 0; k < 25; k++) {
    const variants = [
      graphOf('sma-cross', { fast: 5 + k, slow: 30 + 2 * k }),
      graphOf('rsi-reversion', { period: 7 + k, lower: 25 + (k % 10), upper: 65 + (k % 10) }),
      graphOf('bollinger-breakout', { period: 10 + k, deviations: 1.5 + (k % 5) * 0.25 }),
      graphOf('macd-trend', { fast: 6 + (k % 8), slow: 20 + k, signal: 5 + (k % 6) }),
    ];
    for (const graph of variants) evaluators.push(new StreamingEvaluator(compileStrategy(graph)));
  }
  return evaluators;
}

function benchStreaming(candles: CandleColumns): BenchFigure {
  const warmBars = 5_000;
  const timedBars = 2_000;
  const strategies = liveStrategies();
  const history = sliceColumns(candles, 0, warmBars + timedBars);
  for (let i = 0; i < warmBars; i++) {
    const bar = barAt(history, i);
    for (const s of strategies) s.push(bar);
  }
  const perTick: number[] = [];
  for (let i = warmBars; i < warmBars + timedBars; i++) {
    const bar = barAt(history, i);
    const start = performance.now();
    for (const s of strategies) s.push(bar);
    perTick.push(performance.now() - start);
  }
  perTick.sort((x, y) => x - y);
  const p99 = perTick[Math.floor(perTick.length * 0.99)]!;
  return {
    name: 'live.100-strategies.one-candle',
    value: Number(median(perTick).toFixed(4)),
    unit: 'ms',
    target: `<5 ms for all 100 (p99 ${p99.toFixed(3)} ms)`,
  };
}

async function benchSweep(candles: CandleColumns): Promise<BenchFigure> {
  const bars = sliceColumns(candles, 0, 200_000);
  const axes = [
    { nodeId: 'fast', param: 'period', values: [5, 10, 15, 20, 25, 30] },
    { nodeId: 'slow', param: 'period', values: [40, 60, 90, 120] },
  ];
  const task = { graph: graphOf('sma-cross', {}), axes, points: expandGrid(axes), settings: SETTINGS };
  const workers = Math.max(2, os.availableParallelism());
  const pool = new BacktestWorkerPool({ size: workers });
  try {
    await pool.runSweep({ ...task, points: task.points.slice(0, workers) }, bars); // start the threads
    let start = performance.now();
    await pool.runSweep(task, bars);
    const poolMs = performance.now() - start;
    start = performance.now();
    runSweep(task, bars);
    const oneThreadMs = performance.now() - start;
    return {
      name: 'optimise.sma-cross.grid-24.200k',
      value: round(poolMs),
      unit: 'ms',
      baseline: round(oneThreadMs),
      ratio: Number((poolMs / oneThreadMs).toFixed(2)),
      target: `ratio<1 (${workers} workers vs one thread, ${os.availableParallelism()} cores)`,
    };
  } finally {
    await pool.close();
  }
}

/** 25 fast × 40 slow SMA periods: 1,000 runs of a two-indicator strategy, 65 distinct indicator columns. */
const GRID_1000 = [
  { nodeId: 'fast', param: 'period', values: Array.from({ length: 25 }, (_, i) => 2 + i) },
  { nodeId: 'slow', param: 'period', values: Array.from({ length: 40 }, (_, i) => 30 + 5 * i) },
];
/** The naive sweep runs this many of the points (its rate is per run, so a sample measures it). */
const NAIVE_SAMPLE = 100;

/**
 * The 1,000-run grid over 200k candles: candle-steps per second of the shared-column sweep in
 * this thread and on the pool, against the naive per-run sweep (every indicator recomputed).
 * The shared and naive results are checked equal on the sample before timing counts.
 */
async function benchSharedSweep(candles: CandleColumns): Promise<BenchFigure[]> {
  const bars = sliceColumns(candles, 0, 200_000);
  const points = expandGrid(GRID_1000);
  const task = { graph: graphOf('sma-cross', {}), axes: GRID_1000, points, settings: SETTINGS };
  const sample = { ...task, points: points.filter((_, k) => k % (points.length / NAIVE_SAMPLE) === 0) };
  if (JSON.stringify(runSweep(sample, bars)) !== JSON.stringify(runSweep(sample, bars, {}, { naive: true }))) {
    throw new Error('shared-column sweep and naive sweep disagree');
  }
  let start = performance.now();
  runSweep(sample, bars, {}, { naive: true });
  const naivePerRun = (performance.now() - start) / sample.points.length;
  start = performance.now();
  runSweep(task, bars);
  const oneThreadMs = performance.now() - start;
  const workers = Math.max(2, os.availableParallelism());
  const pool = new BacktestWorkerPool({ size: workers });
  let poolMs: number;
  try {
    await pool.runSweep({ ...task, points: points.slice(0, workers) }, bars); // start the threads
    start = performance.now();
    await pool.runSweep(task, bars);
    poolMs = performance.now() - start;
  } finally {
    await pool.close();
  }
  const steps = points.length * bars.length;
  const naiveMs = naivePerRun * points.length;
  const rate = (ms: number) => Number((steps / (ms / 1000) / 1e6).toFixed(1));
  return [
    {
      name: 'optimise.sma-cross.grid-1000.200k.one-thread',
      value: round(oneThreadMs),
      unit: 'ms',
      baseline: round(naiveMs),
      ratio: Number((oneThreadMs / naiveMs).toFixed(2)),
      target: `shared columns vs naive per-run sweep (${NAIVE_SAMPLE}-run sample scaled to ${points.length}); ${rate(oneThreadMs)}M vs ${rate(naiveMs)}M candle-steps/s`,
    },
    {
      name: 'optimise.sma-cross.grid-1000.200k.pool',
      value: round(poolMs),
      unit: 'ms',
      baseline: round(oneThreadMs),
      ratio: Number((poolMs / oneThreadMs).toFixed(2)),
      target: `ratio<0.6 and ≥40M candle-steps/s (${workers} workers: ${rate(poolMs)}M candle-steps/s)`,
    },
  ];
}

function round(ms: number): number {
  return Number(ms.toFixed(1));
}

export async function run(): Promise<BenchFigure[]> {
  const { candles: source, source: name } = loadSourceCandles();
  const candles = tileCandles(source, BARS);
  return [
    ...ENGINE_VS_HAND.map((pair) => benchBacktest(candles, name, pair)),
    benchStreaming(candles),
    await benchSweep(candles),
    ...(await benchSharedSweep(candles)),
  ];
}
