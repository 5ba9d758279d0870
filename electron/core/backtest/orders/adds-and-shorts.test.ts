/**
 * Adds to a position (average entry, cap on adds, the Position block) and short selling (mirrored
 * stops and targets, borrowing cost), on hand-made bars worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import { edge, node } from '../../../../shared/strategy/templates/graph-builder';
import { compileStrategy } from '../../strategy/compiler/compile';
import { evaluateBatch, signalAt } from '../../strategy/compiler/batch-evaluator';
import { StreamingEvaluator } from '../../strategy/compiler/streaming-evaluator';
import { BacktestSettingsSchema } from '../../../../shared/strategy/backtest-schema';
import { runBacktest } from '../run-backtest';
import { orderPlans } from './order-plans';
import { simulateOrders } from './simulate-orders';
import { bars, HOUR, orderGraph } from './order-test-graph';

const SETTINGS = { startingCash: 1000, feeRate: 0, slippageBps: 0, amountStep: 1 };

/** Enter with half the equity; add half the equity once when the Position block shows < −2 %; take 2 % from the average. */
function averagingGraph() {
  return orderGraph({
    entryParams: { size: 50 },
    linked: [
      { id: 'add', type: 'addToPosition', params: { sizing: 'percentOfEquity', size: 50, maxAdds: 1 } },
      { id: 'tp', type: 'takeProfit', params: { percent: 2 } },
    ],
    extraNodes: [node('pos', 'position', {}, 1, 2), node('down', 'lessThan', { b: -2 }, 2, 2)],
    extraEdges: [edge('pos.unrealisedPct', 'down.a'), edge('down.value', 'add.when')],
  });
}

const AVERAGING_BARS = bars([
  [99, 99, 98, 99],
  [99, 101, 98, 101], // signal
  [100, 100.5, 99, 99.5], // 5 at 100 (500 of 1000); unrealised −0.5 %
  [99.5, 99.5, 97, 97.5], // unrealised −2.5 % < −2: add at the next open
  [95, 96, 94.5, 95.5], // add: equity at 95 = 500 + 475 = 975, half = 487.5 → 5 at 95 (cash 25); average 97.5; −2.05 %, but the cap is 1 add
  [96, 100, 95.5, 99], // target 97.5 × 1.02 = 99.45: all 10 there
]);

describe('adding to a position', () => {
  it('keeps the average entry, caps the adds, and measures % targets from the average', () => {
    const r = runBacktest({ strategy: averagingGraph(), candles: AVERAGING_BARS, settings: SETTINGS });
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0]!;
    expect(t).toMatchObject({ entryBar: 2, entryPrice: 97.5, exitBar: 5, amount: 10, exitReason: 'takeProfit' });
    expect(t.exitPrice).toBeCloseTo(99.45, 12);
    // 10 × 99.45 − (500 + 475)
    expect(t.pnl).toBeCloseTo(19.5, 9);
    expect(r.metrics.finalEquity).toBeCloseTo(1019.5, 9);
  });

  it('a partial target’s share counts the adds; nearer targets fill first within a bar', () => {
    const g = averagingGraph();
    g.nodes.push(node('half', 'partialTakeProfit', { share: 50, percent: 1 }, 3, 5));
    g.edges.push(edge('enter.position', 'half.entry'));
    const r = runBacktest({ strategy: g, candles: AVERAGING_BARS, settings: SETTINGS });
    // Bar 5 reaches 97.5 × 1.01 = 98.475 (half of the 10 bought) and then 99.45 (the rest)
    expect(r.trades.map((t) => [t.exitBar, t.amount, t.exitReason, t.entryPrice])).toEqual([
      [5, 5, 'partialTakeProfit', 97.5],
      [5, 5, 'takeProfit', 97.5],
    ]);
    expect(r.trades[0]!.exitPrice).toBeCloseTo(98.475, 12);
    // Each half carries half the 975 paid: 492.375 − 487.5 and 497.25 − 487.5
    expect(r.trades[0]!.pnl).toBeCloseTo(4.875, 9);
    expect(r.trades[1]!.pnl).toBeCloseTo(9.75, 9);
  });

  it('the Position block reports the average entry; streaming with the same positions gives the same signals', () => {
    const compiled = compileStrategy(averagingGraph());
    const evaluation = evaluateBatch(compiled, AVERAGING_BARS);
    simulateOrders({
      candles: AVERAGING_BARS,
      plans: orderPlans(compiled, evaluation),
      settings: BacktestSettingsSchema.parse(SETTINGS),
      from: 0,
      to: AVERAGING_BARS.length,
      positions: evaluation.positions,
    });
    const entry = evaluation.series('pos', 'entryPrice') as Float64Array;
    expect([...entry]).toEqual([NaN, NaN, 100, 100, 97.5, NaN]);
    const stream = new StreamingEvaluator(compiled);
    const held = [false, false, true, true, true, false];
    for (let i = 0; i < AVERAGING_BARS.length; i++) {
      const { time, open, high, low, close, volume } = AVERAGING_BARS;
      const snapshot = held[i]
        ? { open: true, entryPrice: entry[i]!, entryTime: 2 * HOUR }
        : { open: false, entryPrice: NaN, entryTime: NaN };
      const bar = { time: time[i]!, open: open[i]!, high: high[i]!, low: low[i]!, close: close[i]!, volume: volume[i]! };
      expect(stream.push(bar, snapshot)).toEqual(signalAt(evaluation, i));
    }
    expect(signalAt(evaluation, 3).adds).toEqual([0]);
    evaluation.release();
  });
});

