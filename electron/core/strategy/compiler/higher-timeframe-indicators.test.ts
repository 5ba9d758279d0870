/**
 * Indicators fed by the higher-timeframe source run on that timeframe's closed bars: EMA(200) of
 * the 4h close is an EMA over 200 four-hour closes (checked against a textbook loop over 4h bars
 * aggregated here from the bundled 1h data), aligned onto the base bars with no look-ahead;
 * chains stay on the higher timeframe, mixing happens on the base bars; the stream updates them
 * only when a higher-timeframe bar closes, warms up on higher-timeframe history, and equals the batch.
 */
import { describe, expect, it } from 'vitest';
import { timeframeMs, type Candle, type Timeframe } from '../../../../shared/domain/types';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import { barAt, columnsFromCandles, type CandleColumns } from '../candle-columns';
import { UNKNOWN } from '../kernels/conditions';
import { resampleClosed } from '../kernels/timeframe-align';
import { REAL_DATA_TIMEFRAMES, realCandles, type RealDataName } from '../test-support/real-candles';
import { evaluateBatch } from './batch-evaluator';
import { compileStrategy } from './compile';
import { StreamingEvaluator } from './streaming-evaluator';
import { higherTimeframeWarmup } from './warmup';

const HOUR = 3_600_000;

/**
 * RSI(14) of the base close < 30 AND close > EMA(period) of the higher close; also EMA(3) of
 * RSI(5) of the higher close (a chain) and "RSI(5) of the higher close crosses above 50".
 */
function mtfGraph(timeframe: Timeframe, period: number): StrategyGraph {
  return graph(
    'MTF',
    'RSI dip in a higher-timeframe trend.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('htf', 'higherTimeframe', { timeframe }, 0, 1),
      node('rsi', 'rsi', { period: 14 }, 1, 0),
      node('trend', 'ema', { period }, 1, 1),
      node('htfRsi', 'rsi', { period: 5 }, 1, 2),
      node('htfRsiEma', 'ema', { period: 3 }, 2, 2),
      node('htfCross', 'crossesAbove', { b: 50 }, 2, 3),
      node('dip', 'lessThan', { b: 30 }, 2, 0),
      node('above', 'greaterThan', {}, 2, 1),
      node('both', 'and', {}, 3, 0),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 4, 0),
      node('exit', 'exitLong', {}, 4, 1),
    ],
    [
      edge('candle.close', 'rsi.source'),
      edge('htf.close', 'trend.source'),
      edge('htf.close', 'htfRsi.source'),
      edge('htfRsi.value', 'htfRsiEma.source'),
      edge('htfRsi.value', 'htfCross.a'),
      edge('rsi.value', 'dip.a'),
      edge('candle.close', 'above.a'),
      edge('trend.value', 'above.b'),
      edge('dip.value', 'both.a'),
      edge('above.value', 'both.b'),
      edge('both.value', 'enter.when'),
      edge('htfCross.value', 'exit.when'),
    ],
  );
}

/** Closed higher-timeframe bars by a plain loop: whole periods only (the first, partial one dropped). */
function aggregate(base: CandleColumns, baseMs: number, lengthMs: number): { time: number[]; close: number[] } {
  const time: number[] = [];
  const close: number[] = [];
  let period = NaN;
  for (let i = 0; i < base.length; i++) {
    const start = Math.floor(base.time[i]! / lengthMs) * lengthMs;
    if (start !== period) {
      period = start;
      if (i === 0 && base.time[i] !== start) continue;
      time.push(start);
      close.push(base.close[i]!);
    } else if (time[time.length - 1] === start) {
      close[close.length - 1] = base.close[i]!;
    }
  }
  expect(baseMs).toBeLessThan(lengthMs);
  return { time, close };
}

/** Textbook EMA: the SMA of the first `period` values, then value += 2/(period+1) × (x − value). */
function textbookEma(values: number[], period: number): number[] {
  const out: number[] = [];
  let value = NaN;
  for (let k = 0; k < values.length; k++) {
    if (k < period - 1) out.push(NaN);
    else if (k === period - 1) {
      value = values.slice(0, period).reduce((a, b) => a + b, 0) / period;
      out.push(value);
    } else {
      value += (2 / (period + 1)) * (values[k]! - value);
      out.push(value);
    }
  }
  return out;
}

