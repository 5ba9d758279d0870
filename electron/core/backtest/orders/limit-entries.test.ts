/**
 * Limit entries with an expiry, on hand-made bars: a limit fills when the bar opens at or past it
 * (at the open) or trades through it (at the limit); touching it is not enough.
 */
import { describe, expect, it } from 'vitest';
import { edge } from '../../../../shared/strategy/templates/graph-builder';
import { runBacktest } from '../run-backtest';
import { bars, orderGraph, type Linked } from './order-test-graph';

const SETTINGS = { startingCash: 1000, feeRate: 0, slippageBps: 10, amountStep: 1 };
const offset = (extra: Linked[] = []) =>
  orderGraph({ linked: [{ id: 'dip', type: 'offsetEntry', params: { offsetPct: -1, expiryBars: 2 } }, ...extra] });
const rows = (r: ReturnType<typeof runBacktest>) =>
  r.trades.map((t) => [t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.amount, t.exitReason]);

// Bars 0–1 give the signal at bar 1's close (101): limit 101 × 0.99 = 99.99, resting on bars 2 and 3.
const SIGNAL: [number, number, number, number][] = [
  [99, 99, 98, 99],
  [99, 101, 98, 101],
];

describe('limit entries', () => {
  it('touching the limit does not fill; unfilled after its bars it is cancelled, and the run says so', () => {
    const candles = bars([
      ...SIGNAL,
      [100.5, 101, 100, 100.5], // low 100 > 99.99
      [100.2, 100.5, 99.99, 100], // low = 99.99: touched only; cancelled at this close (2 bars)
      [100, 100, 98, 99], // trades through 99.99, but the order is gone
    ]);
    const r = runBacktest({ strategy: offset(), candles, settings: SETTINGS });
    expect(r.trades).toEqual([]);
    expect(r.openPosition).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('limit_entries_expired');
  });

  it('a bar trading through the limit fills at the limit, without slippage; targets wait for the next bar', () => {
    const candles = bars([
      ...SIGNAL,
      [100.5, 101, 100, 100.5],
      [100.2, 100.5, 99.5, 100.3], // low 99.5 < 99.99: 10 bought at 99.99 (1000 / 99.99 = 10.001); high 100.5 above the target, same bar: not taken
      [100.3, 100.6, 100.2, 100.5], // target 99.99 × 1.005 = 100.48995 reached
    ]);
    const r = runBacktest({ strategy: offset([{ id: 'tp', type: 'takeProfit', params: { percent: 0.5 } }]), candles, settings: SETTINGS });
    expect(rows(r)).toEqual([[3, 99.99, 4, 99.99 * 1.005, 10, 'takeProfit']]);
    expect(r.warnings.map((w) => w.code)).not.toContain('limit_entries_expired');
  });

  it('the stop is checked in the bar the limit filled in', () => {
    const candles = bars([
      ...SIGNAL,
      [100.5, 101, 99.5, 100], // fills at 99.99; stop 99.99 × 0.998 = 99.79002 ≥ low 99.5: stopped, less 10 bps slippage
      [100, 100, 99, 99.5],
    ]);
    const r = runBacktest({ strategy: offset([{ id: 'sl', type: 'stopLoss', params: { percent: 0.2 } }]), candles, settings: SETTINGS });
    expect(rows(r)).toEqual([[2, 99.99, 2, 99.99 * 0.998 * 0.999, 10, 'stopLoss']]);
  });

  it('a bar opening at or below the limit fills at its open', () => {
    const candles = bars([
      ...SIGNAL,
      [99.5, 100, 99, 99.8], // opens at 99.5 ≤ 99.99: 10 at 99.5
      [99.8, 100, 99.6, 99.9],
    ]);
    const r = runBacktest({ strategy: offset(), candles, settings: SETTINGS });
    expect(r.openPosition).toMatchObject({ entryTime: 2 * 3_600_000, entryPrice: 99.5, amount: 10 });
  });

  it('a wired limit price is the value at the signal bar’s close; a short limit fills when the bar trades up through it', () => {
    // Short when the close crosses below 100, at a limit of the signal bar's high.
    const g = orderGraph({
      short: true,
      linked: [{ id: 'atHigh', type: 'limitEntry', params: { expiryBars: 3 } }],
      entryParams: { borrowPctPerBar: 0 },
    });
    g.edges.push(edge('candle.high', 'atHigh.price'));
    const candles = bars([
      [101, 101, 100, 101],
      [101, 101.5, 99, 99], // crosses below 100: sell limit at 101.5
      [99, 100, 98.5, 99.5], // high 100 < 101.5
      [100, 102, 99.5, 101], // high 102 > 101.5: 9 sold short at 101.5 (1000 / 101.5 = 9.85)
    ]);
    const r = runBacktest({ strategy: g, candles, settings: SETTINGS });
    expect(r.openPosition).toMatchObject({ side: 'short', entryPrice: 101.5, amount: 9, markPrice: 101 });
    // Sold 9 × 101.5 = 913.5; owes 9 × 101 at the mark
    expect(r.openPosition!.unrealisedPnl).toBeCloseTo(4.5, 9);
  });
});
