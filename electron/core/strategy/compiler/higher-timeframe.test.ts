/**
 * The higher-timeframe source: hand-checked alignment (closed bars only, the partial first period
 * left out), the no-look-ahead property (changing any base bar after t never changes an output at
 * or before t), batch = streaming when the stream is handed native higher-timeframe bars, and
 * refusals that name the block.
 */
import { describe, expect, it } from 'vitest';
import type { Candle, Timeframe } from '../../../../shared/domain/types';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import { runBacktest } from '../../backtest/run-backtest';
import { barAt, columnsFromCandles, sliceColumns, type CandleColumns } from '../candle-columns';
import { resampleClosed } from '../kernels/timeframe-align';
import { realCandles } from '../test-support/real-candles';
import { evaluateBatch, signalAt } from './batch-evaluator';
import { compileStrategy } from './compile';
import { StreamingEvaluator } from './streaming-evaluator';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Enter when the close is above the last closed higher-timeframe close, exit when below its EMA(3). */
function htfGraph(timeframe: Timeframe = '4h'): StrategyGraph {
  return graph(
    'HTF',
    'Higher timeframe trend.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('htf', 'higherTimeframe', { timeframe }, 0, 1),
      node('htfEma', 'ema', { period: 3 }, 1, 1),
      node('above', 'greaterThan', {}, 2, 0),
      node('below', 'lessThan', {}, 2, 1),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 3, 0),
      node('exit', 'exitLong', {}, 3, 1),
    ],
    [
      edge('candle.close', 'above.a'),
      edge('htf.close', 'above.b'),
      edge('htf.close', 'htfEma.source'),
      edge('candle.close', 'below.a'),
      edge('htfEma.value', 'below.b'),
      edge('above.value', 'enter.when'),
      edge('below.value', 'exit.when'),
    ],
  );
}

/** Hourly bars from `start`, close = 100 + i, open = close − 0.5, high/low ± 1, volume 1. */
function hourly(start: number, count: number): Candle[] {
  return Array.from({ length: count }, (_, i) => [start + i * HOUR, 99.5 + i, 101 + i, 99 + i, 100 + i, 1]);
}

describe('higher-timeframe source, by hand', () => {
  // Starts at 02:00: the 00:00–04:00 period is partial and left out.
  const candles = columnsFromCandles(hourly(DAY + 2 * HOUR, 12));
  const compiled = compileStrategy(htfGraph('4h'));
  const batch = evaluateBatch(compiled, candles, { timeframe: '1h' });

  it('reads the last 4h bar closed at each 1h close, never the one forming', () => {
    const close = [...batch.series('htf', 'close')!];
    const open = [...batch.series('htf', 'open')!];
    const high = [...batch.series('htf', 'high')!];
    const volume = [...batch.series('htf', 'volume')!];
    // Bars 0–1 (02:00, 03:00) are in the partial period; bars 2–5 (04:00–07:00) make the first 4h
    // bar, closed at 08:00 = the close of bar 5; bars 6–9 the next, closed at the close of bar 9.
    expect(close).toEqual([NaN, NaN, NaN, NaN, NaN, 105, 105, 105, 105, 109, 109, 109]);
    expect(open).toEqual([NaN, NaN, NaN, NaN, NaN, 101.5, 101.5, 101.5, 101.5, 105.5, 105.5, 105.5]);
    expect(high).toEqual([NaN, NaN, NaN, NaN, NaN, 106, 106, 106, 106, 110, 110, 110]);
    expect(volume).toEqual([NaN, NaN, NaN, NaN, NaN, 4, 4, 4, 4, 4, 4, 4]);
  });

  it('resamples closed periods from the bars present', () => {
    const four = resampleClosed(candles, '4h');
    expect([...four.time]).toEqual([DAY + 4 * HOUR, DAY + 8 * HOUR, DAY + 12 * HOUR]);
    // The last period (12:00–16:00) has only bars 10–11: it exists but never closes within the data.
    expect([...four.close]).toEqual([105, 109, 111]);
  });

  it('a stream handed the exchange’s 4h bars gives the same values and signals as the batch', () => {
    const stream = new StreamingEvaluator(compiled, { timeframe: '1h' });
    const native = resampleClosed(candles, '4h');
    for (let k = 0; k < native.length; k++) stream.addHigherBar('4h', barAt(native, k));
    for (let i = 0; i < candles.length; i++) {
      expect(stream.push(barAt(candles, i))).toEqual(signalAt(batch, i));
      expect(stream.value('htf', 'close')).toEqual(batch.series('htf', 'close')![i]);
    }
  });
});

