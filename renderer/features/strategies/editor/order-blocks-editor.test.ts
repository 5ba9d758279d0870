/** The order blocks in the editor: found in the palette under their headings, added with defaults that validate. */
import { describe, expect, it } from 'vitest';
import { graph } from '../../../../shared/strategy/templates/graph-builder';
import { validateStrategyGraph } from '../../../../shared/strategy/validate';
import { searchBlocks } from './block-search';
import { addBlock, connect } from './graph-edit';

const titles = (query: string) => searchBlocks(query).map((g) => [g.title, g.blocks.map((b) => b.title)]);

describe('order blocks in the editor', () => {
  it('the palette lists shorts, limit entries and adds under Actions, partial and break-even exits under Risk', () => {
    expect(titles('short')).toContainEqual(['Actions', expect.arrayContaining(['Enter short', 'Exit short'])]);
    expect(titles('partial')).toEqual([['Risk', ['Partial take-profit', 'Partial target at price', 'Break-even stop']]]);
    expect(titles('break-even')).toContainEqual(['Risk', ['Break-even stop']]);
    expect(titles('limit entry')).toEqual([['Actions', ['Limit entry at price', 'Limit entry at offset']]]);
    expect(titles('safety orders')).toEqual([['Actions', ['Add to position']]]);
  });

  it('added with their defaults, 50 % + 50 % targets with a break-even after the first validate; a third default target goes over 100 %', () => {
    let g = graph('New', '', [], []);
    const add = (type: Parameters<typeof addBlock>[1]) => {
      const r = addBlock(g, type, { x: 0, y: 0 });
      g = r.graph;
      return r.nodeId;
    };
    const candle = add('candle');
    const cross = add('crossesAbove');
    g = { ...g, nodes: g.nodes.map((n) => (n.id === cross ? { ...n, params: { ...n.params, b: 100 } } : n)) };
    const enter = add('enterLong');
    const link = (from: string, fromPort: string, to: string, toPort: string) => {
      g = connect(g, { from: { node: from, port: fromPort }, to: { node: to, port: toPort } });
    };
    link(candle, 'close', cross, 'a');
    link(cross, 'value', enter, 'when');
    for (const type of ['partialTakeProfit', 'partialTakeProfit', 'breakEvenStop', 'offsetEntry'] as const)
      link(enter, 'position', add(type), 'entry');
    const addNode = add('addToPosition');
    link(enter, 'position', addNode, 'entry');
    link(cross, 'value', addNode, 'when');
    expect(validateStrategyGraph(g).filter((i) => i.severity === 'error')).toEqual([]);
    const third = add('partialTakeProfit');
    link(enter, 'position', third, 'entry');
    expect(
      validateStrategyGraph(g)
        .filter((i) => i.severity === 'error')
        .map((i) => [i.code, i.nodeId]),
    ).toEqual([['targets_over_100', third]]);
  });
});
