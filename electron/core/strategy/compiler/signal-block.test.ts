/**
 * The "Signal received" block: closed-bar semantics (a signal inside bar t is seen when t closes,
 * never earlier), the action and market filters, a tape that grows while the streaming evaluator
 * runs, batch = streaming over many seeded signal sets, validation of the source, and the
 * backtest's replay of a signal log (with a plain warning when the range holds no signal).
 */
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/domain/types';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { signalDirection } from '../../../../shared/strategy/blocks/signal-blocks';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import { validateStrategyGraph } from '../../../../shared/strategy/validate';
import { runBacktest } from '../../backtest/run-backtest';
import { barAt, columnsFromCandles, type CandleColumns } from '../candle-columns';
import { FALSE, TRUE } from '../kernels/conditions';
import { SignalTape, type SignalEvent } from '../signal-feed';
import { realCandles } from '../test-support/real-candles';
import { SIGNAL_TEST_MARKET, syntheticSignalFeed } from '../test-support/synthetic-signals';
import { evaluateBatch, signalAt } from './batch-evaluator';
import { compileStrategy, StrategyCompileError } from './compile';
import { StreamingEvaluator } from './streaming-evaluator';

const SOURCE = 'sig_0123456789abcdef';
const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 10, 0);

function signalGraph(params: Record<string, string> = {}, withRsi = false): StrategyGraph {
  const nodes = [
    node('sig', 'signalReceived', { source: SOURCE, ...params }, 0, 0),
    node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 2, 0),
    node('stop', 'stopLoss', { percent: 5 }, 3, 0),
  ];
  const edges = [edge('enter.position', 'stop.entry')];
  if (withRsi) {
    nodes.push(node('candle', 'candle', {}, 0, 1), node('rsi', 'rsi', { period: 14 }, 1, 1), node('low', 'lessThan', { b: 50 }, 1, 2));
    nodes.push(node('both', 'and', {}, 1, 0));
    edges.push(
      edge('candle.close', 'rsi.source'),
      edge('rsi.value', 'low.a'),
      edge('sig.value', 'both.a'),
      edge('low.value', 'both.b'),
      edge('both.value', 'enter.when'),
    );
  } else {
    edges.push(edge('sig.value', 'enter.when'));
  }
  return graph('Signal test', 'Enter on a signal.', nodes, edges);
}

function flatCandles(count: number): CandleColumns {
  const candles: Candle[] = [];
  for (let i = 0; i < count; i++) candles.push([T0 + i * MIN, 100 + i, 101 + i, 99 + i, 100.5 + i, 10]);
  return columnsFromCandles(candles);
}

const buy = (time: number, market = SIGNAL_TEST_MARKET): SignalEvent => ({ time, direction: 'buy', market });
const sell = (time: number, market = SIGNAL_TEST_MARKET): SignalEvent => ({ time, direction: 'sell', market });

function blockSeries(g: StrategyGraph, candles: CandleColumns, events: SignalEvent[]): number[] {
  const compiled = compileStrategy(g, { signals: new SignalTape(MIN, SIGNAL_TEST_MARKET, { [SOURCE]: events }) });
  return [...evaluateBatch(compiled, candles).series('sig', 'value')!];
}

describe('"Signal received": closed-bar semantics', () => {
  const candles = flatCandles(5);

  it('is true on the bar during which the signal arrived: from its open (included) to its close (excluded)', () => {
    const events = [buy(T0 + MIN), buy(T0 + 3 * MIN - 1)];
    expect(blockSeries(signalGraph(), candles, events)).toEqual([FALSE, TRUE, TRUE, FALSE, FALSE]);
  });

  it('a signal after the last bar or before the first one makes no bar true', () => {
    expect(blockSeries(signalGraph(), candles, [buy(T0 - 1), buy(T0 + 5 * MIN)])).toEqual([FALSE, FALSE, FALSE, FALSE, FALSE]);
  });

  it("live: a signal arriving during bar t is seen at t's close, never at an earlier bar", () => {
    const tape = new SignalTape(MIN, SIGNAL_TEST_MARKET);
    const stream = new StreamingEvaluator(compileStrategy(signalGraph(), { signals: tape }));
    expect(stream.push(barAt(candles, 0)).enter).toBe(-1);
    // Bar 1 is forming; the signal arrives 30 s into it.
    tape.append(SOURCE, buy(T0 + MIN + 30_000));
    expect(stream.push(barAt(candles, 1)).enter).toBe(0);
    expect(stream.push(barAt(candles, 2)).enter).toBe(-1);
    // One that arrives after bar 3 closed (while bar 4 forms) counts for bar 4.
    tape.append(SOURCE, buy(T0 + 4 * MIN + 5));
    expect(stream.push(barAt(candles, 3)).enter).toBe(-1);
    expect(stream.push(barAt(candles, 4)).enter).toBe(0);
  });
});