/** Deterministic pseudo-random walk of 1h bars. */
function randomBars(seed: number, count: number): Candle[] {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  let price = 100;
  return Array.from({ length: count }, (_, i) => {
    const open = price;
    price *= 1 + (random() - 0.5) * 0.04;
    const high = Math.max(open, price) * (1 + random() * 0.01);
    const low = Math.min(open, price) * (1 - random() * 0.01);
    return [DAY + 3 * HOUR + i * HOUR, open, high, low, price, 1 + random() * 10];
  });
}

function columns(bars: Candle[]): CandleColumns {
  return columnsFromCandles(bars);
}

describe('no look-ahead (property)', () => {
  const compiled = compileStrategy(htfGraph('4h'), { includeUnusedNodes: true });
  const keys = [...compiled.outputs.keys()].map((k) => k.split('.') as [string, string]);
  it.each([1, 2, 3, 5, 8, 13, 21, 34])('seed %i: changing the bars after t never changes an output at or before t', (seed) => {
    const bars = randomBars(seed, 240);
    const before = evaluateBatch(compiled, columns(bars), { timeframe: '1h' });
    for (const t of [0, 3, 4, 7, 8, 50, 101, 238]) {
      const changed = bars.map((b, i) => (i > t ? ([b[0], b[1] * 1.3, b[2] * 1.5, b[3] * 0.7, b[4] * 0.8, b[5] * 9] as Candle) : b));
      const after = evaluateBatch(compiled, columns(changed), { timeframe: '1h' });
      for (const [nodeId, port] of keys) {
        const a = before.series(nodeId, port)!;
        const b = after.series(nodeId, port)!;
        for (let i = 0; i <= t; i++) {
          if (!Object.is(a[i], b[i])) expect.fail(`seed ${seed}, t ${t}: ${nodeId}.${port} at bar ${i} changed from ${a[i]} to ${b[i]}`);
        }
      }
    }
  });
});

describe('refusals name the block', () => {
  it('a timeframe not above the bars’ own', () => {
    const g = htfGraph('1h');
    g.nodes.find((n) => n.id === 'htf')!.label = 'Hourly trend';
    expect(() => runBacktest({ strategy: g, candles: realCandles('btc1h'), settings: { timeframe: '1h' } })).toThrow(
      'The block "Hourly trend" (Candle (higher timeframe), node "htf") reads 1h candles, which is not a higher timeframe than the 1h bars it runs on. Pick a timeframe above 1h.',
    );
    expect(() => new StreamingEvaluator(compileStrategy(htfGraph('4h')), { timeframe: '1d' })).toThrow(
      /node "htf"\) reads 4h candles.*above 1d/,
    );
  });

  it('bars of unknown timeframe', () => {
    expect(() => runBacktest({ strategy: htfGraph('4h'), candles: realCandles('btc1h') })).toThrow(
      /node "htf"\) reads 4h candles, so the run needs bars of a known timeframe/,
    );
  });
});

describe('backtest on real data', () => {
  it('trades on the 4h trend of 1h bars, and the trades closed within a prefix do not change with more bars', () => {
    const candles = realCandles('btc1h');
    const full = runBacktest({ strategy: htfGraph('4h'), candles, settings: { timeframe: '1h' } });
    expect(full.trades.length).toBeGreaterThan(10);
    const cut = 2000;
    const part = runBacktest({
      strategy: htfGraph('4h'),
      candles: sliceColumns(candles, 0, cut),
      settings: { timeframe: '1h' },
    });
    expect(part.trades).toEqual(full.trades.filter((t) => t.exitBar < cut));
  });
});
