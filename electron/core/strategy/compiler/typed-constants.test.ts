/**
 * Comparison blocks with a typed B (RSI < 30 without a Number block): validation accepts an
 * unconnected B, the compiled plan computes B as a Number block with that value would (same
 * values, same content key, so sweeps still share columns), and a saved graph that wires a
 * Number block keeps loading and gives the same signals. Also: content keys tell candle fields apart.
 */
import { describe, expect, it } from 'vitest';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { parseStrategyJson } from '../../../../shared/strategy/parse';
import { sweepBounds } from '../../../../shared/strategy/sweep-bounds';
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import { validateStrategyGraph } from '../../../../shared/strategy/validate';
import { runBacktest } from '../../backtest/run-backtest';
import { barAt } from '../candle-columns';
import { realCandles } from '../test-support/real-candles';
import { evaluateBatch } from './batch-evaluator';
import { compileStrategy } from './compile';
import { StreamingEvaluator } from './streaming-evaluator';

/** RSI(14) 30/70, the levels either typed on the comparisons or given by Number blocks. */
function rsiStrategy(typed: boolean): StrategyGraph {
  const nodes = [
    node('candle', 'candle', {}, 0, 0),
    node('rsi', 'rsi', { period: 14 }, 1, 0),
    node('oversold', 'crossesBelow', typed ? { b: 30 } : {}, 2, 0),
    node('overbought', 'greaterThan', typed ? { b: 70 } : {}, 2, 1),
    node('enter', 'enterLong', {}, 3, 0),
    node('exit', 'exitLong', {}, 3, 1),
  ];
  const edges = [
    edge('candle.close', 'rsi.source'),
    edge('rsi.value', 'oversold.a'),
    edge('rsi.value', 'overbought.a'),
    edge('oversold.value', 'enter.when'),
    edge('overbought.value', 'exit.when'),
  ];
  if (!typed) {
    nodes.push(node('lower', 'constant', { value: 30 }, 1, 1), node('upper', 'constant', { value: 70 }, 1, 2));
    edges.push(edge('lower.value', 'oversold.b'), edge('upper.value', 'overbought.b'));
  }
  return graph(typed ? 'RSI typed' : 'RSI numbers', 'RSI 30/70.', nodes, edges);
}

describe('comparison blocks with a typed constant', () => {
  const candles = realCandles('btc1h');

  it('validate with B unconnected and give exactly the Number-block signals, batch and streaming', () => {
    expect(validateStrategyGraph(rsiStrategy(true)).filter((i) => i.severity === 'error')).toEqual([]);
    const typed = compileStrategy(rsiStrategy(true));
    const wired = compileStrategy(rsiStrategy(false));
    const a = evaluateBatch(typed, candles);
    const b = evaluateBatch(wired, candles);
    expect(a.entryConditions[0]).toEqual(b.entryConditions[0]);
    expect(a.exitConditions[0]).toEqual(b.exitConditions[0]);
    expect(a.entryConditions[0]!.includes(1) && a.exitConditions[0]!.includes(1)).toBe(true);
    const stream = new StreamingEvaluator(typed);
    for (let i = 0; i < candles.length; i++) {
      const live = stream.push(barAt(candles, i));
      if (live.enter !== (a.entryConditions[0]![i] === 1 ? 0 : -1)) expect.fail(`bar ${i}: streaming differs`);
    }
    const keys = (c: typeof typed) => c.steps.filter((s) => s.type !== 'constant').map((s) => s.key.replace(/\{"b":\d+\}|\{\}/, '{}'));
    expect(keys(typed)).toEqual(keys(wired));
    expect(runBacktest({ strategy: typed, candles }).trades).toEqual(runBacktest({ strategy: wired, candles }).trades);
  });

  it('a connected B wins over the typed number', () => {
    const g = rsiStrategy(false);
    g.nodes.find((n) => n.id === 'oversold')!.params = { b: 99 };
    const withTyped = evaluateBatch(compileStrategy(g), candles);
    const plain = evaluateBatch(compileStrategy(rsiStrategy(false)), candles);
    expect(withTyped.entryConditions[0]).toEqual(plain.entryConditions[0]);
  });

  it('a saved graph with Number blocks keeps loading unchanged', () => {
    const saved = JSON.stringify(rsiStrategy(false));
    const loaded = parseStrategyJson(saved);
    if (!loaded.ok) expect.fail(loaded.issues.map((i) => i.message).join('\n'));
    expect(loaded.graph).toEqual(JSON.parse(saved));
    expect(loaded.upgradedFrom).toBeUndefined();
  });

  it('refuses a typed B that is not a number, naming node and parameter', () => {
    const g = rsiStrategy(true);
    g.nodes.find((n) => n.id === 'oversold')!.params = { b: 'thirty' };
    const errors = validateStrategyGraph(g).filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ nodeId: 'oversold', param: 'b', code: 'param_not_number' });
  });

  it('an optimiser sweeps a typed level within the bounds of the series it is compared with', () => {
    const g = rsiStrategy(true);
    const spec = BLOCKS.crossesBelow.params.find((p) => p.name === 'b')!;
    if (spec.kind === 'choice' || spec.kind === 'text') throw new Error('b is a number');
    expect(sweepBounds(g, 'oversold', spec)).toEqual({ min: 0, max: 100 });
  });
});

describe('content keys', () => {
  it('tell the candle fields apart (SMA of the close is not SMA of the high)', () => {
    const g = graph(
      'Two SMAs',
      'Same period, different fields.',
      [
        node('candle', 'candle', {}, 0, 0),
        node('onClose', 'sma', { period: 20 }, 1, 0),
        node('onHigh', 'sma', { period: 20 }, 1, 1),
        node('above', 'greaterThan', {}, 2, 0),
        node('enter', 'enterLong', {}, 3, 0),
      ],
      [
        edge('candle.close', 'onClose.source'),
        edge('candle.high', 'onHigh.source'),
        edge('onClose.value', 'above.a'),
        edge('onHigh.value', 'above.b'),
        edge('above.value', 'enter.when'),
      ],
    );
    const steps = compileStrategy(g).steps;
    const key = (id: string) => steps.find((s) => s.nodeId === id)!.key;
    expect(key('onClose')).not.toBe(key('onHigh'));
    expect(key('onClose')).toContain('close');
  });
});
