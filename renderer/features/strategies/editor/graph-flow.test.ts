import { describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import { validateStrategyGraph } from '../../../../shared/strategy/validate';
import { edgeFromConnection, issuesByNode, toFlowEdges, toFlowNodes } from './graph-flow';
import { edgeKey, nodeDisplayName, nextNodeId } from './graph-names';

function smaCross() {
  const built = buildFromTemplate('sma-cross');
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

describe('graph → flow', () => {
  it('gives one block node per strategy node, with its position, name, parameters and selection', () => {
    const graph = smaCross();
    const nodes = toFlowNodes(graph, new Map(), { nodes: ['fast'], edges: [] });
    expect(nodes.map((n) => n.id)).toEqual(graph.nodes.map((n) => n.id));
    const fast = nodes.find((n) => n.id === 'fast')!;
    expect(fast).toMatchObject({ type: 'block', position: { x: 240, y: 0 }, selected: true, ariaLabel: 'Block Fast SMA' });
    expect(fast.data).toMatchObject({ nodeId: 'fast', type: 'sma', name: 'Fast SMA', params: { period: 10 }, issues: [] });
    expect(nodes.find((n) => n.id === 'candle')!.data.name).toBe('Candle');
    expect(nodes.find((n) => n.id === 'crossUp')!.data.name).toBe('Crosses above (crossUp)');
  });

  it('hides a typed level whose input is connected (it would have no effect)', () => {
    const graph = smaCross();
    const crossUp = () => toFlowNodes(graph, new Map(), { nodes: [], edges: [] }).find((n) => n.id === 'crossUp')!;
    expect(crossUp().data.hiddenParams).toEqual(['b']);
    graph.edges = graph.edges.filter((e) => !(e.to.node === 'crossUp' && e.to.port === 'b'));
    expect(crossUp().data.hiddenParams).toEqual([]);
  });

  it('tells a block fed by a higher timeframe which bars its lookbacks count', () => {
    const graph = smaCross();
    graph.nodes.push({ id: 'h4', type: 'higherTimeframe', params: { timeframe: '4h' } });
    graph.edges = graph.edges.map((e) => (e.to.node === 'slow' ? { ...e, from: { node: 'h4', port: 'close' } } : e));
    const nodes = toFlowNodes(graph, new Map(), { nodes: [], edges: [] });
    expect(nodes.find((n) => n.id === 'slow')!.data.barTimeframe).toBe('4h');
    // Fast SMA reads the base close; the cross mixes both, so it runs on the base bars.
    expect(nodes.find((n) => n.id === 'fast')!.data.barTimeframe).toBeUndefined();
    expect(nodes.find((n) => n.id === 'crossUp')!.data.barTimeframe).toBeUndefined();
  });

  it('lays out nodes without a stored position in a column', () => {
    const graph = { ...smaCross(), nodes: smaCross().nodes.map(({ position: _p, ...n }) => n) };
    expect(toFlowNodes(graph, new Map(), { nodes: [], edges: [] }).map((n) => n.position.y)).toEqual([0, 140, 280, 420, 560, 700, 840]);
  });

  it('gives one edge per connection, between port handles, coloured by the port type', () => {
    const graph = smaCross();
    const key = edgeKey(graph.edges[6]!);
    const edges = toFlowEdges(graph, { nodes: [], edges: [key] });
    expect(edges).toHaveLength(8);
    expect(edges[0]).toMatchObject({
      id: 'candle.close>fast.source',
      source: 'candle',
      sourceHandle: 'close',
      target: 'fast',
      targetHandle: 'source',
      className: 'strategy-edge strategy-edge--number',
      ariaLabel: 'Connection Candle close to Fast SMA source',
      selected: false,
    });
    expect(edges[6]).toMatchObject({ id: 'crossUp.value>enter.when', className: 'strategy-edge strategy-edge--boolean', selected: true });
  });

  it('attaches to each node the issues that name it', () => {
    const graph = smaCross();
    graph.edges = graph.edges.filter((e) => !(e.to.node === 'crossUp' && e.to.port === 'b'));
    const byNode = issuesByNode(validateStrategyGraph(graph));
    const crossUp = toFlowNodes(graph, byNode, { nodes: [], edges: [] }).find((n) => n.id === 'crossUp')!;
    expect(crossUp.data.issues).toEqual([expect.objectContaining({ code: 'missing_input', port: 'b', severity: 'error' })]);
  });

  it('turns a completed canvas connection back into an edge (output → input)', () => {
    expect(edgeFromConnection({ source: 'a', sourceHandle: 'value', target: 'b', targetHandle: 'when' })).toEqual({
      from: { node: 'a', port: 'value' },
      to: { node: 'b', port: 'when' },
    });
    expect(edgeFromConnection({ source: 'a', sourceHandle: null, target: 'b', targetHandle: 'when' })).toBeNull();
  });
});

describe('block names and ids', () => {
  it('number new blocks per type and name them by title and number', () => {
    expect(nextNodeId(new Set(['sma1', 'sma3']), 'sma')).toBe('sma2');
    expect(nextNodeId(new Set(), 'crossesAbove')).toBe('crossesAbove1');
    expect(nextNodeId(new Set(), 'not a type!')).toBe('node1');
    expect(nodeDisplayName({ id: 'sma2', type: 'sma', params: {} })).toBe('SMA 2');
    expect(nodeDisplayName({ id: 'enterLong1', type: 'enterLong', params: {} })).toBe('Enter long 1');
    expect(nodeDisplayName({ id: 'x', type: 'sma', params: {}, label: 'Fast' })).toBe('Fast');
    expect(nodeDisplayName({ id: 'mystery', type: 'astrology', params: {} })).toBe('mystery');
  });
});
