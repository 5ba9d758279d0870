/**
 * The signal-only fill loop (simulate-signals.ts) against the bar-by-bar one it stands in for:
 * the same trades, open position, equity and drawdown curves, metrics inputs and progress
 * calls, on real data with the templates' own conditions and with random multi-rule
 * conditions (seeded, so a failure repeats).
 */
import { describe, expect, it } from 'vitest';
import { BacktestSettingsSchema, type BacktestSettingsInput } from '../../../shared/strategy/backtest-schema';
import { STRATEGY_TEMPLATES } from '../../../shared/strategy/templates/index';
import { allocateColumns, type CandleColumns } from '../strategy/candle-columns';
import { evaluateBatch } from '../strategy/compiler/batch-evaluator';
import { compileStrategy, type EntryRule } from '../strategy/compiler/compile';
import { everyBlockGraph, everyBlockOtherMarkets } from '../strategy/test-support/every-block-graph';
import { realCandles } from '../strategy/test-support/real-candles';
import { medianInterval } from './metrics';
import { seededRandom } from './optimiser/search';
import { simulate, simulateEveryBar, type SimulationInput, type SimulationResult } from './simulate';
import { signalsOnly, simulateSignals } from './simulate-signals';

function rule(nodeId: string, condition: number, sizing: EntryRule['sizing'], size: number): EntryRule {
  const none = { stopLossPct: null, takeProfitPct: null, trailingStopPct: null, stopLevel: null, targetLevel: null };
  return { nodeId, condition, sizing, size, ...none };
}

/** Bit-for-bit equal columns (a plain loop: deep equality is slow on 200k-element arrays). */
function expectSameColumn(label: string, a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect.fail(`${label} differs at bar ${i}: ${a[i]} vs ${b[i]}`);
}

/** Runs both loops on one input and asserts they agree on everything a backtest reads. */
function expectSameRun(input: SimulationInput): SimulationResult {
  expect(signalsOnly(input)).toBe(true);
  const progressFast: number[] = [];
  const progressSlow: number[] = [];
  const fast = simulateSignals({ ...input, onBars: (done) => progressFast.push(done) });
  const slow = simulateEveryBar({ ...input, onBars: (done) => progressSlow.push(done) });
  expect(fast.trades).toEqual(slow.trades);
  expect(fast.openPosition).toEqual(slow.openPosition);
  expect([fast.exposedBars, fast.feesPaid, fast.skippedEntries]).toEqual([slow.exposedBars, slow.feesPaid, slow.skippedEntries]);
  expect(fast.equity.last).toBe(slow.equity.last);
  expectSameColumn('equity', fast.equity.equity, slow.equity.equity);
  expectSameColumn('drawdown', fast.equity.drawdownPct, slow.equity.drawdownPct);
  const times = input.candles.time.subarray(input.from, input.to);
  const interval = medianInterval(times);
  expect(fast.equity.summary(times, interval)).toEqual(slow.equity.summary(times, interval));
  expect(progressFast).toEqual(progressSlow);
  return fast;
}

function settings(random: () => number): ReturnType<typeof BacktestSettingsSchema.parse> {
  const input: BacktestSettingsInput = {
    startingCash: [100, 10_000, 1_000_000][Math.floor(random() * 3)]!,
    feeRate: Math.floor(random() * 5) / 1000,
    slippageBps: Math.floor(random() * 20),
    amountStep: [1e-8, 0.001, 1][Math.floor(random() * 3)]!,
  };
  return BacktestSettingsSchema.parse(input);
}

/** Random tri-state conditions: mostly false, some unknown runs, true with probability `p`. */
function randomConditions(random: () => number, n: number, p: number): Uint8Array {
  const c = new Uint8Array(n);
  for (let i = 0; i < n; i++) c[i] = i < 40 || random() < 0.01 ? 2 : random() < p ? 1 : 0;
  return c;
}

/** `copies` of the bars end to end (times shifted), to cross several progress steps. */
function repeated(candles: CandleColumns, copies: number): CandleColumns {
  const n = candles.length;
  const out = allocateColumns(n * copies);
  const span = candles.time[n - 1]! - candles.time[0]! + (candles.time[1]! - candles.time[0]!);
  for (let k = 0; k < copies; k++) {
    for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) out[field].set(candles[field], k * n);
    for (let i = 0; i < n; i++) out.time[k * n + i] = candles.time[i]! + k * span;
  }
  return out;
}