/** The reference at each base bar: the EMA of the last higher bar closed by the base bar's close. */
function alignedReference(base: CandleColumns, baseMs: number, lengthMs: number, period: number): number[] {
  const higher = aggregate(base, baseMs, lengthMs);
  const ema = textbookEma(higher.close, period);
  const out: number[] = [];
  let k = -1;
  for (let i = 0; i < base.length; i++) {
    while (k + 1 < higher.time.length && higher.time[k + 1]! + lengthMs <= base.time[i]! + baseMs) k++;
    out.push(k < 0 ? NaN : ema[k]!);
  }
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: number[], label: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) ? !Number.isNaN(a) : !(Math.abs(a - e) <= 1e-9 * Math.abs(e))) {
      expect.fail(`${label}: bar ${i} is ${a}, the textbook loop gives ${e}`);
    }
  }
}

describe('reference: EMA(200) on the higher timeframe = a textbook loop over real higher-timeframe bars', () => {
  const cases: [RealDataName, Timeframe][] = [
    ['btc1h', '4h'],
    ['eth5m', '1h'],
  ];
  it.each(cases)('%s → %s', (dataset, timeframe) => {
    const candles = realCandles(dataset);
    const baseMs = timeframeMs(REAL_DATA_TIMEFRAMES[dataset]);
    const lengthMs = timeframeMs(timeframe);
    const batch = evaluateBatch(compileStrategy(mtfGraph(timeframe, 200)), candles, { timeframe: REAL_DATA_TIMEFRAMES[dataset] });
    const expected = alignedReference(candles, baseMs, lengthMs, 200);
    // The EMA starts after 200 higher-timeframe bars (fewer base bars than 200 × the ratio only
    // where the data has gaps), inside the data.
    const first = expected.findIndex((v) => !Number.isNaN(v));
    expect(first).toBeGreaterThan((0.9 * 200 * lengthMs) / baseMs);
    expect(first).toBeLessThan(candles.length * 0.75);
    expectClose(batch.series('trend', 'value')!, expected, `EMA(200) of the ${timeframe} close on ${dataset}`);
  });
});

/** Deterministic pseudo-random walk of 1h bars, starting mid-way through a 4h period. */
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
    return [86_400_000 + 3 * HOUR + i * HOUR, open, high, low, price, 1 + random() * 10];
  });
}

describe('no look-ahead with indicators on the higher timeframe (property)', () => {
  const compiled = compileStrategy(mtfGraph('4h', 5), { includeUnusedNodes: true });
  const keys = [...compiled.outputs.keys()].map((k) => k.split('.') as [string, string]);
  it.each([1, 2, 3, 5, 8, 13, 21, 34])(
    'seed %i: outputs at or before t never change with the bars after t, and the 4h EMA at t is the EMA of the 4h bars closed by t',
    (seed) => {
      const bars = randomBars(seed, 240);
      const base = columnsFromCandles(bars);
      const before = evaluateBatch(compiled, base, { timeframe: '1h' });
      const reference = alignedReference(base, HOUR, 4 * HOUR, 5);
      for (const t of [0, 3, 4, 7, 8, 21, 22, 50, 101, 238]) {
        const changed = bars.map((b, i) => (i > t ? ([b[0], b[1] * 1.3, b[2] * 1.5, b[3] * 0.7, b[4] * 0.8, b[5] * 9] as Candle) : b));
        const after = evaluateBatch(compiled, columnsFromCandles(changed), { timeframe: '1h' });
        for (const [nodeId, port] of keys) {
          const a = before.series(nodeId, port)!;
          const b = after.series(nodeId, port)!;
          for (let i = 0; i <= t; i++) {
            if (!Object.is(a[i], b[i])) expect.fail(`seed ${seed}, t ${t}: ${nodeId}.${port} at bar ${i} changed from ${a[i]} to ${b[i]}`);
          }
        }
        // Only the 4h bars closed by bar t's close (a prefix of the data) decide the value at t.
        const prefix = alignedReference(columnsFromCandles(bars.slice(0, t + 1)), HOUR, 4 * HOUR, 5);
        expect(prefix[t]).toEqual(reference[t]);
        expectClose([after.series('trend', 'value')![t]!], [reference[t]!], `seed ${seed}, EMA(5) of the 4h close at bar ${t}`);
      }
    },
  );
});

