/**
 * The compiled strategy's two evaluators: on real data, the streaming evaluator (one bar at
 * a time) gives exactly the batch evaluator's values and signals, for every template and for
 * a graph using every block; and evaluating a prefix gives exactly the full run's values on
 * that prefix (appending future bars never changes the past: no look-ahead).
 */
import { describe, expect, it } from 'vitest';
import { STRATEGY_TEMPLATES, buildFromTemplate } from '../../../../shared/strategy/templates/index';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { runBacktest } from '../../backtest/run-backtest';
import { barAt, sliceColumns, type CandleColumns } from '../candle-columns';
import { TRUE, UNKNOWN } from '../kernels/conditions';
import { EVERY_BLOCK_SIGNAL_SOURCE, everyBlockGraph, everyBlockOtherMarkets } from '../test-support/every-block-graph';
import { positionScript } from '../test-support/position-script';
import { syntheticSignalFeed } from '../test-support/synthetic-signals';
import { REAL_DATA_TIMEFRAMES, realCandles, type RealDataName } from '../test-support/real-candles';
import { resampleClosed } from '../kernels/timeframe-align';
import { evaluateBatch, signalAt } from './batch-evaluator';
import { compileStrategy } from './compile';
import { StreamingEvaluator } from './streaming-evaluator';

