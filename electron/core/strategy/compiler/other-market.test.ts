/**
 * The "Other market" source (issue #20): another market's bars aligned onto the strategy's by
 * open time, closed bars only — hand-checked alignment and gap counting, batch = streaming on
 * two real markets, the no-look-ahead property (changing any bar of the other market after t
 * never changes an output at or before t), and refusals that name the market.
 */
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/domain/types';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import { validateStrategyGraph } from '../../../../shared/strategy/validate';
import { runBacktest } from '../../backtest/run-backtest';
import { barAt, columnsFromCandles, shareColumns, type CandleColumns } from '../candle-columns';
import { realCandles } from '../test-support/real-candles';
import { evaluateBatch, signalAt } from './batch-evaluator';
import { compileStrategy } from './compile';
import { StreamingEvaluator } from './streaming-evaluator';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** ETH-style strategy on BTC: enter when BTC's close crosses above its EMA(12), exit when ETH/BTC falls below its SMA(20). */
function otherMarketGraph(market = 'BTC/USDT'): StrategyGraph {
  return graph(
    'Other market',
    'Reads BTC/USDT beside its own market.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('btc', 'otherMarket', { market }, 0, 1),
      node('btcEma', 'ema', { period: 12 }, 1, 1),
      node('ratio', 'divide', {}, 1, 0),
      node('ratioSma', 'sma', { period: 20 }, 2, 0),
      node('up', 'crossesAbove', {}, 2, 1),
      node('down', 'crossesBelow', {}, 3, 0),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 4, 0),
      node('exit', 'exitLong', {}, 4, 1),
    ],
    [
      edge('btc.close', 'btcEma.source'),
      edge('btc.close', 'up.a'),
      edge('btcEma.value', 'up.b'),
      edge('candle.close', 'ratio.a'),
      edge('btc.close', 'ratio.b'),
      edge('ratio.value', 'ratioSma.source'),
      edge('ratio.value', 'down.a'),
      edge('ratioSma.value', 'down.b'),
      edge('up.value', 'enter.when'),
      edge('down.value', 'exit.when'),
    ],
  );
}

/** Hourly bars at the given hour offsets from T0, close = `base` + hour. */
function bars(hours: number[], base: number): CandleColumns {
  return columnsFromCandles(hours.map((h): Candle => [T0 + h * HOUR, base + h - 0.5, base + h + 1, base + h - 1, base + h, 10 + h]));
}

describe('other market, by hand', () => {
  const compiled = compileStrategy(otherMarketGraph());
  const own = bars([0, 1, 2, 3, 4, 5, 6], 100);

  it('reads the bar with the same open time at each close, carries the last one over a gap and counts it', () => {
    // The other market starts an hour later and has no bar at 03:00 or 05:00 (and one at 07:00, after the data).
    const other = bars([1, 2, 4, 6, 7], 1000);
    const batch = evaluateBatch(compiled, own, { timeframe: '1h', otherMarkets: { 'BTC/USDT': other } });
    expect([...batch.series('btc', 'close')!]).toEqual([NaN, 1001, 1002, 1002, 1004, 1004, 1006]);
    expect([...batch.series('btc', 'open')!]).toEqual([NaN, 1000.5, 1001.5, 1001.5, 1003.5, 1003.5, 1005.5]);
    expect([...batch.series('btc', 'volume')!]).toEqual([NaN, 11, 12, 12, 14, 14, 16]);
    // Bar 0 (before its first), bar 3 and bar 5.
    expect(batch.otherMarketGaps).toEqual([{ nodeId: 'btc', market: 'BTC/USDT', missing: 3 }]);
    expect(
      evaluateBatch(compiled, own, { timeframe: '1h', otherMarkets: { 'BTC/USDT': other }, countGapsFrom: 4 }).otherMarketGaps[0]!.missing,
    ).toBe(1);
  });

  it('a stream handed each bar as it closes gives the same values; a bar that closes later is never read back', () => {
    const other = bars([1, 2, 4, 6, 7], 1000);
    const stream = new StreamingEvaluator(compiled, { timeframe: '1h' });
    const batch = evaluateBatch(compiled, own, { timeframe: '1h', otherMarkets: { 'BTC/USDT': other } });
    let k = 0;
    for (let i = 0; i < own.length; i++) {
      while (k < other.length && other.time[k]! <= own.time[i]!) stream.addOtherMarketBar('BTC/USDT', barAt(other, k++));
      stream.push(barAt(own, i));
      expect(stream.value('btc', 'close')).toEqual(batch.series('btc', 'close')![i]);
    }
    // Handed a bar of a later hour before its base bar: it waits until that base bar closes.
    const early = new StreamingEvaluator(compiled, { timeframe: '1h' });
    early.addOtherMarketBar('BTC/USDT', barAt(other, 0));
    early.addOtherMarketBar('BTC/USDT', barAt(other, 1));
    early.push(barAt(own, 0));
    expect(early.value('btc', 'close')).toBeNaN();
    early.push(barAt(own, 1));
    expect(early.value('btc', 'close')).toBe(1001);
  });
});

