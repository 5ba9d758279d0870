/** Validation of the order blocks: each bad wiring is an error naming the block and what to change. */
import { describe, expect, it } from 'vitest';
import { edge, graph, node } from './templates/graph-builder';
import type { StrategyNode } from './graph-schema';
import { validateStrategyGraph } from './validate';

function withLinked(linked: StrategyNode[], entryType: 'enterLong' | 'enterShort' = 'enterLong') {
  return graph(
    'Orders',
    'Validation cases.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('cross', 'crossesAbove', { b: 100 }, 1, 0),
      node('enter', entryType, {}, 2, 0),
      node('exit', entryType === 'enterLong' ? 'exitLong' : 'exitShort', {}, 2, 1),
      ...linked,
    ],
    [
      edge('candle.close', 'cross.a'),
      edge('cross.value', 'enter.when'),
      edge('cross.value', 'exit.when'),
      ...linked.map((n) => edge('enter.position', `${n.id}.entry`)),
    ],
  );
}

const errors = (g: ReturnType<typeof withLinked>) => validateStrategyGraph(g).filter((i) => i.severity === 'error');

describe('order block validation', () => {
  it('partial take-profits over 100 % in all: an error on the block that goes over, naming the entry', () => {
    const g = withLinked([
      node('t1', 'partialTakeProfit', { share: 60, percent: 2 }, 3, 0),
      node('t2', 'partialTakeProfit', { share: 60, percent: 4 }, 3, 1),
    ]);
    const issues = errors(g);
    expect(issues.map((i) => [i.code, i.nodeId, i.param])).toEqual([['targets_over_100', 't2', 'share']]);
    expect(issues[0]!.message).toContain('Partial take-profit "t2"');
    expect(issues[0]!.message).toContain('Enter long "enter"');
    expect(issues[0]!.message).toContain('120 %');
    expect(
      errors(
        withLinked([
          node('t1', 'partialTakeProfit', { share: 40, percent: 2 }, 3, 0),
          node('t2', 'partialTakeProfit', { share: 60, percent: 4 }, 3, 1),
        ]),
      ),
    ).toEqual([]);
  });

  it('a break-even stop after more targets than the entry has is an error', () => {
    const g = withLinked([node('t1', 'partialTakeProfit', { share: 50 }, 3, 0), node('be', 'breakEvenStop', { afterTarget: 2 }, 3, 1)]);
    expect(errors(g).map((i) => [i.code, i.nodeId, i.param])).toEqual([['break_even_without_targets', 'be', 'afterTarget']]);
    const none = withLinked([node('be', 'breakEvenStop', {}, 3, 1)]);
    expect(errors(none)[0]!.message).toContain('has none');
  });

  it('two limit orders on one entry, or two adds, are refused', () => {
    const g = withLinked([node('l1', 'offsetEntry', {}, 3, 0), node('l2', 'limitEntry', {}, 3, 1)]);
    g.edges.push(edge('candle.low', 'l2.price'));
    expect(errors(g).map((i) => [i.code, i.nodeId])).toEqual([['conflicting_orders', 'l2']]);
    const adds = withLinked([node('a1', 'addToPosition', {}, 3, 0), node('a2', 'addToPosition', {}, 3, 1)]);
    adds.edges.push(edge('cross.value', 'a1.when'), edge('cross.value', 'a2.when'));
    expect(errors(adds).map((i) => [i.code, i.nodeId])).toEqual([['duplicate_protection', 'a2']]);
  });

  it('a short with no borrowing cost warns that it is not modelled; a short-only strategy has an entry', () => {
    const issues = validateStrategyGraph(withLinked([], 'enterShort'));
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues.map((i) => [i.severity, i.code, i.nodeId])).toEqual([['warning', 'short_costs_not_modelled', 'enter']]);
  });
});
