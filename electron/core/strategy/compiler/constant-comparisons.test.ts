/**
 * Comparisons against a constant (a Number block, or a level typed on the comparison) read the
 * constant's value: on real data they give exactly what the same comparison over a column of
 * that value gives, batch and streaming, with the constant on either input; and the batch
 * evaluator fills no column for a constant nobody reads as one, until one is asked for.
 */
import { describe, expect, it } from 'vitest';
import type { BlockType } from '../../../../shared/strategy/block-types';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import { barAt } from '../candle-columns';
import { FALSE, TRUE, UNKNOWN } from '../kernels/conditions';
import { realCandles } from '../test-support/real-candles';
import { evaluateBatch } from './batch-evaluator';
import { ColumnScratch } from './column-scratch';
import { compileStrategy } from './compile';
import { StreamingEvaluator } from './streaming-evaluator';

const COMPARISONS: BlockType[] = ['greaterThan', 'lessThan', 'crossesAbove', 'crossesBelow'];

/**
 * `direct`: RSI compared with a Number block. `viaColumn`: the same comparison whose constant side
 * is level + 0 (an Add block: a computed column, so the comparison reads columns as before).
 */
function comparisonGraph(type: BlockType, constantFirst: boolean, level: number): StrategyGraph {
  const [series, constant] = constantFirst ? ['b', 'a'] : ['a', 'b'];
  return graph(
    `RSI ${type} ${level}`,
    'A comparison with a constant, read directly and as a column.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('rsi', 'rsi', { period: 14 }, 1, 0),
      node('level', 'constant', { value: level }, 1, 1),
      node('zero', 'constant', { value: 0 }, 1, 2),
      node('levelColumn', 'add', {}, 2, 1),
      node('direct', type, {}, 3, 0),
      node('viaColumn', type, {}, 3, 1),
      node('enter', 'enterLong', {}, 4, 0),
      node('exit', 'exitLong', {}, 4, 1),
    ],
    [
      edge('candle.close', 'rsi.source'),
      edge('level.value', 'levelColumn.a'),
      edge('zero.value', 'levelColumn.b'),
      edge('rsi.value', `direct.${series}`),
      edge('level.value', `direct.${constant}`),
      edge('rsi.value', `viaColumn.${series}`),
      edge('levelColumn.value', `viaColumn.${constant}`),
      edge('direct.value', 'enter.when'),
      edge('viaColumn.value', 'exit.when'),
    ],
  );
}

describe('comparisons against a constant', () => {
  const candles = realCandles('btc1h');

  describe.each(COMPARISONS)('%s', (type) => {
    it.each([
      ['the constant on B', false],
      ['the constant on A', true],
    ])('%s: the same values as over a column of the constant, batch and streaming, warm-up included', (_label, constantFirst) => {
      const compiled = compileStrategy(comparisonGraph(type, constantFirst, 45));
      const batch = evaluateBatch(compiled, candles);
      const direct = batch.series('direct', 'value')!;
      expect([...direct]).toEqual([...batch.series('viaColumn', 'value')!]);
      expect(direct[0]).toBe(UNKNOWN);
      expect(direct.includes(TRUE) && direct.includes(FALSE)).toBe(true);
      const stream = new StreamingEvaluator(compiled);
      for (let i = 0; i < candles.length; i++) {
        stream.push(barAt(candles, i));
        if (stream.value('direct', 'value') !== direct[i]) {
          expect.fail(`bar ${i}: streaming ${stream.value('direct', 'value')}, batch ${direct[i]}`);
        }
      }
    });
  });

  it('fills no column for the RSI template’s levels, yet gives one when asked', () => {
    const built = buildFromTemplate('rsi-reversion', { period: 14, lower: 30, upper: 70 });
    if (!built.ok) expect.fail(built.message);
    const compiled = compileStrategy(built.graph);
    let taken = 0;
    const scratch = new (class extends ColumnScratch {
      override takeFloat64(length: number): Float64Array {
        taken++;
        return super.takeFloat64(length);
      }
    })();
    const evaluation = evaluateBatch(compiled, candles, { scratch });
    // The RSI is the only number column computed; the two levels are read as values.
    expect(taken).toBe(1);
    expect(evaluation.entryConditions[0]!.includes(TRUE)).toBe(true);
    const lower = evaluation.series('lower', 'value') as Float64Array;
    expect(lower).toHaveLength(candles.length);
    expect(lower.every((v) => v === 30)).toBe(true);
    expect(taken).toBe(2);
    evaluation.release();
  });

  it('keeps a column for a constant that some block reads as one', () => {
    const compiled = compileStrategy(comparisonGraph('lessThan', false, 45));
    const levelSlot = compiled.outputs.get('level.value')!.index;
    const zeroSlot = compiled.outputs.get('zero.value')!.index;
    expect(compiled.valueOnlyConstants.has(levelSlot)).toBe(false);
    expect(compiled.valueOnlyConstants.has(zeroSlot)).toBe(false);
    const evaluation = evaluateBatch(compiled, candles);
    expect(evaluation.series('levelColumn', 'value')!.every((v) => v === 45)).toBe(true);
  });
});
