import { describe, expect, it } from 'vitest';
import { BacktestSettingsSchema, OptimiseOptionsSchema, gridValues } from './backtest-schema';

describe('backtest settings', () => {
  it('default to 10 000 cash, 0.1 % fee, no slippage and a 1e-8 amount step', () => {
    expect(BacktestSettingsSchema.parse({})).toEqual({ startingCash: 10_000, feeRate: 0.001, slippageBps: 0, amountStep: 1e-8 });
  });

  it('refuse impossible values and an inverted date range', () => {
    expect(BacktestSettingsSchema.safeParse({ feeRate: 0.5 }).success).toBe(false);
    expect(BacktestSettingsSchema.safeParse({ amountStep: 0 }).success).toBe(false);
    expect(BacktestSettingsSchema.safeParse({ startTime: 2, endTime: 1 }).success).toBe(false);
  });
});

describe('optimiser options', () => {
  it('default to Sharpe, a 70/30 split and the best 5 re-run out of sample', () => {
    const parsed = OptimiseOptionsSchema.parse({ axes: [{ nodeId: 'fast', param: 'period', values: [5] }] });
    expect(parsed).toMatchObject({ objective: 'sharpe', inSampleFraction: 0.7, topN: 5, warnBelowRatio: 0.5 });
  });

  it('builds grid values without float creep', () => {
    expect(gridValues(0.1, 0.5, 0.1)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(gridValues(5, 50, 15)).toEqual([5, 20, 35, 50]);
    expect(gridValues(1, 0, 1)).toEqual([1]);
  });
});