describe('on two real markets (ETH/USDT with BTC/USDT, Binance 5m)', () => {
  const eth = realCandles('eth5m');
  const btc = realCandles('btc5m');
  const compiled = compileStrategy(otherMarketGraph(), { includeUnusedNodes: true });
  const batch = evaluateBatch(compiled, eth, { timeframe: '5m', otherMarkets: { 'BTC/USDT': btc } });
  const keys = [...compiled.outputs.keys()].map((k) => k.split('.') as [string, string]);

  it('streaming (each BTC bar handed in as it closes) and batch emit identical signals and values on every bar', () => {
    const stream = new StreamingEvaluator(compiled, { timeframe: '5m' });
    let k = 0;
    let enters = 0;
    let exits = 0;
    for (let i = 0; i < eth.length; i++) {
      // The live subscription delivers BTC's bar of the same open time when it closes, with ETH's.
      while (k < btc.length && btc.time[k]! <= eth.time[i]!) stream.addOtherMarketBar('BTC/USDT', barAt(btc, k++));
      const live = stream.push(barAt(eth, i));
      expect(live).toEqual(signalAt(batch, i));
      for (const [nodeId, port] of keys) {
        const value = stream.value(nodeId, port)!;
        const expected = batch.series(nodeId, port)![i]!;
        if (!Object.is(value, expected)) expect.fail(`bar ${i}, ${nodeId}.${port}: streaming ${value}, batch ${expected}`);
      }
      if (live.enter >= 0) enters++;
      if (live.exit) exits++;
    }
    expect(Math.min(enters, exits)).toBeGreaterThan(10);
  });

  it('every ETH bar reads the BTC bar of its own open time where BTC has one', () => {
    const close = batch.series('btc', 'close')!;
    const byTime = new Map<number, number>();
    for (let k = 0; k < btc.length; k++) byTime.set(btc.time[k]!, btc.close[k]!);
    for (let i = 0; i < eth.length; i++) {
      const own = byTime.get(eth.time[i]!);
      if (own !== undefined) expect(close[i]).toBe(own);
    }
  });

  it.each([1, 2, 3, 5, 8, 13])('seed %i: changing any BTC bar after t never changes an output at or before t', (seed) => {
    let state = seed;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (let trial = 0; trial < 4; trial++) {
      const t = Math.floor(random() * (eth.length - 2));
      const changed = shareColumns(btc); // a copy
      // Every BTC bar opening after ETH bar t's open is rewritten (prices scaled, volume changed).
      for (let k = 0; k < changed.length; k++) {
        if (changed.time[k]! <= eth.time[t]!) continue;
        const f = 0.5 + random();
        changed.open[k] = changed.open[k]! * f;
        changed.high[k] = changed.high[k]! * f * 1.1;
        changed.low[k] = changed.low[k]! * f * 0.9;
        changed.close[k] = changed.close[k]! * f;
        changed.volume[k] = changed.volume[k]! * 7;
      }
      const after = evaluateBatch(compiled, eth, { timeframe: '5m', otherMarkets: { 'BTC/USDT': changed } });
      for (const [nodeId, port] of keys) {
        const a = batch.series(nodeId, port)!;
        const b = after.series(nodeId, port)!;
        for (let i = 0; i <= t; i++) {
          if (!Object.is(a[i], b[i])) expect.fail(`seed ${seed}, t ${t}: ${nodeId}.${port} at bar ${i} changed from ${a[i]} to ${b[i]}`);
        }
        // The change is visible from the next bar on (the property is not vacuous).
      }
      expect(after.series('btc', 'close')![t + 1]).not.toBe(batch.series('btc', 'close')![t + 1]);
    }
  });

  it('backtests, counting in its warnings the bars BTC had none of its own', () => {
    const result = runBacktest({
      strategy: otherMarketGraph(),
      candles: eth,
      settings: { timeframe: '5m' },
      otherMarkets: { 'BTC/USDT': btc },
    });
    expect(result.trades.length).toBeGreaterThan(5);
    // Knock out 30 BTC bars inside the range: exactly those ETH bars carry BTC's previous bar.
    const holed = btc;
    const kept = [...Array(btc.length).keys()].filter((k) => k < 1000 || k >= 1030);
    const gappy = columnsFromCandles(
      kept.map((k): Candle => [holed.time[k]!, holed.open[k]!, holed.high[k]!, holed.low[k]!, holed.close[k]!, holed.volume[k]!]),
    );
    const baseline = result.warnings.find((w) => w.code === 'other_market_gaps');
    const withGaps = runBacktest({
      strategy: otherMarketGraph(),
      candles: eth,
      settings: { timeframe: '5m' },
      otherMarkets: { 'BTC/USDT': gappy },
    });
    const warning = withGaps.warnings.find((w) => w.code === 'other_market_gaps')!;
    const before = baseline ? Number(/at ([\d,]+) of/.exec(baseline.message)![1]!.replace(/,/g, '')) : 0;
    expect(warning.message).toContain(
      `BTC/USDT had no bar of its own at ${before + 30} of the ${eth.length.toLocaleString('en-US')} bars in the range`,
    );
    expect(warning.message).toContain('Data panel');
    expect(warning.nodeId).toBe('btc');
  });
});

