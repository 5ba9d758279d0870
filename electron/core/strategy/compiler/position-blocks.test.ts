/**
 * The Position block: values checked by hand on a few bars, the batch pass equal to the
 * streaming evaluator for any sequence of positions (several seeds, real data), and a backtest
 * whose exit reads the position ("unrealised profit % > 2 or bars in trade > 10"), exact on a
 * hand-checked series.
 */
import { describe, expect, it } from 'vitest';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import { runBacktest } from '../../backtest/run-backtest';
import { barAt, columnsFromCandles } from '../candle-columns';
import { FALSE, TRUE } from '../kernels/conditions';
import { FLAT, type PositionSnapshot } from '../kernels/position-tracker';
import { positionScript } from '../test-support/position-script';
import { realCandles } from '../test-support/real-candles';
import { evaluateBatch, signalAt } from './batch-evaluator';
import { compileStrategy } from './compile';
import { StreamingEvaluator } from './streaming-evaluator';

const HOUR = 3_600_000;

/** Enter whenever flat (close > 0); exit when unrealised % > gain or bars in trade > bars. */
function positionExitGraph(gain = 2, bars = 10): StrategyGraph {
  return graph(
    'Position exit',
    'Exit on profit or age.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('pos', 'position', {}, 0, 1),
      node('always', 'greaterThan', { b: 0 }, 1, 0),
      node('profit', 'greaterThan', { b: gain }, 1, 1),
      node('old', 'greaterThan', { b: bars }, 1, 2),
      node('either', 'or', {}, 2, 0),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 3, 0),
      node('exit', 'exitLong', {}, 3, 1),
    ],
    [
      edge('candle.close', 'always.a'),
      edge('pos.unrealisedPct', 'profit.a'),
      edge('pos.barsInTrade', 'old.a'),
      edge('profit.value', 'either.a'),
      edge('old.value', 'either.b'),
      edge('always.value', 'enter.when'),
      edge('either.value', 'exit.when'),
    ],
  );
}

describe('Position block values', () => {
  const compiled = compileStrategy(positionExitGraph(), { includeUnusedNodes: true });
  // [time, open, high, low, close, volume]
  const bars = [
    [0, 10, 11, 9, 10, 1],
    [HOUR, 10, 12, 9.5, 11, 1],
    [2 * HOUR, 11, 13, 10, 12, 1],
    [3 * HOUR, 12, 12.5, 8, 9, 1],
    [4 * HOUR, 9, 10, 8.5, 9.5, 1],
    [5 * HOUR, 9.5, 10, 9, 10, 1],
    [6 * HOUR, 10, 10.5, 9.5, 10, 1],
  ] as const;
  const first: PositionSnapshot = { open: true, entryPrice: 10, entryTime: HOUR };
  const second: PositionSnapshot = { open: true, entryPrice: 9.5, entryTime: 5 * HOUR };
  const positions = [FLAT, first, first, first, FLAT, second, second];

  it('are what a trader computes by hand, empty while flat, and restart with a new position', () => {
    const stream = new StreamingEvaluator(compiled);
    const rows = bars.map((b, i) => {
      stream.push({ time: b[0], open: b[1], high: b[2], low: b[3], close: b[4], volume: b[5] }, positions[i]);
      const v = (port: string) => stream.value('pos', port)!;
      return [v('inPosition'), v('entryPrice'), v('unrealisedPct'), v('barsInTrade'), v('highestSinceEntry'), v('lowestSinceEntry')];
    });
    expect(rows).toEqual([
      [FALSE, NaN, NaN, NaN, NaN, NaN],
      // Entry filled in bar 1 at 10: close 11 is +10 %, 0 bars in trade, the bar's own range.
      [TRUE, 10, 10.000000000000009, 0, 12, 9.5],
      [TRUE, 10, 19.999999999999996, 1, 13, 9.5],
      [TRUE, 10, -9.999999999999998, 2, 13, 8],
      [FALSE, NaN, NaN, NaN, NaN, NaN],
      // A new position (another first fill time): counted and ranged from its own bar.
      [TRUE, 9.5, (10 / 9.5 - 1) * 100, 0, 10, 9],
      [TRUE, 9.5, (10 / 9.5 - 1) * 100, 1, 10.5, 9],
    ]);
  });

  it('the batch pass gives the same columns as the streaming evaluator', () => {
    const candles = columnsFromCandles(bars.map((b) => [...b]) as never);
    const batch = evaluateBatch(compiled, candles);
    positions.forEach((p, i) => batch.positions!.advanceWith(i, p));
    expect([...batch.series('pos', 'barsInTrade')!]).toEqual([NaN, 0, 1, 2, NaN, 0, 1]);
    expect([...batch.series('pos', 'inPosition')!]).toEqual([FALSE, TRUE, TRUE, TRUE, FALSE, TRUE, TRUE]);
    // The profit condition (> 2 %) on bars 1 and 2, unknown while flat (never true), false at a loss.
    expect([...batch.series('profit', 'value')!]).toEqual([2, TRUE, TRUE, FALSE, 2, TRUE, TRUE]);
  });

  it('the streaming evaluator refuses a bar without the position, the pass refuses bars out of order', () => {
    const stream = new StreamingEvaluator(compiled);
    expect(() => stream.push({ time: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 })).toThrow(/reads its position/);
    const batch = evaluateBatch(compiled, columnsFromCandles([[0, 1, 1, 1, 1, 1] as never, [HOUR, 1, 1, 1, 1, 1] as never]));
    expect(() => batch.positions!.advanceWith(1, FLAT)).toThrow(/out of order/);
  });

  it('a graph without a Position block has no position pass', () => {
    const g = positionExitGraph();
    g.nodes = g.nodes.filter((n) => !['pos', 'profit', 'old', 'either', 'exit'].includes(n.id));
    g.edges = g.edges.filter((e) => e.to.node === 'always' || e.to.node === 'enter');
    const plain = compileStrategy(g);
    expect(plain.positional).toBe(false);
    expect(evaluateBatch(plain, realCandles('btc1h')).positions).toBeNull();
  });
});

