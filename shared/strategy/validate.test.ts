import { describe, expect, it } from 'vitest';
import type { StrategyGraph } from './graph-schema';
import type { StrategyIssue } from './issues';
import { STRATEGY_TEMPLATES, findTemplate } from './templates/index';
import { validateStrategyGraph } from './validate';

function smaCross(): StrategyGraph {
  return findTemplate('sma-cross')!.graph();
}

function errors(graph: StrategyGraph): StrategyIssue[] {
  return validateStrategyGraph(graph).filter((i) => i.severity === 'error');
}

describe('strategy validation', () => {
  it.each(STRATEGY_TEMPLATES.map((t) => t.name))('template %s is valid', (name) => {
    expect(validateStrategyGraph(findTemplate(name)!.graph())).toEqual([]);
  });

  it('names the node and port of an input that is not connected', () => {
    const g = smaCross();
    g.edges = g.edges.filter((e) => !(e.to.node === 'crossUp' && e.to.port === 'b'));
    expect(errors(g)).toEqual([
      {
        severity: 'error',
        code: 'missing_input',
        nodeId: 'crossUp',
        port: 'b',
        message: 'Crosses above "crossUp": input "b" (number) is not connected; connect a series or type a number for "b".',
      },
    ]);
  });

  it('accepts an unconnected comparison input once a number is typed for it', () => {
    const g = smaCross();
    g.edges = g.edges.filter((e) => !(e.to.node === 'crossUp' && e.to.port === 'b'));
    g.nodes = g.nodes.map((n) => (n.id === 'crossUp' ? { ...n, params: { b: 42000 } } : n));
    expect(errors(g)).toEqual([]);
  });

  it('names both ends of a connection between ports of different types', () => {
    const g = smaCross();
    g.edges = g.edges.map((e) => (e.to.node === 'enter' ? { ...e, from: { node: 'fast', port: 'value' } } : e));
    const [issue, ...rest] = errors(g);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: 'wrong_type', nodeId: 'enter', port: 'when' });
    expect(issue!.message).toBe(
      'Enter long "enter": input "when" takes a boolean but SMA "Fast SMA" (fast) output "value" gives a number.',
    );
  });

  it('finds a cycle and names the nodes on it', () => {
    const g = smaCross();
    // fast SMA of (fast + slow): fast → sum → fast.
    g.nodes.push({ id: 'sum', type: 'add', params: {} });
    g.edges = g.edges.filter((e) => !(e.to.node === 'fast'));
    g.edges.push(
      { from: { node: 'fast', port: 'value' }, to: { node: 'sum', port: 'a' } },
      { from: { node: 'slow', port: 'value' }, to: { node: 'sum', port: 'b' } },
      { from: { node: 'sum', port: 'value' }, to: { node: 'fast', port: 'source' } },
    );
    const cycles = errors(g).filter((i) => i.code === 'cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toMatch(/"fast" → "sum" → "fast"|"sum" → "fast" → "sum"/);
    expect(['fast', 'sum']).toContain(cycles[0]!.nodeId);
  });

  it('reports a block wired to itself', () => {
    const g = smaCross();
    g.nodes.push({ id: 'loop', type: 'sma', params: {} });
    g.edges.push({ from: { node: 'loop', port: 'value' }, to: { node: 'loop', port: 'source' } });
    expect(errors(g).find((i) => i.code === 'cycle')).toMatchObject({ nodeId: 'loop', port: 'source' });
  });

  it('checks parameter ranges, whole numbers, choices and unknown names', () => {
    const g = smaCross();
    const set = (id: string, params: Record<string, number | string>) => {
      g.nodes = g.nodes.map((n) => (n.id === id ? { ...n, params } : n));
    };
    set('fast', { period: 0 });
    set('slow', { period: 10.5 });
    set('enter', { sizing: 'everything', size: 100 });
    set('exit', { when: 1 });
    const found = errors(g).map((i) => [i.code, i.nodeId, i.param, i.message]);
    expect(found).toEqual([
      ['param_out_of_range', 'fast', 'period', 'SMA "Fast SMA" (fast): parameter "period" is 0, must be between 1 and 1000.'],
      ['param_not_integer', 'slow', 'period', 'SMA "Slow SMA" (slow): parameter "period" is 10.5, must be a whole number.'],
      [
        'param_invalid_choice',
        'enter',
        'sizing',
        'Enter long "enter": parameter "sizing" is "everything", must be one of "percentOfEquity", "quoteAmount".',
      ],
      ['unknown_param', 'exit', 'when', 'Exit long "exit": unknown parameter "when"; it has none.'],
    ]);
  });

  it('checks rules between parameters', () => {
    const macd = findTemplate('macd-trend')!.graph();
    macd.nodes = macd.nodes.map((n) => (n.id === 'macd' ? { ...n, params: { fast: 30, slow: 26, signal: 9 } } : n));
    expect(errors(macd)).toMatchObject([{ code: 'param_conflict', nodeId: 'macd', param: 'fast' }]);
    const g = smaCross();
    g.nodes = g.nodes.map((n) => (n.id === 'enter' ? { ...n, params: { sizing: 'percentOfEquity', size: 150 } } : n));
    expect(errors(g)[0]!.message).toBe('Enter long "enter": size is 150 % of equity; it must be at most 100 %.');
  });

  it('reports unknown blocks, nodes and ports, duplicate ids and doubly-fed inputs', () => {
    const g = smaCross();
    g.nodes.push({ id: 'fast', type: 'sma', params: {} }, { id: 'magic', type: 'crystalBall', params: {} });
    g.edges.push(
      { from: { node: 'ghost', port: 'value' }, to: { node: 'exit', port: 'when' } },
      { from: { node: 'fast', port: 'nope' }, to: { node: 'crossUp', port: 'a' } },
      { from: { node: 'crossDown', port: 'value' }, to: { node: 'enter', port: 'when' } },
    );
    const codes = errors(g).map((i) => `${i.code}:${i.nodeId}:${i.port ?? ''}`);
    expect(codes).toEqual([
      'duplicate_node_id:fast:',
      'unknown_block:magic:',
      'unknown_node:ghost:value',
      'unknown_port:fast:nope',
      'duplicate_input:enter:when',
    ]);
  });

  it('allows one stop-loss per entry, and needs an entry', () => {
    const g = smaCross();
    g.nodes.push({ id: 'stop1', type: 'stopLoss', params: { percent: 2 } }, { id: 'stop2', type: 'stopLoss', params: { percent: 3 } });
    g.edges.push(
      { from: { node: 'enter', port: 'position' }, to: { node: 'stop1', port: 'entry' } },
      { from: { node: 'enter', port: 'position' }, to: { node: 'stop2', port: 'entry' } },
    );
    expect(errors(g)).toMatchObject([{ code: 'duplicate_protection', nodeId: 'stop2' }]);
    const noEntry = smaCross();
    noEntry.nodes = noEntry.nodes.filter((n) => n.id !== 'enter');
    noEntry.edges = noEntry.edges.filter((e) => e.to.node !== 'enter');
    expect(errors(noEntry).map((i) => i.code)).toEqual(['no_entry']);
  });

  it('warns (without failing) when nothing can close a position', () => {
    const g = smaCross();
    g.nodes = g.nodes.filter((n) => n.id !== 'exit');
    g.edges = g.edges.filter((e) => e.to.node !== 'exit');
    expect(validateStrategyGraph(g)).toMatchObject([{ severity: 'warning', code: 'no_exit' }]);
  });
});
