/** Features are the builder blocks' own outputs, computed over the candles by the compiler. */
import { describe, expect, it } from 'vitest';
import { smaCrossTemplate } from '../../../shared/strategy/templates/sma-cross';
import { evaluateBatch } from '../strategy/compiler/batch-evaluator';
import { compileStrategy } from '../strategy/compiler/compile';
import { realCandles } from '../strategy/test-support/real-candles';
import { ModelInputError } from './errors';
import { featureColumns } from './dataset';

describe('model features', () => {
  const candles = realCandles('btc1h');
  const graph = smaCrossTemplate.graph();

  it('are the blocks’ outputs as a backtest computes them, named after the block', () => {
    const set = featureColumns(
      graph,
      [
        { node: 'fast', port: 'value' },
        { node: 'candle', port: 'volume' },
      ],
      candles,
    );
    expect(set.names).toEqual(['Fast SMA (fast).value', 'Candle (candle).volume']);
    const full = evaluateBatch(compileStrategy(graph), candles);
    expect(Array.from(set.columns[0]!)).toEqual(Array.from(full.series('fast', 'value') as Float64Array));
    expect(Array.from(set.columns[1]!)).toEqual(Array.from(candles.volume));
  });

  it('refuse a missing block, a missing port and a condition', () => {
    const refuse = (node: string, port: string) => () => featureColumns(graph, [{ node, port }], candles);
    expect(refuse('rsi', 'value')).toThrow(new ModelInputError('Feature rsi.value: there is no block "rsi" in the graph.'));
    expect(refuse('fast', 'upper')).toThrow(/Fast SMA \(fast\)\.upper: the block has no output "upper"/);
    expect(refuse('crossUp', 'value')).toThrow(/is a boolean output; features are number outputs/);
    expect(() => featureColumns(graph, [], candles)).toThrow(/The model has no features/);
  });
});
