/**
 * The summary and the canvas say "3 4h bars ago" from `higherTimeframeNodes` (shared, no compiler):
 * it must name exactly the blocks the compiler runs on a higher timeframe, or the words would lie
 * about what a lookback counts.
 */
import { describe, expect, it } from 'vitest';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { higherTimeframeNodes } from '../../../../shared/strategy/node-timeframes';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import { compileStrategy } from './compile';

/** Two higher timeframes, chains, mixes, a typed level, a Number block, a Position block and a Model block. */
function mixedGraph(): StrategyGraph {
  return graph(
    'Domains',
    '',
    [
      node('candle', 'candle', {}, 0, 0),
      node('h4', 'higherTimeframe', { timeframe: '4h' }, 0, 1),
      node('d1', 'higherTimeframe', { timeframe: '1d' }, 0, 2),
      node('ago', 'barsAgo', { bars: 3 }, 1, 0),
      node('rsi4', 'rsi', { period: 5 }, 1, 1),
      node('ema4', 'ema', { period: 3 }, 2, 1),
      node('over', 'greaterThan', { b: 50 }, 2, 2),
      node('held', 'trueForBars', { bars: 2 }, 3, 2),
      node('two', 'constant', { value: 2 }, 0, 3),
      node('scaled', 'multiply', {}, 1, 3),
      node('dayHigh', 'highest', { period: 5 }, 1, 4),
      node('cross', 'crossesAbove', {}, 2, 4),
      node('mixed', 'greaterThan', {}, 3, 0),
      node('pos', 'position', {}, 0, 5),
      node('inTrade', 'and', {}, 4, 0),
      node('m', 'model', { model: 'mdl_0123456789abcdef', version: 1 }, 3, 1),
      node('likely', 'greaterThan', { b: 0.5 }, 4, 1),
      node('all', 'and', {}, 5, 0),
      node('enter', 'enterLong', {}, 6, 0),
    ],
    [
      edge('h4.close', 'ago.source'),
      edge('h4.close', 'rsi4.source'),
      edge('rsi4.value', 'ema4.source'),
      edge('ema4.value', 'over.a'),
      edge('over.value', 'held.input'),
      edge('ago.value', 'scaled.a'),
      edge('two.value', 'scaled.b'),
      edge('d1.high', 'dayHigh.source'),
      edge('h4.close', 'cross.a'),
      edge('dayHigh.value', 'cross.b'),
      edge('candle.close', 'mixed.a'),
      edge('scaled.value', 'mixed.b'),
      edge('held.value', 'inTrade.a'),
      edge('pos.inPosition', 'inTrade.b'),
      edge('ema4.value', 'm.f1'),
      edge('m.value', 'likely.a'),
      edge('mixed.value', 'all.a'),
      edge('likely.value', 'all.b'),
      edge('all.value', 'enter.when'),
    ],
  );
}

describe('higherTimeframeNodes', () => {
  it('names the blocks the compiler runs on a higher timeframe, and no others', () => {
    const g = mixedGraph();
    const compiled = compileStrategy(g, { includeUnusedNodes: true });
    const types = new Map(g.nodes.map((n) => [n.id, n.type]));
    // A typed level is a constant step under its block's id: the block's own step is the one to compare.
    const planned = new Map(
      compiled.steps.filter((s) => s.type === types.get(s.nodeId) && s.timeframe).map((s) => [s.nodeId, s.timeframe as string]),
    );
    expect(planned.size).toBeGreaterThan(0);
    expect(higherTimeframeNodes(g)).toEqual(planned);
    expect(Object.fromEntries(higherTimeframeNodes(g))).toEqual({
      h4: '4h',
      d1: '1d',
      ago: '4h',
      rsi4: '4h',
      ema4: '4h',
      over: '4h',
      held: '4h',
      scaled: '4h',
      dayHigh: '1d',
    });
  });
});