describe('short selling', () => {
  it('sells at the open, pays the borrow rate at each close held, buys back at the mirrored target', () => {
    const candles = bars([
      [101, 101, 100, 101],
      [101, 101, 99, 99], // crosses below 100
      [100, 102, 98, 99], // 10 sold short at 100 (cash 2000); stop 105, target 90; borrow 0.1 % of 10 × 99 = 0.99
      [98, 99, 89, 90], // low 89 ≤ 90: bought back at 90
    ]);
    const g = orderGraph({
      short: true,
      entryParams: { borrowPctPerBar: 0.1 },
      linked: [
        { id: 'sl', type: 'stopLoss', params: { percent: 5 } },
        { id: 'tp', type: 'takeProfit', params: { percent: 10 } },
      ],
    });
    const r = runBacktest({ strategy: g, candles, settings: SETTINGS });
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0]!;
    expect(t).toMatchObject({
      side: 'short',
      entryPrice: 100,
      exitPrice: 90,
      amount: 10,
      exitReason: 'takeProfit',
      entryBar: 2,
      exitBar: 3,
    });
    expect(t.borrowCost).toBeCloseTo(0.99, 12);
    // 1000 − 900 − 0.99
    expect(t.pnl).toBeCloseTo(99.01, 9);
    expect(r.metrics.finalEquity).toBeCloseTo(1099.01, 9);
    // Equity at bar 2's close: 2000 − 0.99 − 10 × 99
    expect(r.curves.equity[2]).toBeCloseTo(1009.01, 9);
    expect(r.warnings.map((w) => w.code)).not.toContain('short_costs_not_modelled');
  });

  it('a bar opening above the stop buys back at the open plus slippage; the exit-short signal buys back at the next open', () => {
    const g = orderGraph({
      short: true,
      entryParams: { borrowPctPerBar: 0 },
      linked: [{ id: 'sl', type: 'stopLoss', params: { percent: 5 } }],
    });
    const gap = bars([
      [101, 101, 100, 101],
      [101, 101, 99, 99],
      [100, 101, 98, 99], // 10 short at 100 × (1 − 0.001) = 99.9 (1000 / (99.9) → 10); stop 99.9 × 1.05 = 104.895
      [106, 107, 105, 106], // opens above: bought back at 106 × 1.001
    ]);
    const r = runBacktest({ strategy: g, candles: gap, settings: { ...SETTINGS, slippageBps: 10 } });
    expect(r.trades.map((t) => [t.entryPrice, t.exitPrice, t.exitReason])).toEqual([[99.9, 106 * 1.001, 'stopLoss']]);
    expect(r.trades[0]!.pnl).toBeCloseTo(10 * 99.9 - 10 * 106 * 1.001, 9);
    expect(r.warnings.map((w) => w.code)).toContain('short_costs_not_modelled');

    g.nodes.push(node('up', 'crossesAbove', { b: 100 }, 1, 3), node('cover', 'exitShort', {}, 2, 3));
    g.edges.push(edge('candle.close', 'up.a'), edge('up.value', 'cover.when'));
    const round = bars([
      [101, 101, 100, 101],
      [101, 101, 99, 99],
      [100, 101, 98, 100.5], // 10 short at 99.9; crosses back above 100: cover at the next open
      [101, 102, 100, 101], // bought back at 101 × 1.001
    ]);
    const covered = runBacktest({ strategy: g, candles: round, settings: { ...SETTINGS, slippageBps: 10 } });
    expect(covered.trades.map((t) => [t.exitBar, t.exitPrice, t.exitReason])).toEqual([[3, 101 * 1.001, 'signal']]);
  });

  it('partial targets and the break-even stop are mirrored: targets below, the stop above at entry × (1 − fee) ÷ (1 + fee)', () => {
    const g = orderGraph({
      short: true,
      entryParams: { borrowPctPerBar: 0 },
      linked: [
        { id: 't1', type: 'partialTakeProfit', params: { share: 50, percent: 2 } },
        { id: 't2', type: 'partialTakeProfit', params: { share: 50, percent: 6 } },
        { id: 'be', type: 'breakEvenStop', params: { afterTarget: 1, fees: 'entryPlusFees' } },
      ],
    });
    const candles = bars([
      [101, 101, 100, 101],
      [101, 101, 99, 99],
      [100, 100.5, 99, 99.5], // 9 short at 100 (1000 / (100 × 1.001) = 9.99); proceeds 900 − 0.9 fee
      [99, 99.5, 97, 98.5], // low 97 ≤ 98: floor(9 × 50 %) = 4 bought back at 98
      [99, 100.5, 98.5, 100], // high ≥ 100 × 0.999 / 1.001 = 99.8002: the other 5 there
    ]);
    const r = runBacktest({ strategy: g, candles, settings: { ...SETTINGS, feeRate: 0.001 } });
    expect(r.trades.map((t) => [t.exitBar, t.amount, t.exitReason])).toEqual([
      [3, 4, 'partialTakeProfit'],
      [4, 5, 'breakEven'],
    ]);
    // 4/9 of 899.1 = 399.6; 399.6 − 4 × 98 × 1.001
    expect(r.trades[0]!.pnl).toBeCloseTo(399.6 - 392.392, 9);
    expect(r.trades[1]!.exitPrice).toBeCloseTo((100 * 0.999) / 1.001, 12);
    // 5/9 of 899.1 = 499.5 = 5 × 99.8002 × 1.001
    expect(r.trades[1]!.pnl).toBeCloseTo(0, 9);
  });

  it('the Position block measures a short’s unrealised profit downwards', () => {
    const g = orderGraph({
      short: true,
      entryParams: { borrowPctPerBar: 0 },
      extraNodes: [node('pos', 'position', {}, 1, 2), node('gain', 'greaterThan', { b: 0 }, 2, 2), node('cover', 'exitShort', {}, 3, 2)],
      extraEdges: [edge('pos.unrealisedPct', 'gain.a'), edge('gain.value', 'cover.when')],
    });
    const compiled = compileStrategy(g);
    const candles = bars([
      [101, 101, 100, 101],
      [101, 101, 99, 99],
      [100, 101, 97, 98], // short at 100; close 98: +2 %
      [98, 99, 97, 98.5],
    ]);
    const evaluation = evaluateBatch(compiled, candles);
    simulateOrders({
      candles,
      plans: orderPlans(compiled, evaluation),
      settings: BacktestSettingsSchema.parse(SETTINGS),
      from: 0,
      to: 4,
      positions: evaluation.positions,
    });
    const pct = evaluation.series('pos', 'unrealisedPct') as Float64Array;
    expect(pct[2]).toBeCloseTo(2, 12);
    expect(signalAt(evaluation, 2).exitShort).toBe(true);
    evaluation.release();
  });
});