describe('refusals name the market', () => {
  it('a backtest without the other market’s bars', () => {
    expect(() =>
      runBacktest({ strategy: otherMarketGraph('SOL/USDT'), candles: realCandles('eth5m'), settings: { timeframe: '5m' } }),
    ).toThrow(/No bars of SOL\/USDT were provided/);
  });

  it('bars of unknown timeframe', () => {
    expect(() => new StreamingEvaluator(compileStrategy(otherMarketGraph()))).toThrow(
      /\(Other market, node "btc"\) reads BTC\/USDT bar by bar beside the strategy's own, so the run needs bars of a known timeframe/,
    );
  });

  it('an empty market, and the strategy’s own market, by name', () => {
    const empty = validateStrategyGraph(otherMarketGraph(''));
    expect(empty).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        nodeId: 'btc',
        param: 'market',
        message: expect.stringContaining('no market chosen; pick the other market to read (e.g. BTC/USDT)'),
      }),
    );
    const same = validateStrategyGraph(otherMarketGraph('ETH/USDT'), { market: 'ETH/USDT' });
    expect(same).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'same_market',
        nodeId: 'btc',
        message: expect.stringContaining(
          'ETH/USDT is the market the strategy runs on; use the Candle block for it, or pick another market.',
        ),
      }),
    );
    expect(validateStrategyGraph(otherMarketGraph('BTC/USDT'), { market: 'ETH/USDT' }).filter((i) => i.severity === 'error')).toEqual([]);
  });
});
