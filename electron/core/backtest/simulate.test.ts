/**
 * The fill model on tiny hand-made bars, with every fill, fee and pnl worked out by hand in
 * the comments. Conditions are given directly (1 = true at that bar's close).
 */
import { describe, expect, it } from 'vitest';
import { BacktestSettingsSchema, type BacktestSettingsInput } from '../../../shared/strategy/backtest-schema';
import type { CandleColumns } from '../strategy/candle-columns';
import type { EntryRule } from '../strategy/compiler/compile';
import { simulate, type SimulationResult } from './simulate';

const HOUR = 3_600_000;

/** Bars as [open, high, low, close]; times are hourly from 0. */
function bars(rows: [number, number, number, number][]): CandleColumns {
  const f = (k: number) => Float64Array.from(rows.map((r) => r[k]!));
  return {
    length: rows.length,
    time: Float64Array.from(rows.map((_, i) => i * HOUR)),
    open: f(0),
    high: f(1),
    low: f(2),
    close: f(3),
    volume: Float64Array.from(rows.map(() => 1)),
  };
}

function rule(overrides: Partial<EntryRule> = {}): EntryRule {
  return {
    nodeId: 'enter',
    condition: 0,
    sizing: 'percentOfEquity',
    size: 100,
    stopLossPct: null,
    takeProfitPct: null,
    trailingStopPct: null,
    stopLevel: null,
    targetLevel: null,
    ...overrides,
  };
}

function run(
  candles: CandleColumns,
  signals: { enter?: number[]; exit?: number[] },
  settings: BacktestSettingsInput,
  entry: EntryRule = rule(),
): SimulationResult {
  const mark = (at: number[] = []) => {
    const c = new Uint8Array(candles.length);
    for (const i of at) c[i] = 1;
    return c;
  };
  return simulate({
    candles,
    entryConditions: [mark(signals.enter)],
    exitConditions: [mark(signals.exit)],
    entries: [entry],
    settings: BacktestSettingsSchema.parse(settings),
    from: 0,
    to: candles.length,
  });
}

describe('market fills at the next open', () => {
  it('buys all cash less fees at open × (1 + slippage), rounded down to the step; sells at open × (1 − slippage)', () => {
    const candles = bars([
      [100, 101, 99, 100],
      [100, 102, 98, 101], // enter signal at this close
      [100, 105, 99, 104], // buy at 100 × 1.001 = 100.1
      [104, 111, 103, 110], // exit signal at this close
      [110, 112, 108, 111], // sell at 110 × 0.999 = 109.89
      [111, 112, 110, 111],
    ]);
    const r = run(candles, { enter: [1], exit: [3] }, { startingCash: 1000, feeRate: 0.001, slippageBps: 10, amountStep: 0.001 });
    // amount = floor(1000 / (100.1 × 1.001) / 0.001) × 0.001 = floor(9980.03…) × 0.001 = 9.98
    // cost = 9.98 × 100.1 = 998.998; fee = 0.998998; cash left = 1000 − 999.996998 = 0.003002
    // proceeds = 9.98 × 109.89 = 1096.7022; fee = 1.0967022; cash = 0.003002 + 1095.6054978
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0]!;
    expect(t).toMatchObject({ entryTime: 2 * HOUR, exitTime: 4 * HOUR, amount: 9.98, exitReason: 'signal', entryBar: 2, exitBar: 4 });
    expect(t.entryPrice).toBeCloseTo(100.1, 12);
    expect(t.exitPrice).toBeCloseTo(109.89, 12);
    expect(t.fees).toBeCloseTo(0.998998 + 1.0967022, 9);
    expect(t.pnl).toBeCloseTo(1095.6054978 - 999.996998, 9);
    expect(t.pnlPct).toBeCloseTo(((1095.6054978 - 999.996998) / 999.996998) * 100, 9);
    expect(r.equity.equity[5]).toBeCloseTo(1095.6084998, 9);
    // Bars 2 and 3 held the position; bar 4 sold at its open.
    expect(r.exposedBars).toBe(2);
    expect(r.feesPaid).toBeCloseTo(0.998998 + 1.0967022, 9);
    expect(r.openPosition).toBeNull();
  });

  it('values an open position at the close and reports it; a signal on the last bar is not filled', () => {
    const candles = bars([
      [10, 10, 10, 10],
      [10, 10, 10, 10],
      [10, 12, 9, 11],
      [11, 11, 11, 12],
    ]);
    const r = run(candles, { enter: [0, 3], exit: [3] }, { startingCash: 100, feeRate: 0, amountStep: 1 });
    // Buys floor(100 / 10) = 10 at bar 1's open; the exit on the last bar has no next bar.
    expect(r.trades).toHaveLength(0);
    expect(r.openPosition).toMatchObject({ amount: 10, entryPrice: 10, markPrice: 12, unrealisedPnl: 20 });
    expect(Array.from(r.equity.equity)).toEqual([100, 100, 110, 120]);
  });

  it('ignores entry signals while long and exit signals while flat', () => {
    const candles = bars(Array.from({ length: 8 }, () => [10, 10, 10, 10] as [number, number, number, number]));
    const r = run(candles, { enter: [1, 2, 3, 5], exit: [0, 4] }, { startingCash: 100, feeRate: 0, amountStep: 1 });
    // enter@1 → buy at 2; enter@2,3 ignored; exit@4 → sell at 5; enter@5 → buy at 6.
    expect(r.trades.map((t) => [t.entryBar, t.exitBar])).toEqual([[2, 5]]);
    expect(r.openPosition?.entryTime).toBe(6 * HOUR);
  });

  it('sizes a fixed quote amount including the fee, and skips an entry that cannot buy one step', () => {
    const candles = bars([
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 100, 100, 100],
    ]);
    const r = run(
      candles,
      { enter: [0] },
      { startingCash: 10_000, feeRate: 0.001, amountStep: 0.01 },
      rule({ sizing: 'quoteAmount', size: 500 }),
    );
    // floor(500 / (100 × 1.001) / 0.01) = floor(499.50…) = 499 steps → 4.99
    expect(r.openPosition?.amount).toBe(4.99);
    const poor = run(candles, { enter: [0] }, { startingCash: 50, feeRate: 0.001, amountStep: 1 });
    expect(poor.openPosition).toBeNull();
    expect(poor.skippedEntries).toBe(1);
  });

  it('never spends more cash than it has, whatever the rounding', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 300; k++) {
      const price = 0.0001 + random() * 50_000;
      const cash = 1 + random() * 100_000;
      const step = [1e-8, 1e-5, 0.001, 0.1, 1][k % 5]!;
      const fee = [0, 0.00075, 0.001, 0.002][k % 4]!;
      const candles = bars([
        [price, price, price, price],
        [price, price, price, price],
      ]);
      const r = run(candles, { enter: [0] }, { startingCash: cash, feeRate: fee, amountStep: step, slippageBps: k % 3 });
      const cashLeft = r.equity.equity[1]! - (r.openPosition?.amount ?? 0) * price;
      expect(cashLeft).toBeGreaterThanOrEqual(-1e-9 * cash);
      if (r.openPosition) {
        const steps = r.openPosition.amount / step;
        expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-6);
      }
    }
  });
});