describe('streaming', () => {
  const candles = realCandles('btc1h');
  const compiled = compileStrategy(mtfGraph('4h', 200), { includeUnusedNodes: true });
  const native = resampleClosed(candles, '4h');

  it('equals the batch on every bar, and moves the 4h values only when a 4h bar closes', () => {
    const batch = evaluateBatch(compiled, candles, { timeframe: '1h' });
    const stream = new StreamingEvaluator(compiled, { timeframe: '1h' });
    for (let k = 0; k < native.length; k++) stream.addHigherBar('4h', barAt(native, k));
    const keys = [...compiled.outputs.keys()].map((k) => k.split('.') as [string, string]);
    let closes = 0;
    let k = -1;
    const changes = { trend: 0, htfRsiEma: 0 };
    const last = { trend: NaN, htfRsiEma: NaN };
    for (let i = 0; i < candles.length; i++) {
      stream.push(barAt(candles, i));
      for (const [nodeId, port] of keys) {
        const expected = batch.series(nodeId, port)![i]!;
        const actual = stream.value(nodeId, port)!;
        if (!Object.is(actual, expected)) expect.fail(`bar ${i}: ${nodeId}.${port} streams ${actual}, the batch has ${expected}`);
      }
      const closedBefore = k;
      while (k + 1 < native.length && native.time[k + 1]! + 4 * HOUR <= candles.time[i]! + HOUR) k++;
      if (k !== closedBefore) closes++;
      for (const id of ['trend', 'htfRsiEma'] as const) {
        const v = stream.value(id, 'value')!;
        if (!Object.is(v, last[id])) changes[id]++;
        last[id] = v;
      }
    }
    expect(closes).toBeGreaterThan(1000);
    // At most one change per 4h close (a close that leaves a value the same changes nothing).
    expect(changes.trend).toBeLessThanOrEqual(closes);
    expect(changes.trend).toBeGreaterThan(closes - 250);
    expect(changes.htfRsiEma).toBeLessThanOrEqual(closes);
  });

  it('is warm at its first base bar when handed enough 4h history first (a bot’s warm-up)', () => {
    // A bot fetches 4h bars further back than its 1h bars: 300 4h bars closed before the first 1h bar.
    const start = 1200;
    const stream = new StreamingEvaluator(compiled, { timeframe: '1h' });
    for (let k = 0; k < native.length; k++) stream.addHigherBar('4h', barAt(native, k));
    const firstBase = candles.time.findIndex((t) => t >= native.time[start]!);
    stream.push(barAt(candles, firstBase));
    const batch = evaluateBatch(compiled, candles, { timeframe: '1h' });
    expect(Number.isNaN(stream.value('trend', 'value')!)).toBe(false);
    expect(stream.value('trend', 'value')).toBe(batch.series('trend', 'value')![firstBase]);
    expect(stream.value('above', 'value')).not.toBe(UNKNOWN);
  });

  it('before the first 4h bar closes, what reads the 4h values is unknown, not false', () => {
    const stream = new StreamingEvaluator(compiled, { timeframe: '1h' });
    stream.push(barAt(candles, 0));
    expect(Number.isNaN(stream.value('trend', 'value')!)).toBe(true);
    expect(stream.value('htfCross', 'value')).toBe(UNKNOWN);
    expect(stream.value('above', 'value')).toBe(UNKNOWN);
  });
});

describe('warm-up, counted in higher-timeframe bars', () => {
  it('EMA(200) of the 4h close needs 200 closed 4h bars; a chain needs the sum of its links', () => {
    expect(higherTimeframeWarmup(compileStrategy(mtfGraph('4h', 200)))).toEqual([
      { timeframe: '4h', bars: 200, slowest: '"EMA" (EMA, node "trend")' },
    ]);
    // RSI(5) has a value at its 6th bar, EMA(3) of it two bars later: 8 (EMA(5) alone: 5; the
    // cross of RSI(5), which feeds the exit: 7). The chart preview computes the unused EMA too.
    expect(higherTimeframeWarmup(compileStrategy(mtfGraph('1d', 5)))).toEqual([
      { timeframe: '1d', bars: 7, slowest: '"Crosses above" (Crosses above, node "htfCross")' },
    ]);
    expect(higherTimeframeWarmup(compileStrategy(mtfGraph('1d', 5), { includeUnusedNodes: true }))).toEqual([
      { timeframe: '1d', bars: 8, slowest: '"EMA" (EMA, node "htfRsiEma")' },
    ]);
  });
});
