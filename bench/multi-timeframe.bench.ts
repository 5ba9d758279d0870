/**
 * The multi-timeframe strategy (#20 item 7): "RSI(14) < 30 on 1h AND close > EMA(200) on 4h, sell
 * on RSI > 70" as a full backtest over 1,000,000 one-minute candles, against its hand-written loop
 * (`multi-timeframe-baseline.ts`: the same trades, equity and drawdown, checked before timing),
 * run alternately in this process. Target: within 2× the hand loop.
 */
import { runBacktest } from '../electron/core/backtest/run-backtest';
import { compileStrategy } from '../electron/core/strategy/compiler/compile';
import { versusBaseline, type BenchFigure } from './bench-kit';
import { handLoopParams, handWrittenMultiTimeframe, MTF_BENCH_STRATEGY, multiTimeframeGraph } from './multi-timeframe-baseline';
import { BENCH_SETTINGS, loadSourceCandles, tileCandles } from './strategy-bench-data';

export type { BenchFigure } from './bench-kit';

const BARS = 1_000_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function run(): Promise<BenchFigure[]> {
  const { candles: source, source: file } = loadSourceCandles();
  const candles = tileCandles(source, BARS);
  const strategy = MTF_BENCH_STRATEGY;
  const settings = { ...BENCH_SETTINGS, timeframe: strategy.base };
  const compiled = compileStrategy(multiTimeframeGraph(strategy));
  const params = handLoopParams(strategy);
  const engine = () => runBacktest({ strategy: compiled, candles, settings });
  const hand = () => handWrittenMultiTimeframe(candles, params, BENCH_SETTINGS);
  // Same trades or the comparison means nothing.
  const a = engine();
  const b = hand();
  if (
    a.metrics.trades !== b.trades ||
    a.metrics.finalEquity !== b.finalEquity ||
    Math.abs(a.metrics.maxDrawdownPct - b.maxDrawdownPct) > 1e-9
  ) {
    throw new Error(
      `multi-timeframe: engine and hand loop disagree: ${a.metrics.trades} vs ${b.trades} trades, ${a.metrics.finalEquity} vs ${b.finalEquity}`,
    );
  }
  for (let i = 0; i < 3; i++) {
    engine();
    hand();
  }
  // Alternately, so both see the same machine load.
  const te: number[] = [];
  const th: number[] = [];
  for (let i = 0; i < 11; i++) {
    let start = performance.now();
    engine();
    te.push(performance.now() - start);
    start = performance.now();
    hand();
    th.push(performance.now() - start);
  }
  return [
    versusBaseline(
      'backtest.multi-timeframe.1m',
      median(te),
      median(th),
      `ratio≤2 vs a hand-written loop with the same trades, equity and drawdown (RSI(14) < 30 on 1h AND close > EMA(200) on 4h, ${BARS.toLocaleString('en')} 1m bars from ${file}, ${a.metrics.trades} trades)`,
    ),
  ];
}