describe('"Signal received": filters', () => {
  const candles = flatCandles(4);
  const events = [buy(T0 + 10), sell(T0 + MIN + 10), buy(T0 + 2 * MIN + 10, 'ETH/USDT')];

  it('action buy / sell / any', () => {
    expect(blockSeries(signalGraph({ action: 'buy' }), candles, events)).toEqual([TRUE, FALSE, FALSE, FALSE]);
    expect(blockSeries(signalGraph({ action: 'sell' }), candles, events)).toEqual([FALSE, TRUE, FALSE, FALSE]);
    expect(blockSeries(signalGraph({ action: 'any' }), candles, events)).toEqual([TRUE, TRUE, FALSE, FALSE]);
  });

  it("market: the strategy's own by default, or the one named", () => {
    expect(blockSeries(signalGraph({ market: 'ETH/USDT' }), candles, events)).toEqual([FALSE, FALSE, TRUE, FALSE]);
  });

  it("maps TradingView's and Tradewind's actions onto buy and sell", () => {
    expect(['buy', 'open', 'sell', 'close', 'start_bot', 'stop_bot'].map(signalDirection)).toEqual([
      'buy',
      'buy',
      'sell',
      'sell',
      null,
      null,
    ]);
  });
});

describe('"Signal received": batch = streaming', () => {
  const candles = realCandles('btc1h');

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: the same block values and entries bar by bar, with the tape growing while live', (seed) => {
    for (const action of ['buy', 'sell', 'any']) {
      const g = signalGraph({ action }, true);
      const full = syntheticSignalFeed(candles, SOURCE, seed);
      const batch = evaluateBatch(compileStrategy(g, { signals: full }), candles);
      // Live: each signal is appended only once the market clock has reached it.
      const all = full.events(SOURCE);
      const barMs = full.barMs;
      const tape = new SignalTape(barMs, SIGNAL_TEST_MARKET);
      const stream = new StreamingEvaluator(compileStrategy(g, { signals: tape }));
      let next = 0;
      let trues = 0;
      for (let i = 0; i < candles.length; i++) {
        const close = candles.time[i]! + barMs;
        while (next < all.length && all[next]!.time < close) tape.append(SOURCE, all[next++]!);
        const live = stream.push(barAt(candles, i));
        expect(live).toEqual(signalAt(batch, i));
        const value = stream.value('sig', 'value');
        if (value !== batch.series('sig', 'value')![i])
          expect.fail(`seed ${seed} ${action}, bar ${i}: ${value} vs ${batch.series('sig', 'value')![i]}`);
        if (value === TRUE) trues++;
      }
      expect(trues).toBeGreaterThan(10);
    }
  });
});

describe('"Signal received": validation', () => {
  it('a source that is not configured is an error naming the block and what to do', () => {
    const issues = validateStrategyGraph(signalGraph(), { signalSources: [{ id: 'sig_ffffffffffffffff', name: 'Other' }] });
    expect(issues).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'unknown_signal_source', nodeId: 'sig', param: 'source' }),
    );
    const message = issues.find((i) => i.code === 'unknown_signal_source')!.message;
    expect(message).toContain('Signal received "sig"');
    expect(message).toContain(SOURCE);
    expect(message).toMatch(/pick an existing source/);
    expect(
      validateStrategyGraph(signalGraph(), { signalSources: [{ id: SOURCE, name: 'TV' }] }).filter((i) => i.severity === 'error'),
    ).toEqual([]);
  });

  it('no source chosen, or a malformed id or market, is an error; compile refuses it', () => {
    const none = signalGraph({ source: '' });
    expect(validateStrategyGraph(none)).toContainEqual(expect.objectContaining({ code: 'missing_input', nodeId: 'sig', param: 'source' }));
    expect(() => compileStrategy(none)).toThrow(StrategyCompileError);
    expect(validateStrategyGraph(signalGraph({ source: 'x; drop' }))).toContainEqual(
      expect.objectContaining({ code: 'param_invalid_text', param: 'source' }),
    );
    expect(validateStrategyGraph(signalGraph({ market: 'BTCUSDT!' }))).toContainEqual(
      expect.objectContaining({ code: 'param_invalid_text', param: 'market' }),
    );
  });
});

describe('"Signal received": backtest replay of the log', () => {
  const candles = flatCandles(10);

  it('enters at the open of the bar after the one the signal arrived in', () => {
    const signals = new SignalTape(MIN, SIGNAL_TEST_MARKET, { [SOURCE]: [buy(T0 + 3 * MIN + 20_000)] });
    const result = runBacktest({ strategy: signalGraph(), candles, signals });
    expect(result.trades.length + (result.openPosition ? 1 : 0)).toBe(1);
    expect(result.openPosition?.entryTime).toBe(T0 + 4 * MIN);
    expect(result.warnings.filter((w) => w.code === 'no_signals_in_range')).toEqual([]);
  });

  it('says plainly when the log has no matching signal in the range', () => {
    const signals = new SignalTape(MIN, SIGNAL_TEST_MARKET, { [SOURCE]: [buy(T0 + 20 * MIN), sell(T0 + MIN)] });
    const result = runBacktest({ strategy: signalGraph(), candles, signals });
    expect(result.openPosition).toBeNull();
    const warning = result.warnings.find((w) => w.code === 'no_signals_in_range');
    expect(warning).toMatchObject({ severity: 'warning', nodeId: 'sig' });
    expect(warning!.message).toContain(`no accepted buy signal for ${SIGNAL_TEST_MARKET}`);
    expect(warning!.message).toContain('2 accepted signal(s), 1 in this range');
  });

  it('without any feed (an alert preview) the block is false and compile warns', () => {
    const compiled = compileStrategy(signalGraph());
    expect(compiled.warnings).toContainEqual(expect.objectContaining({ code: 'no_signal_feed', nodeId: 'sig' }));
    expect([...evaluateBatch(compiled, candles).series('sig', 'value')!].every((v) => v === FALSE)).toBe(true);
  });
});
