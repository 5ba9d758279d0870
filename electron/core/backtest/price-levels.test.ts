/**
 * "Stop at price" and "Target at price": protective orders at levels wired from any value, exact
 * on hand-computed bars. The level is the series' value at the close of the signal bar (kept), or
 * re-read at every close (follow); the stop still comes before the target within a bar.
 */
import { describe, expect, it } from 'vitest';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { edge, graph, node } from '../../../shared/strategy/templates/graph-builder';
import { validateStrategyGraph } from '../../../shared/strategy/validate';
import { columnsFromCandles } from '../strategy/candle-columns';
import { runBacktest } from './run-backtest';

const HOUR = 3_600_000;
const SETTINGS = { startingCash: 1000, feeRate: 0, slippageBps: 0, amountStep: 1 };

/** Enter once (close crosses above 100); stop at close − 2 × (high − low); target at close + 3 × (high − low). */
function levelGraph(mode: 'entry' | 'follow', withTarget = true): StrategyGraph {
  const g = graph(
    'Levels',
    'Stop and target from the bar range.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('cross', 'crossesAbove', { b: 100 }, 1, 0),
      node('range', 'subtract', {}, 1, 1),
      node('k2', 'constant', { value: 2 }, 1, 2),
      node('k3', 'constant', { value: 3 }, 1, 3),
      node('twoRanges', 'multiply', {}, 2, 0),
      node('threeRanges', 'multiply', {}, 2, 1),
      node('stopLevel', 'subtract', {}, 3, 0),
      node('targetLevel', 'add', {}, 3, 1),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 4, 0),
      node('stop', 'stopAtPrice', { mode }, 5, 0),
    ],
    [
      edge('candle.close', 'cross.a'),
      edge('candle.high', 'range.a'),
      edge('candle.low', 'range.b'),
      edge('range.value', 'twoRanges.a'),
      edge('k2.value', 'twoRanges.b'),
      edge('range.value', 'threeRanges.a'),
      edge('k3.value', 'threeRanges.b'),
      edge('candle.close', 'stopLevel.a'),
      edge('twoRanges.value', 'stopLevel.b'),
      edge('candle.close', 'targetLevel.a'),
      edge('threeRanges.value', 'targetLevel.b'),
      edge('cross.value', 'enter.when'),
      edge('enter.position', 'stop.entry'),
      edge('stopLevel.value', 'stop.price'),
    ],
  );
  if (withTarget) {
    g.nodes.push(node('target', 'targetAtPrice', { mode }, 5, 1));
    g.edges.push(edge('enter.position', 'target.entry'), edge('targetLevel.value', 'target.price'));
  }
  return g;
}

const candles = (rows: [number, number, number, number][]) => columnsFromCandles(rows.map(([o, h, l, c], i) => [i * HOUR, o, h, l, c, 1]));

describe('stop and target at wired price levels', () => {
  it('fixed at entry: the levels of the signal bar hold for the whole trade; the target fills at its level', () => {
    const bars = candles([
      [99, 99.5, 98.5, 99], // 0
      [99, 101, 99, 101], // 1: crosses above 100 → buy at 2's open; range 2 → stop 101 − 4 = 97, target 101 + 6 = 107
      [101, 103, 100, 102], // 2: bought 9 at 101 (1000 / 101 = 9.9 → 9); 97 < low, 107 > high
      [102, 106, 96, 105], // 3: wide bar; the fixed levels do not move: low 96 < 97 → stopped at 97
      [105, 108, 104, 107],
    ]);
    const r = runBacktest({ strategy: levelGraph('entry'), candles: bars, settings: SETTINGS });
    expect(r.trades.map((t) => [t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.amount, t.exitReason])).toEqual([
      [2, 101, 3, 97, 9, 'stopLoss'],
    ]);
    expect(r.trades[0]!.pnl).toBe(-36);
  });

  it('fixed at entry: a target reached fills at its level', () => {
    const bars = candles([
      [99, 99.5, 98.5, 99],
      [99, 101, 99, 101], // stop 97, target 107
      [101, 103, 100, 102],
      [102, 107.5, 101, 107], // high 107.5 ≥ 107 → sold at 107
      [107, 108, 106, 107],
    ]);
    const r = runBacktest({ strategy: levelGraph('entry'), candles: bars, settings: SETTINGS });
    expect(r.trades.map((t) => [t.exitBar, t.exitPrice, t.exitReason])).toEqual([[3, 107, 'takeProfit']]);
  });

  it('follow: each close sets the levels for the next bar; a bar opening below the stop fills at the open', () => {
    const bars = candles([
      [99, 99.5, 98.5, 99],
      [99, 101, 99, 101], // signal: stop 97 for bar 2
      [101, 103, 100, 102], // held; close 102, range 3 → stop 96, target 111 for bar 3
      [102, 104, 101.5, 104], // held; range 2.5 → stop 99, target 111.5 for bar 4
      [98, 99, 97, 98], // opens at 98 below the stop 99 → sold at the open, 98
    ]);
    const r = runBacktest({ strategy: levelGraph('follow', false), candles: bars, settings: SETTINGS });
    expect(r.trades.map((t) => [t.entryBar, t.exitBar, t.exitPrice, t.exitReason])).toEqual([[2, 4, 98, 'stopLoss']]);
    // Fixed at entry, the same bars keep the stop at 97: bar 4's low 97 reaches it, at 97.
    const fixed = runBacktest({ strategy: levelGraph('entry', false), candles: bars, settings: SETTINGS });
    expect(fixed.trades.map((t) => [t.exitBar, t.exitPrice])).toEqual([[4, 97]]);
  });

  it('one stop at price per entry; the level input must be connected', () => {
    const g = levelGraph('entry');
    g.nodes.push(node('stop2', 'stopAtPrice', { mode: 'entry' }, 6, 0));
    g.edges.push(edge('enter.position', 'stop2.entry'));
    const issues = validateStrategyGraph(g).filter((i) => i.severity === 'error');
    expect(issues.map((i) => [i.nodeId, i.code])).toEqual(
      expect.arrayContaining([
        ['stop2', 'duplicate_protection'],
        ['stop2', expect.any(String)],
      ]),
    );
  });
});
