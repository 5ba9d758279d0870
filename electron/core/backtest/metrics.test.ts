import { describe, expect, it } from 'vitest';
import type { BacktestTrade } from '../../../shared/strategy/backtest-schema';
import { EquityCurve } from './equity-curve';
import { computeMetrics, medianInterval } from './metrics';

const DAY = 86_400_000;

function curveOf(start: number, values: number[]): EquityCurve {
  const curve = new EquityCurve(values.length, start);
  values.forEach((v, k) => curve.record(k, v));
  return curve;
}

function trade(pnl: number, entryTime: number, exitTime: number): BacktestTrade {
  return {
    entryTime,
    entryPrice: 1,
    exitTime,
    exitPrice: 1,
    amount: 1,
    pnl,
    pnlPct: pnl,
    fees: 0,
    exitReason: 'signal',
    entryNodeId: 'enter',
    entryBar: 0,
    exitBar: 1,
  };
}

describe('equity curve', () => {
  it('finds the deepest drawdown, its duration from the peak to the recovery, and the drawdown curve', () => {
    const times = Float64Array.from([0, 1, 2, 3, 4, 5].map((d) => d * DAY));
    const curve = curveOf(100, [110, 99, 88, 105, 121, 100]);
    const s = curve.summary(times, DAY);
    // Peak 110 (day 0) → trough 88 (day 2): 20 %; regained on day 4 (121 ≥ 110).
    expect(s.maxDrawdownPct).toBeCloseTo(20, 12);
    expect(s.maxDrawdownDurationMs).toBe(4 * DAY);
    expect(s.maxDrawdownRecovered).toBe(true);
    const expected = [0, 10, 20, (5 / 110) * 100, 0, (21 / 121) * 100];
    Array.from(curve.drawdownPct).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 10));
  });

  it('runs an unrecovered drawdown to the last bar', () => {
    const times = Float64Array.from([0, 1, 2].map((d) => d * DAY));
    const s = curveOf(100, [100, 90, 95]).summary(times, DAY);
    expect(s.maxDrawdownPct).toBeCloseTo(10, 12);
    expect(s.maxDrawdownRecovered).toBe(false);
    // The peak is the starting cash, held at the first bar.
    expect(s.maxDrawdownDurationMs).toBe(2 * DAY);
  });

  it('annualises Sharpe and Sortino of per-bar returns from the bar interval', () => {
    const values = [101, 100.5, 102, 101, 103];
    const times = Float64Array.from(values.map((_, d) => d * DAY));
    const s = curveOf(100, values).summary(times, DAY);
    const returns = values.map((v, i) => v / (i === 0 ? 100 : values[i - 1]!) - 1);
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1));
    const downside = Math.sqrt(returns.reduce((a, r) => a + Math.min(r, 0) ** 2, 0) / returns.length);
    expect(s.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365.25), 9);
    expect(s.sortino).toBeCloseTo((mean / downside) * Math.sqrt(365.25), 9);
  });

  it('has no Sharpe or Sortino for flat equity', () => {
    const s = curveOf(100, [100, 100, 100]).summary(Float64Array.from([0, DAY, 2 * DAY]), DAY);
    expect(s.sharpe).toBeNull();
    expect(s.sortino).toBeNull();
    expect(s.maxDrawdownPct).toBe(0);
  });
});

describe('metrics', () => {
  const times = Float64Array.from(Array.from({ length: 366 }, (_, d) => d * DAY));
  const base = {
    startingCash: 1000,
    times,
    barIntervalMs: DAY,
    equity: { maxDrawdownPct: 5, maxDrawdownDurationMs: DAY, maxDrawdownRecovered: true, sharpe: 1, sortino: 2 },
    exposedBars: 183,
    feesPaid: 3,
    skippedEntries: 0,
    firstOpen: 100,
    lastClose: 150,
  };

  it('derives returns, CAGR, trade statistics, exposure and buy-and-hold', () => {
    const m = computeMetrics({
      ...base,
      finalEquity: 1210,
      trades: [trade(100, 0, 2 * DAY), trade(-50, 3 * DAY, 4 * DAY), trade(200, 5 * DAY, 8 * DAY), trade(-40, 9 * DAY, 10 * DAY)],
    });
    expect(m.netProfit).toBeCloseTo(210, 12);
    expect(m.returnPct).toBeCloseTo(21, 12);
    // 366 daily bars span 366 days = 1.002 years.
    expect(m.cagrPct).toBeCloseTo((1.21 ** (365.25 / 366) - 1) * 100, 9);
    expect(m.trades).toBe(4);
    expect(m.winRatePct).toBe(50);
    expect(m.profitFactor).toBeCloseTo(300 / 90, 12);
    expect(m.expectancy).toBeCloseTo(52.5, 12);
    expect(m.avgHoldingMs).toBe(((2 + 1 + 3 + 1) * DAY) / 4);
    expect(m.exposurePct).toBeCloseTo(50, 12);
    expect(m.buyAndHoldReturnPct).toBeCloseTo(50, 12);
    expect(m.bars).toBe(366);
  });

  it('reports undefined ratios as null, not 0 or Infinity', () => {
    const none = computeMetrics({ ...base, finalEquity: 1000, trades: [] });
    expect([none.winRatePct, none.profitFactor, none.expectancy, none.avgHoldingMs]).toEqual([null, null, null, null]);
    const onlyWins = computeMetrics({ ...base, finalEquity: 1100, trades: [trade(100, 0, DAY)] });
    expect(onlyWins.profitFactor).toBeNull();
    expect(onlyWins.winRatePct).toBe(100);
  });

  it('takes the bar interval from the typical spacing, not from gaps', () => {
    const withGap = Float64Array.from([0, 60, 120, 180, 600, 660, 720].map((s) => s * 1000));
    expect(medianInterval(withGap)).toBe(60_000);
    expect(medianInterval(Float64Array.from([5]))).toBe(0);
  });
});
