import { describe, expect, it } from 'vitest';
import { BacktestSettingsSchema } from '../../../shared/strategy/backtest-schema';
import type { EntryRule } from '../strategy/compiler/compile';
import { PositionLedger } from './position-ledger';

const ALL_IN: EntryRule = {
  nodeId: 'enter',
  condition: 0,
  sizing: 'percentOfEquity',
  size: 100,
  stopLossPct: null,
  takeProfitPct: null,
  trailingStopPct: null,
  stopLevel: null,
  targetLevel: null,
};

function ledger(amountStep: number, feeRate = 0.001): PositionLedger {
  return new PositionLedger(BacktestSettingsSchema.parse({ amountStep, feeRate }), [ALL_IN]);
}

describe('PositionLedger.buy', () => {
  it('spends at most the cash, fee included, rounded down to the step', () => {
    const entry = ledger(0.001).buy(1, 0, 30_000.5, 0, 10_000)!;
    expect(entry.amount).toBe(0.332);
    expect(entry.cash).toBeGreaterThanOrEqual(0);
    expect(entry.amount * 30_000.5 * 1.001).toBeLessThanOrEqual(10_000);
  });

  it('sizes an entry of billions of steps within the cash (a cheap coin with a fine step)', () => {
    // 10,000 / 0.0002 / 1e-8 ≈ 5e15 steps: still exact integers, just below 2^53.
    const entry = ledger(1e-8).buy(1, 0, 0.0002, 0, 10_000)!;
    expect(entry.amount * 0.0002 * 1.001).toBeLessThanOrEqual(10_000);
    expect(entry.cash).toBeLessThan(10_000 * 1e-6);
  });

  it('skips an entry whose step count cannot be an exact integer instead of spinning', () => {
    // 10,000 / 1e-12 / 1e-8 = 1e24 steps: far beyond 2^53, where `steps - 1 === steps`.
    const sized = ledger(1e-8);
    expect(sized.buy(1, 0, 1e-12, 0, 10_000)).toBeNull();
    expect(sized.skippedEntries).toBe(1);
  });
});