function templateGraph(name: string, params: Record<string, number> = {}): StrategyGraph {
  const built = buildFromTemplate(name, params);
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

const GRAPHS: [string, () => StrategyGraph][] = [
  ...STRATEGY_TEMPLATES.map((t) => [t.name, () => t.graph()] as [string, () => StrategyGraph]),
  ['sma-cross 3/7', () => templateGraph('sma-cross', { fast: 3, slow: 7 })],
  ['rsi-reversion 5/35/65', () => templateGraph('rsi-reversion', { period: 5, lower: 35, upper: 65 })],
  ['every block', everyBlockGraph],
];
const DATASETS: RealDataName[] = ['btc1h', 'eth5m', 'xrpEth5m'];

function sameNumber(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

describe.each(DATASETS)('on %s', (dataset) => {
  const candles = realCandles(dataset);

  describe.each(GRAPHS)('%s', (_name, makeGraph) => {
    // The every-block graph's "Signal received" block reads seeded signals spread over these bars.
    const signals = syntheticSignalFeed(candles, EVERY_BLOCK_SIGNAL_SOURCE);
    const compiled = compileStrategy(makeGraph(), { includeUnusedNodes: true, signals });
    // A graph that reads its position is fed the same made-up positions in both evaluators.
    const positions = compiled.positional ? positionScript(candles, 7) : null;
    const timeframe = REAL_DATA_TIMEFRAMES[dataset];
    // The every-block graph's "Other market" block reads a second market made from these bars.
    const otherMarkets = everyBlockOtherMarkets(candles);
    const batch = evaluateBatch(compiled, candles, { timeframe, otherMarkets });
    if (positions) for (let i = 0; i < candles.length; i++) batch.positions!.advanceWith(i, positions[i]!);

    it('streaming and batch emit identical signals and node values on every bar', () => {
      const stream = new StreamingEvaluator(compiled, { timeframe });
      // The streaming side is handed the higher-timeframe bars as a feed would: all of them, up front (only closed ones are read).
      for (const source of compiled.higherTimeframes) {
        const higher = resampleClosed(candles, source.timeframe);
        for (let k = 0; k < higher.length; k++) stream.addHigherBar(source.timeframe, barAt(higher, k));
      }
      // ... and each other market's bar as it closes (with the base bar of the same open time).
      const others = compiled.otherMarkets.map((source) => ({ market: source.market, bars: otherMarkets[source.market]!, next: 0 }));
      const outputs = [...compiled.outputs.keys()].map((key) => {
        const [nodeId, port] = key.split('.') as [string, string];
        return { nodeId, port, series: batch.series(nodeId, port)! };
      });
      let enters = 0;
      let exits = 0;
      for (let i = 0; i < candles.length; i++) {
        for (const other of others) {
          while (other.next < other.bars.length && other.bars.time[other.next]! <= candles.time[i]!)
            stream.addOtherMarketBar(other.market, barAt(other.bars, other.next++));
        }
        const live = stream.push(barAt(candles, i), positions?.[i]);
        const expected = signalAt(batch, i);
        if (live.enter !== expected.enter || live.exit !== expected.exit) {
          expect.fail(`bar ${i}: streaming ${JSON.stringify(live)}, batch ${JSON.stringify(expected)}`);
        }
        for (const o of outputs) {
          const value = stream.value(o.nodeId, o.port)!;
          if (!sameNumber(value, o.series[i]!)) expect.fail(`bar ${i}, ${o.nodeId}.${o.port}: streaming ${value}, batch ${o.series[i]}`);
        }
        if (live.enter >= 0) enters++;
        if (live.exit) exits++;
      }
      // The comparison means something only if the strategy actually signals on this data.
      expect(enters + exits).toBeGreaterThan(0);
      if (dataset === 'btc1h') expect(Math.min(enters, exits)).toBeGreaterThan(0);
    });

    it('a prefix of the bars gives exactly the same values and signals as the full series (no look-ahead)', () => {
      for (const cut of [1, 37, Math.floor(candles.length / 3), candles.length - 1]) {
        const prefix = evaluateBatch(compiled, sliceColumns(candles, 0, cut), { timeframe, otherMarkets });
        if (positions) for (let i = 0; i < cut; i++) prefix.positions!.advanceWith(i, positions[i]!);
        for (const key of compiled.outputs.keys()) {
          const [nodeId, port] = key.split('.') as [string, string];
          const full = batch.series(nodeId, port)!;
          const part = prefix.series(nodeId, port)!;
          for (let i = 0; i < cut; i++) {
            if (!sameNumber(part[i]!, full[i]!)) expect.fail(`cut ${cut}, bar ${i}, ${key}: prefix ${part[i]}, full ${full[i]}`);
          }
        }
        for (let i = 0; i < cut; i++) expect(signalAt(prefix, i)).toEqual(signalAt(batch, i));
      }
    });
  });
});

describe('no look-ahead in the backtest', () => {
  it.each(STRATEGY_TEMPLATES.map((t) => t.name))('%s: trades closed within a prefix are the same with more bars after it', (name) => {
    const candles = realCandles('btc1h');
    const graph = templateGraph(name);
    const full = runBacktest({ strategy: graph, candles });
    for (const cut of [500, 2000, 4000]) {
      const part = runBacktest({ strategy: graph, candles: sliceColumns(candles, 0, cut) });
      const fullBefore = full.trades.filter((t) => t.exitBar < cut);
      expect(part.trades).toEqual(fullBefore);
      for (let i = 0; i < cut; i++) {
        if (part.curves.equity[i] !== full.curves.equity[i]) {
          // Equity may only differ on the bar after the last signal the prefix could not fill.
          expect.fail(`cut ${cut}: equity differs at bar ${i}`);
        }
      }
    }
  });
});

describe('warm-up', () => {
  it('conditions are unknown, never true, until every input has a value', () => {
    const candles = realCandles('btc1h');
    const compiled = compileStrategy(templateGraph('sma-cross', { fast: 10, slow: 30 }));
    const batch = evaluateBatch(compiled, candles);
    const enter = batch.entryConditions[0]!;
    const exit = batch.exitConditions[0]!;
    // SMA(30) exists from bar 29; a cross also needs the bar before: known from bar 30.
    for (let i = 0; i < 30; i++) {
      expect(enter[i]).toBe(UNKNOWN);
      expect(exit[i]).toBe(UNKNOWN);
    }
    expect(enter[30]).not.toBe(UNKNOWN);
    expect(batch.series('slow', 'value')![28]).toBeNaN();
    expect(batch.series('slow', 'value')![29]).not.toBeNaN();
  });

  it('"not" of a warming-up condition stays unknown instead of becoming true', () => {
    const graph = templateGraph('rsi-reversion');
    // Invert the entry condition: RSI >= lower. A naive NOT would be true during warm-up.
    graph.nodes.push({ id: 'inverted', type: 'not', params: {} });
    graph.edges = graph.edges.filter((e) => !(e.to.node === 'enter'));
    graph.edges.push({ from: { node: 'oversold', port: 'value' }, to: { node: 'inverted', port: 'input' } });
    graph.edges.push({ from: { node: 'inverted', port: 'value' }, to: { node: 'enter', port: 'when' } });
    const batch = evaluateBatch(compileStrategy(graph), realCandles('btc1h'));
    const enter = batch.entryConditions[0]!;
    for (let i = 0; i < 14; i++) expect(enter[i]).toBe(UNKNOWN);
    expect(enter.slice(14).some((v) => v === TRUE)).toBe(true);
  });
});

describe('streaming evaluator', () => {
  it('refuses bars out of time order', () => {
    const stream = new StreamingEvaluator(compileStrategy(templateGraph('sma-cross')));
    const candles: CandleColumns = realCandles('btc1h');
    stream.push(barAt(candles, 1));
    expect(() => stream.push(barAt(candles, 0))).toThrow(/time order/);
    expect(stream.bars).toBe(1);
  });
});