describe('signal-only fill loop = bar-by-bar fill loop', () => {
  it.each(['btc1h', 'eth5m', 'xrpEth5m'] as const)('%s: every template, random settings and ranges', (name) => {
    const candles = realCandles(name);
    const random = seededRandom(name.length * 104_729);
    let trades = 0;
    for (const template of STRATEGY_TEMPLATES) {
      const compiled = compileStrategy(template.graph());
      const evaluation = evaluateBatch(compiled, candles);
      for (let k = 0; k < 4; k++) {
        const from = k === 0 ? 0 : Math.floor(random() * candles.length * 0.5);
        const to = k === 0 ? candles.length : from + 1 + Math.floor(random() * (candles.length - from - 1));
        for (const keepCurves of [true, false]) {
          const result = expectSameRun({
            candles,
            entryConditions: evaluation.entryConditions,
            exitConditions: evaluation.exitConditions,
            entries: compiled.entries,
            settings: settings(random),
            from,
            to,
            keepCurves,
            positions: evaluation.positions,
          });
          trades += result.trades.length;
        }
      }
    }
    // The comparison means something only if the runs trade.
    expect(trades).toBeGreaterThan(100);
  });

  it('several entry and exit rules (the first true entry rule fills), sizing by quote amount, skipped entries', () => {
    const candles = realCandles('btc1h');
    const n = candles.length;
    const random = seededRandom(7);
    const seen = { trades: 0, skipped: 0, byRule: new Set<string>() };
    for (let k = 0; k < 20; k++) {
      const entries = [
        rule('a', 0, 'percentOfEquity', 10 + Math.floor(random() * 91)),
        rule('b', 1, 'quoteAmount', [1, 500, 50_000][k % 3]!),
        rule('c', 2, 'percentOfEquity', 100),
      ];
      const p = [0.002, 0.02, 0.3][k % 3]!;
      const result = expectSameRun({
        candles,
        entryConditions: entries.map(() => randomConditions(random, n, p)),
        exitConditions: [randomConditions(random, n, p), randomConditions(random, n, p / 2)],
        entries,
        settings: settings(random),
        from: Math.floor(random() * 100),
        to: n - Math.floor(random() * 100),
        keepCurves: k % 2 === 0,
      });
      seen.trades += result.trades.length;
      seen.skipped += result.skippedEntries;
      for (const t of result.trades) seen.byRule.add(t.entryNodeId);
    }
    expect(seen.trades).toBeGreaterThan(100);
    expect(seen.skipped).toBeGreaterThan(0);
    expect([...seen.byRule].sort()).toEqual(['a', 'b', 'c']);
  });

  it('a run over several progress steps reports the same progress and results', () => {
    const candles = repeated(realCandles('eth5m'), 60);
    expect(candles.length).toBeGreaterThan(3 * 65_536);
    const compiled = compileStrategy(STRATEGY_TEMPLATES.find((t) => t.name === 'sma-cross')!.graph());
    const evaluation = evaluateBatch(compiled, candles);
    const result = expectSameRun({
      candles,
      entryConditions: evaluation.entryConditions,
      exitConditions: evaluation.exitConditions,
      entries: compiled.entries,
      settings: BacktestSettingsSchema.parse({ feeRate: 0.001, slippageBps: 2 }),
      from: 123,
      to: candles.length,
    });
    expect(result.trades.length).toBeGreaterThan(100);
  });

  it('is not used when an entry has a protective order or the strategy reads its position', () => {
    const candles = realCandles('btc1h');
    const enter = new Uint8Array(candles.length);
    const base = {
      candles,
      entryConditions: [enter],
      exitConditions: [enter],
      settings: BacktestSettingsSchema.parse({}),
      from: 0,
      to: candles.length,
    };
    const plain = rule('e', 0, 'percentOfEquity', 100);
    expect(signalsOnly({ ...base, entries: [plain] })).toBe(true);
    expect(signalsOnly({ ...base, entries: [plain, { ...plain, stopLossPct: 2 }] })).toBe(false);
    expect(signalsOnly({ ...base, entries: [{ ...plain, takeProfitPct: 5 }] })).toBe(false);
    expect(signalsOnly({ ...base, entries: [{ ...plain, trailingStopPct: 1 }] })).toBe(false);
    expect(signalsOnly({ ...base, entries: [{ ...plain, stopLevel: { slot: 6, follow: false } }] })).toBe(false);
    const positional = evaluateBatch(compileStrategy(everyBlockGraph()), candles, {
      timeframe: '1h',
      otherMarkets: everyBlockOtherMarkets(candles),
    });
    expect(signalsOnly({ ...base, entries: [plain], positions: positional.positions })).toBe(false);
    const level = { stop: new Float64Array(candles.length), followStop: false, target: null, followTarget: false };
    expect(signalsOnly({ ...base, entries: [plain], levels: [level] })).toBe(false);
    // simulate itself still answers such a run bar by bar.
    const stopped = { ...base, entries: [{ ...plain, stopLossPct: 2 }] };
    expect(simulate(stopped).trades).toEqual(simulateEveryBar(stopped).trades);
  });
});
