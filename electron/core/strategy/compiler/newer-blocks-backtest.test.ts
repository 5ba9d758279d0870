/**
 * Each trend, channel, volume, pattern, bar-logic and time block in a small strategy of its own:
 * the saved JSON loads and validates, the graph compiles, backtests on real data with trades,
 * and a backtest on a prefix of the bars closes the same trades (no look-ahead through the block).
 * Also: an invalid parameter is refused naming the node and the parameter.
 */
import { describe, expect, it } from 'vitest';
import type { BlockType } from '../../../../shared/strategy/block-types';
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { parseStrategyJson } from '../../../../shared/strategy/parse';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import { validateStrategyGraph } from '../../../../shared/strategy/validate';
import { runBacktest } from '../../backtest/run-backtest';
import { sliceColumns } from '../candle-columns';
import { evaluateBatch } from './batch-evaluator';
import { compileStrategy } from './compile';
import { SharedColumns } from './shared-columns';
import { realCandles } from '../test-support/real-candles';

const NEWER_BLOCKS: BlockType[] = [
  'adx',
  'parabolicSar',
  'ichimoku',
  'superTrend',
  'obv',
  'mfi',
  'cci',
  'keltner',
  'donchian',
  'williamsR',
  'bullishEngulfing',
  'bearishEngulfing',
  'hammer',
  'invertedHammer',
  'doji',
  'morningStar',
  'eveningStar',
  'barsAgo',
  'barsSince',
  'hourOfDay',
  'weekday',
  'session',
];

/**
 * A number output: buy when it turns up (crosses above its value 3 bars ago), sell when it turns
 * down. A condition: buy when it is true, sell 5 bars after it last was. Blocks with an input
 * take the close (or, for "bars since", the close rising above its SMA).
 */
function strategyFor(type: BlockType): StrategyGraph {
  const block = BLOCKS[type];
  const nodes = [node('candle', 'candle', {}, 0, 0), node('subject', type, {}, 1, 0)];
  const edges = [];
  if (block.inputs[0]?.type === 'number') edges.push(edge('candle.close', `subject.${block.inputs[0].name}`));
  if (block.inputs[0]?.type === 'boolean') {
    nodes.push(node('sma', 'sma', { period: 20 }, 0, 1), node('above', 'greaterThan', {}, 0, 2));
    edges.push(edge('candle.close', 'sma.source'), edge('candle.close', 'above.a'), edge('sma.value', 'above.b'));
    edges.push(edge('above.value', `subject.${block.inputs[0].name}`));
  }
  const output = block.outputs[0]!;
  const out = `subject.${output.name}`;
  if (output.type === 'number') {
    nodes.push(node('before', 'barsAgo', { bars: 3 }, 2, 0), node('up', 'crossesAbove', {}, 3, 0), node('down', 'crossesBelow', {}, 3, 1));
    edges.push(
      edge(out, 'before.source'),
      edge(out, 'up.a'),
      edge('before.value', 'up.b'),
      edge(out, 'down.a'),
      edge('before.value', 'down.b'),
    );
  } else {
    nodes.push(node('since', 'barsSince', {}, 2, 0), node('k5', 'constant', { value: 5 }, 2, 1), node('down', 'greaterThan', {}, 3, 1));
    edges.push(edge(out, 'since.input'), edge('since.value', 'down.a'), edge('k5.value', 'down.b'));
  }
  nodes.push(node('enter', 'enterLong', {}, 4, 0), node('exit', 'exitLong', {}, 4, 1));
  edges.push(edge(output.type === 'number' ? 'up.value' : out, 'enter.when'), edge('down.value', 'exit.when'));
  return graph(`${block.title} alone`, 'One block in a strategy of its own.', nodes, edges);
}

describe.each(NEWER_BLOCKS)('%s in a strategy', (type) => {
  const candles = realCandles('btc1h');
  const strategy = strategyFor(type);

  it('loads from saved JSON, compiles and backtests on real data with trades', () => {
    const loaded = parseStrategyJson(JSON.stringify(strategy));
    if (!loaded.ok) expect.fail(loaded.issues.map((i) => i.message).join('\n'));
    expect(validateStrategyGraph(loaded.graph).filter((i) => i.severity === 'error')).toEqual([]);
    const result = runBacktest({ strategy: loaded.graph, candles });
    expect(result.trades.length).toBeGreaterThan(0);
  });

  it('closes the same trades on a prefix of the bars (no look-ahead)', () => {
    const full = runBacktest({ strategy, candles });
    const cut = 3000;
    const part = runBacktest({ strategy, candles: sliceColumns(candles, 0, cut) });
    expect(part.trades).toEqual(full.trades.filter((t) => t.exitBar < cut));
  });
});

describe('parameter checks of the newer blocks', () => {
  it('refuses a session that starts and ends at the same time, naming node and parameter', () => {
    const g = strategyFor('session');
    g.nodes.find((n) => n.id === 'subject')!.params = { start: '09:30', end: '09:30' };
    const errors = validateStrategyGraph(g).filter((i) => i.severity === 'error');
    expect(errors.map((e) => e.message).join('\n')).toMatch(/subject.*starts and ends at 09:30/s);
  });

  it('refuses an unknown time zone and a SAR step above its maximum', () => {
    const zoned = strategyFor('weekday');
    zoned.nodes.find((n) => n.id === 'subject')!.params = { timeZone: 'Mars/Olympus_Mons' };
    expect(validateStrategyGraph(zoned).some((i) => i.severity === 'error' && /timeZone|Time zone/.test(i.message))).toBe(true);
    const sar = strategyFor('parabolicSar');
    sar.nodes.find((n) => n.id === 'subject')!.params = { step: 0.3, max: 0.2 };
    expect(validateStrategyGraph(sar).some((i) => i.severity === 'error' && /must not exceed the maximum/.test(i.message))).toBe(true);
  });
});

describe('sweeps share the columns of patterns and time filters', () => {
  it.each(['session', 'hammer', 'superTrend'] as const)('%s: computed once, then reused with the same values', (type) => {
    const candles = realCandles('eth5m');
    const compiled = compileStrategy(strategyFor(type));
    const shared = new SharedColumns();
    const first = evaluateBatch(compiled, candles, { shared });
    const computed = shared.computed;
    expect(computed).toBeGreaterThan(0);
    const second = evaluateBatch(compiled, candles, { shared });
    expect(shared.computed).toBe(computed);
    expect(shared.reused).toBeGreaterThan(0);
    const port = BLOCKS[type].outputs[0]!.name;
    expect(second.series('subject', port)).toBe(first.series('subject', port));
    expect(second.entryConditions[0]).toEqual(evaluateBatch(compiled, candles).entryConditions[0]);
  });
});
