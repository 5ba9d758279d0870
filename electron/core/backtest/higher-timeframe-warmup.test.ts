/**
 * A backtest whose higher-timeframe blocks are still warming up inside the range says so, with
 * the count in that timeframe's bars and the first bar that has a value; one whose history
 * before the range covers the warm-up says nothing.
 */
import { describe, expect, it } from 'vitest';
import { edge, graph, node } from '../../../shared/strategy/templates/graph-builder';
import { realCandles } from '../strategy/test-support/real-candles';
import { runBacktest } from './run-backtest';

/** Buy when the 1h close is above EMA(200) of the 4h close, sell below it. */
const trend = graph(
  'Above the 4h EMA(200)',
  'Trend follower on the 4h trend.',
  [
    node('candle', 'candle', {}, 0, 0),
    node('htf', 'higherTimeframe', { timeframe: '4h' }, 0, 1),
    node('ema', 'ema', { period: 200 }, 1, 1),
    node('above', 'greaterThan', {}, 2, 0),
    node('below', 'lessThan', {}, 2, 1),
    node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 3, 0),
    node('exit', 'exitLong', {}, 3, 1),
  ],
  [
    edge('htf.close', 'ema.source'),
    edge('candle.close', 'above.a'),
    edge('ema.value', 'above.b'),
    edge('candle.close', 'below.a'),
    edge('ema.value', 'below.b'),
    edge('above.value', 'enter.when'),
    edge('below.value', 'exit.when'),
  ],
);

describe('higher-timeframe warm-up in backtests', () => {
  const candles = realCandles('btc1h');
  const warnings = (startBar: number) =>
    runBacktest({ strategy: trend, candles, settings: { timeframe: '1h', startTime: candles.time[startBar]! } }).warnings.filter(
      (w) => w.code === 'higher_timeframe_warmup',
    );

  it('says when the range starts before EMA(200) of the 4h close has 200 closed 4h bars', () => {
    const [note, ...rest] = warnings(100);
    expect(rest).toEqual([]);
    expect(note?.severity).toBe('warning');
    expect(note?.message).toMatch(
      /^"EMA" \(EMA, node "ema"\) on 4h candles needs 200 closed 4h bars \(33 days\) before it has a value: this data gives it its first value only at 2021-\d\d-\d\dT\d\d:00:00\.000Z, \d+ bars into the range; until then nothing that reads it is true\. Use a data set with more history before the range, or start the range later\.$/,
    );
    // No trade opens before the EMA has its value.
    const first = Number(/, (\d+) bars into the range/.exec(note!.message)![1]) + 100;
    const result = runBacktest({ strategy: trend, candles, settings: { timeframe: '1h', startTime: candles.time[100]! } });
    expect(result.trades.length).toBeGreaterThan(0);
    expect(Math.min(...result.trades.map((t) => t.entryBar))).toBeGreaterThan(first);
  });

  it('says nothing when the history before the range covers the warm-up', () => {
    expect(warnings(1000)).toEqual([]);
  });
});