describe('batch = streaming with any positions (property, real data)', () => {
  const candles = realCandles('btc1h');
  const compiled = compileStrategy(positionExitGraph(1.5, 7), { includeUnusedNodes: true });
  it.each([1, 2, 3, 42, 2026])('seed %i: every position value and signal is identical on every bar', (seed) => {
    const positions = positionScript(candles, seed);
    const batch = evaluateBatch(compiled, candles);
    const stream = new StreamingEvaluator(compiled);
    const keys = [...compiled.outputs.keys()].map((k) => k.split('.') as [string, string]);
    for (let i = 0; i < candles.length; i++) {
      batch.positions!.advanceWith(i, positions[i]!);
      const live = stream.push(barAt(candles, i), positions[i]);
      const expected = signalAt(batch, i);
      if (live.enter !== expected.enter || live.exit !== expected.exit) expect.fail(`seed ${seed}, bar ${i}: signals differ`);
      for (const [nodeId, port] of keys) {
        const a = stream.value(nodeId, port)!;
        const b = batch.series(nodeId, port)![i]!;
        if (!Object.is(a, b)) expect.fail(`seed ${seed}, bar ${i}, ${nodeId}.${port}: streaming ${a}, batch ${b}`);
      }
    }
  });
});

describe('backtest: exit when unrealised profit % > 2 or bars in trade > 10', () => {
  // Hand-built hourly bars. Entry at every flat close, so each exit is followed by a new entry.
  const rows: [number, number, number, number][] = [
    // open, high, low, close
    [100, 100, 100, 100], // 0: flat, entry signal → buy at bar 1's open (100)
    [100, 101, 99, 100.5], // 1: held, +0.5 %, 0 bars
    [100.5, 101.5, 100, 101], // 2: +1 %, 1 bar
    [101, 103, 100.5, 102.5], // 3: +2.5 % > 2 → exit at bar 4's open
    [102, 102, 99, 100], // 4: sold at 102; flat at the close → buy at bar 5's open
    [99, 100, 98, 99.5], // 5: bought at 99; 0 bars
    [99.5, 100, 99, 100], // 6: 1
    [100, 100.5, 99.5, 100], // 7: 2
    [100, 100.5, 99, 99], // 8: 3
    [99, 99.5, 98, 98.5], // 9: 4
    [98.5, 99, 98, 99], // 10: 5
    [99, 100, 98.5, 100.5], // 11: 6  (+1.52 %, not > 2)
    [100.5, 101, 100, 100.9], // 12: 7  (+1.92 %)
    [100.9, 101, 100, 100], // 13: 8
    [100, 100.5, 99.5, 100], // 14: 9
    [100, 100.5, 99.5, 100], // 15: 10 (not > 10)
    [100, 100.5, 99.5, 100], // 16: 11 > 10 → exit at bar 17's open
    [97, 98, 96, 97], // 17: sold at 97; flat → buy at bar 18's open
    [97, 97, 95, 96], // 18: bought at 97, last bar: held, open at the end
  ];
  const candles = columnsFromCandles(rows.map(([o, h, l, c], i) => [i * HOUR, o, h, l, c, 1]) as never);

  it('closes exactly the hand-checked trades', () => {
    const result = runBacktest({
      strategy: positionExitGraph(),
      candles,
      settings: { startingCash: 1000, feeRate: 0, slippageBps: 0, amountStep: 0.5 },
    });
    const brief = result.trades.map((t) => [t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.amount, t.exitReason]);
    expect(brief).toEqual([
      [1, 100, 4, 102, 10, 'signal'],
      // Cash 1020 buys 10 × 99 (step 0.5: 10.303 → 10.0).
      [5, 99, 17, 97, 10, 'signal'],
    ]);
    expect(result.trades.map((t) => t.pnl)).toEqual([20, -20]);
    expect(result.openPosition).toMatchObject({ entryPrice: 97, amount: 10, entryTime: 18 * HOUR });
  });

  it('a position value that warms up before the traded range sees the strategy flat there', () => {
    const result = runBacktest({
      strategy: positionExitGraph(),
      candles,
      settings: { startingCash: 1000, feeRate: 0, slippageBps: 0, amountStep: 0.5, startTime: 4 * HOUR },
    });
    // First traded bar is 4: entry signal at its close, bought at 5's open; bars in trade > 10 at 16.
    expect(result.trades.map((t) => [t.entryBar, t.exitBar])).toEqual([[5, 17]]);
  });
});
