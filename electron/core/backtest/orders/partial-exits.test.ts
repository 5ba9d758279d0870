/**
 * Several take-profits with partial exits and the break-even stop, on hand-made bars with every
 * fill, fee and pnl worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../run-backtest';
import { bars, orderGraph } from './order-test-graph';

const NO_FEES = { startingCash: 1000, feeRate: 0, slippageBps: 0, amountStep: 1 };
const FEES = { ...NO_FEES, feeRate: 0.001 };
const rows = (r: ReturnType<typeof runBacktest>) => r.trades.map((t) => [t.entryBar, t.exitBar, t.exitPrice, t.amount, t.exitReason]);

const TWO_TARGETS = [
  { id: 't1', type: 'partialTakeProfit' as const, params: { share: 50, percent: 2 } },
  { id: 't2', type: 'partialTakeProfit' as const, params: { share: 50, percent: 4 } },
];

describe('partial take-profits', () => {
  it('50 % at +2 %, the rest at +4 %: the share rounds down to the step, the last target closes the exact remainder', () => {
    const candles = bars([
      [99, 99, 98, 99],
      [99, 101, 98, 101], // crosses above 100: buy at bar 2's open
      [100, 101, 99, 100], // amount floor(1000 / (100 × 1.001)) = 9; cost 900, fee 0.9, cash 99.1. Targets 102 and 104
      [101, 103, 100, 102], // high 103 ≥ 102: floor(9 × 50 %) = 4 sold at 102
      [102, 105, 101, 104], // high 105 ≥ 104: the shares reach 100 %, the remaining 5 sold at 104
      [104, 104, 103, 103],
    ]);
    const r = runBacktest({ strategy: orderGraph({ linked: TWO_TARGETS }), candles, settings: FEES });
    expect(rows(r)).toEqual([
      [2, 3, 102, 4, 'partialTakeProfit'],
      [2, 4, 104, 5, 'partialTakeProfit'],
    ]);
    const [first, second] = r.trades as [(typeof r.trades)[0], (typeof r.trades)[0]];
    // 4/9 of the entry's 900.9: 400.4 (fee share 0.4); 408 − 0.408 fee − 400.4 = 7.192
    expect(first.pnl).toBeCloseTo(7.192, 9);
    expect(first.fees).toBeCloseTo(0.808, 9);
    expect(first.pnlPct).toBeCloseTo((7.192 / 400.4) * 100, 9);
    // The rest of the basis, 500.5 (fee share 0.5); 520 − 0.52 − 500.5 = 18.98
    expect(second.pnl).toBeCloseTo(18.98, 9);
    expect(second.fees).toBeCloseTo(1.02, 9);
    expect(r.openPosition).toBeNull();
    // 99.1 + (408 − 0.408) + (520 − 0.52)
    expect(r.metrics.finalEquity).toBeCloseTo(1026.172, 9);
    expect(r.metrics.feesPaid).toBeCloseTo(0.9 + 0.408 + 0.52, 9);
  });

  it('a bar opening above several targets fills them all at the open; shares under 100 % leave the rest to the other exits', () => {
    const candles = bars([
      [99, 99, 98, 99],
      [99, 101, 98, 101],
      [100, 101, 99, 100], // 10 bought at 100; targets 30 % at 102, 30 % at 103
      [105, 106, 104, 105], // opens at 105 above both: 3 and 3 sold at 105
      [105, 106, 104, 105],
    ]);
    const g = orderGraph({
      linked: [
        { id: 't1', type: 'partialTakeProfit', params: { share: 30, percent: 2 } },
        { id: 't2', type: 'partialTakeProfit', params: { share: 30, percent: 3 } },
      ],
    });
    const r = runBacktest({ strategy: g, candles, settings: NO_FEES });
    expect(rows(r)).toEqual([
      [2, 3, 105, 3, 'partialTakeProfit'],
      [2, 3, 105, 3, 'partialTakeProfit'],
    ]);
    expect(r.openPosition).toMatchObject({ amount: 4, entryPrice: 100, markPrice: 105, unrealisedPnl: 20 });
  });

  it('the stop comes before the targets in a bar that reaches both; a full take-profit closes what the partial left', () => {
    const candles = bars([
      [99, 99, 98, 99],
      [99, 101, 98, 101],
      [100, 101, 99.5, 100], // 10 at 100; stop 98, partial 50 % at 102, full target at 105
      [100, 103, 99, 102], // 5 sold at 102
      [102, 106, 101, 105], // full target 105: the remaining 5 at 105
    ]);
    const g = orderGraph({
      linked: [
        { id: 't1', type: 'partialTakeProfit', params: { share: 50, percent: 2 } },
        { id: 'tp', type: 'takeProfit', params: { percent: 5 } },
        { id: 'sl', type: 'stopLoss', params: { percent: 2 } },
      ],
    });
    const r = runBacktest({ strategy: g, candles, settings: NO_FEES });
    expect(rows(r)).toEqual([
      [2, 3, 102, 5, 'partialTakeProfit'],
      [2, 4, 105, 5, 'takeProfit'],
    ]);
    // The same trade on a bar that reaches the stop (98) and the target (102): the stop, for all 10.
    const both = bars([
      [99, 99, 98, 99],
      [99, 101, 98, 101],
      [100, 101, 99.5, 100],
      [100, 103, 97, 99],
    ]);
    expect(rows(runBacktest({ strategy: g, candles: both, settings: NO_FEES }))).toEqual([[2, 3, 98, 10, 'stopLoss']]);
  });

  it('wired partial targets fill at their level (fixed at the signal bar)', () => {
    const g = orderGraph({
      linked: [{ id: 'atHigh', type: 'partialTargetAtPrice', params: { share: 50, mode: 'entry' } }],
      extraNodes: [],
      extraEdges: [],
    });
    // Level: the signal bar's high + 2 (a Number block wired through Add).
    g.nodes.push(
      { id: 'two', type: 'constant', params: { value: 2 }, position: { x: 0, y: 0 } },
      { id: 'level', type: 'add', params: {}, position: { x: 0, y: 0 } },
    );
    g.edges.push(
      { from: { node: 'candle', port: 'high' }, to: { node: 'level', port: 'a' } },
      { from: { node: 'two', port: 'value' }, to: { node: 'level', port: 'b' } },
      { from: { node: 'level', port: 'value' }, to: { node: 'atHigh', port: 'price' } },
    );
    const candles = bars([
      [99, 99, 98, 99],
      [99, 101, 98, 101], // signal; level 101 + 2 = 103
      [100, 102, 99, 101], // 10 at 100
      [101, 104, 100, 103], // high 104 ≥ 103: 5 at 103
    ]);
    const r = runBacktest({ strategy: g, candles, settings: NO_FEES });
    expect(rows(r)).toEqual([[2, 3, 103, 5, 'partialTakeProfit']]);
    expect(r.trades[0]!.pnl).toBe(15);
  });
});

describe('break-even stop', () => {
  it('arms when target 1 fills and applies from the next bar, at the entry price', () => {
    const candles = bars([
      [99, 99, 98, 99],
      [99, 101, 98, 101],
      [100, 101, 99.5, 100], // 10 at 100
      [101, 103, 99.5, 101], // 5 at 102; this bar's low 99.5 is below the entry, but the stop moves only after
      [101, 101.5, 100.5, 101], // stop at 100 untouched
      [100.5, 101, 99, 99.5], // low 99 ≤ 100: the other 5 at 100
    ]);
    const g = orderGraph({
      linked: [...TWO_TARGETS, { id: 'be', type: 'breakEvenStop', params: { afterTarget: 1, fees: 'entry' } }],
    });
    const r = runBacktest({ strategy: g, candles, settings: NO_FEES });
    expect(rows(r)).toEqual([
      [2, 3, 102, 5, 'partialTakeProfit'],
      [2, 5, 100, 5, 'breakEven'],
    ]);
    expect(r.trades[1]!.pnl).toBe(0);
  });

  it('entry plus fees: the stop sits where closing pays back both fees (pnl 0 for the rest)', () => {
    const candles = bars([
      [99, 99, 98, 99],
      [99, 101, 98, 101],
      [100, 101, 99.5, 100], // 9 at 100 (fee 0.1 %): basis 900.9
      [101, 103, 100.5, 101], // 4 at 102
      [100.5, 101, 99, 99.5], // stop 100 × 1.001 / 0.999 = 100.2002…: the other 5 there
    ]);
    const g = orderGraph({
      linked: [...TWO_TARGETS, { id: 'be', type: 'breakEvenStop', params: { afterTarget: 1, fees: 'entryPlusFees' } }],
    });
    const r = runBacktest({ strategy: g, candles, settings: FEES });
    const last = r.trades[1]!;
    expect(last).toMatchObject({ exitBar: 4, amount: 5, exitReason: 'breakEven' });
    expect(last.exitPrice).toBeCloseTo((100 * 1.001) / 0.999, 9);
    // 5 × 100.2002… × 0.999 = 500.5 = the rest's basis (5/9 of 900.9)
    expect(last.pnl).toBeCloseTo(0, 9);
  });
});