describe('stops and targets inside the bar', () => {
  const settings = { startingCash: 1000, feeRate: 0, slippageBps: 0, amountStep: 1 };

  it('fills the stop when the low reaches it, and assumes the stop first when one bar touches both', () => {
    const candles = bars([
      [100, 100, 100, 100], // enter signal
      [100, 101, 99, 100], // buy 10 at 100; stop 95, target 110
      [100, 111, 94, 100], // both touched: the stop fills at 95
      [100, 100, 100, 100],
    ]);
    const r = run(candles, { enter: [0] }, settings, rule({ stopLossPct: 5, takeProfitPct: 10 }));
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ exitPrice: 95, exitReason: 'stopLoss', exitBar: 2, pnl: -50 });
  });

  it('fills the target when the high reaches it', () => {
    const candles = bars([
      [100, 100, 100, 100],
      [100, 101, 99, 100],
      [100, 110.5, 99, 108],
      [100, 100, 100, 100],
    ]);
    const r = run(candles, { enter: [0] }, settings, rule({ stopLossPct: 5, takeProfitPct: 10 }));
    expect(r.trades[0]).toMatchObject({ exitReason: 'takeProfit', exitBar: 2 });
    expect(r.trades[0]!.exitPrice).toBeCloseTo(110, 12);
  });

  it('fills at the open when the bar gaps through the stop or above the target', () => {
    const gapDown = bars([
      [100, 100, 100, 100],
      [100, 101, 99, 100],
      [90, 92, 88, 91],
      [91, 91, 91, 91],
    ]);
    const down = run(gapDown, { enter: [0] }, { ...settings, slippageBps: 100 }, rule({ stopLossPct: 5 }));
    // Entry at 100 × 1.01 = 101, floor(1000 / 101) = 9 units; stop 95.95; opens at 90 → 90 × 0.99
    expect(down.trades[0]).toMatchObject({ amount: 9, exitReason: 'stopLoss', exitBar: 2 });
    expect(down.trades[0]!.exitPrice).toBeCloseTo(89.1, 12);
    const gapUp = bars([
      [100, 100, 100, 100],
      [100, 101, 99, 100],
      [115, 116, 114, 115],
      [115, 115, 115, 115],
    ]);
    const up = run(gapUp, { enter: [0] }, settings, rule({ takeProfitPct: 10 }));
    expect(up.trades[0]).toMatchObject({ exitPrice: 115, exitReason: 'takeProfit' });
  });

  it('checks the entry bar itself: the whole bar comes after its open', () => {
    const candles = bars([
      [100, 100, 100, 100],
      [100, 101, 94, 100],
      [100, 100, 100, 100],
    ]);
    const r = run(candles, { enter: [0] }, settings, rule({ stopLossPct: 5 }));
    expect(r.trades[0]).toMatchObject({ entryBar: 1, exitBar: 1, exitPrice: 95 });
  });

  it('trails the stop below the highest high of earlier bars', () => {
    const candles = bars([
      [100, 100, 100, 100], // enter signal
      [100, 105, 99, 104], // buy at 100; trail 10 % below 100 = 90; high 105 afterwards
      [104, 120, 95, 118], // level 94.5 from earlier highs: the low 95 does not reach it
      [118, 119, 107, 110], // level 108 (10 % below 120): filled at 108
      [110, 110, 110, 110],
    ]);
    const r = run(candles, { enter: [0] }, settings, rule({ trailingStopPct: 10 }));
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ exitReason: 'trailingStop', exitBar: 3 });
    expect(r.trades[0]!.exitPrice).toBeCloseTo(108, 12);
  });

  it('uses the higher of the fixed stop and the trailing stop', () => {
    const candles = bars([
      [100, 100, 100, 100],
      [100, 100, 99, 100], // buy at 100: fixed stop 98, trail 95
      [100, 100, 97.5, 99], // fixed stop binds
      [99, 99, 99, 99],
    ]);
    const r = run(candles, { enter: [0] }, settings, rule({ stopLossPct: 2, trailingStopPct: 5 }));
    expect(r.trades[0]).toMatchObject({ exitReason: 'stopLoss', exitPrice: 98 });
  });
});
