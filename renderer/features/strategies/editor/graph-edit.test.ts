import { describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import { validateStrategyGraph } from '../../../../shared/strategy/validate';
import { addBlock, connect, copySelection, moveNodes, pasteClip, removeElements, setParam } from './graph-edit';
import { edgeKey } from './graph-names';

function smaCross() {
  const built = buildFromTemplate('sma-cross');
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

describe('graph edits', () => {
  it('adds a block with its parameters at their defaults, at a whole-pixel position', () => {
    const { graph, nodeId } = addBlock(smaCross(), 'macd', { x: 10.4, y: 20.6 });
    expect(nodeId).toBe('macd1');
    expect(graph.nodes.at(-1)).toEqual({
      id: 'macd1',
      type: 'macd',
      params: { fast: 12, slow: 26, signal: 9 },
      position: { x: 10, y: 21 },
    });
    expect(addBlock(graph, 'macd', { x: 0, y: 0 }).nodeId).toBe('macd2');
  });

  it('adds a comparison with its typed level empty: left unconnected, B is an error until a number is typed', () => {
    const added = addBlock(smaCross(), 'lessThan', { x: 0, y: 0 });
    expect(added.graph.nodes.at(-1)!.params).toEqual({});
    const wired = connect(added.graph, { from: { node: 'fast', port: 'value' }, to: { node: added.nodeId, port: 'a' } });
    const missing = (g: typeof wired) =>
      validateStrategyGraph(g)
        .filter((i) => i.nodeId === added.nodeId && i.code === 'missing_input')
        .map((i) => i.port);
    expect(missing(wired)).toEqual(['b']);
    expect(missing(setParam(wired, added.nodeId, 'b', 42000))).toEqual([]);
  });

  it('removes nodes with every connection touching them, and single connections', () => {
    const graph = smaCross();
    const without = removeElements(graph, new Set(['slow']), new Set());
    expect(without.nodes.some((n) => n.id === 'slow')).toBe(false);
    expect(without.edges.some((e) => e.from.node === 'slow' || e.to.node === 'slow')).toBe(false);
    expect(without.edges).toHaveLength(5);
    const cut = removeElements(graph, new Set(), new Set([edgeKey(graph.edges[0]!)]));
    expect(cut.edges).toHaveLength(7);
    expect(removeElements(graph, new Set(), new Set())).toBe(graph);
  });

  it('moves, sets parameters and connects without touching the original', () => {
    const graph = smaCross();
    const moved = moveNodes(graph, new Map([['fast', { x: 1, y: 2 }]]));
    expect(moved.nodes.find((n) => n.id === 'fast')!.position).toEqual({ x: 1, y: 2 });
    expect(graph.nodes.find((n) => n.id === 'fast')!.position).toEqual({ x: 240, y: 0 });
    expect(moveNodes(graph, new Map([['fast', { x: 240.2, y: -0.3 }]]))).toBe(graph);
    expect(setParam(graph, 'fast', 'period', 7).nodes.find((n) => n.id === 'fast')!.params).toEqual({ period: 7 });
    const edge = { from: { node: 'candle', port: 'open' }, to: { node: 'exit', port: 'when' } };
    expect(connect(graph, edge).edges).toHaveLength(9);
    expect(connect(connect(graph, edge), edge).edges).toHaveLength(9);
  });
});

describe('copy and paste', () => {
  it('copies the chosen blocks and only the connections among them', () => {
    const clip = copySelection(smaCross(), new Set(['fast', 'slow', 'crossUp']))!;
    expect(clip.nodes.map((n) => n.id)).toEqual(['fast', 'slow', 'crossUp']);
    expect(clip.edges.map(edgeKey)).toEqual(['fast.value>crossUp.a', 'slow.value>crossUp.b']);
    expect(copySelection(smaCross(), new Set())).toBeNull();
  });

  it('pastes under fresh ids (never colliding), rewires internal connections, offsets positions', () => {
    const graph = smaCross();
    const clip = copySelection(graph, new Set(['fast', 'slow', 'crossUp']))!;
    const once = pasteClip(graph, clip);
    expect(once.nodeIds).toEqual(['sma1', 'sma2', 'crossesAbove1']);
    const twice = pasteClip(once.graph, clip);
    expect(twice.nodeIds).toEqual(['sma3', 'sma4', 'crossesAbove2']);
    const ids = twice.graph.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(once.graph.edges.slice(8).map(edgeKey)).toEqual(['sma1.value>crossesAbove1.a', 'sma2.value>crossesAbove1.b']);
    const copy = once.graph.nodes.find((n) => n.id === 'sma1')!;
    expect(copy).toMatchObject({ type: 'sma', params: { period: 10 }, label: 'Fast SMA copy', position: { x: 280, y: 40 } });
    // The copies' inputs from outside the selection are not wired: validation says so on the copies.
    const issues = validateStrategyGraph(once.graph).filter((i) => i.severity === 'error');
    expect(issues.map((i) => `${i.nodeId}.${i.port}`)).toEqual(['sma1.source', 'sma2.source']);
    // The copied params are independent objects.
    expect(copy.params).not.toBe(graph.nodes.find((n) => n.id === 'fast')!.params);
  });
});
