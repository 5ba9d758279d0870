import { asAmount, asPrice } from '../../../../../shared/domain/types';
import { describe, expect, it } from 'vitest';
import type { GridConfig } from '../../../../../shared/ipc/schemas/bots';
import type { MarketRules, Precision } from '../../../exchange/venue';
import { floorToStep, roundToStep } from '../../../exchange/precision';
import { gridLevels, gridOrdersPerMinute, planGrid } from './grid-math';

const rules: MarketRules = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  amountStep: 0.00001,
  priceStep: 0.01,
  minAmount: 0.00001,
  minCost: 5,
  maxAmount: null,
  makerFee: 0.001,
  takerFee: 0.001,
  feeSide: 'get',
  stopMarket: true,
  stopLimit: true,
};
const precision: Precision = { amount: (v) => asAmount(floorToStep(v, 0.00001)), price: (v) => asPrice(roundToStep(v, 0.01)) };
const grid = (over: Partial<GridConfig> = {}): GridConfig => ({
  kind: 'grid',
  lower: 29_000,
  upper: 31_000,
  levels: 5,
  spacing: 'arithmetic',
  investment: 1_000,
  stopLoss: null,
  takeProfit: null,
  ...over,
});

describe('grid math', () => {
  it('spaces levels arithmetically or geometrically, rounded to the tick', () => {
    expect(gridLevels(grid(), precision)).toEqual([29_000, 29_500, 30_000, 30_500, 31_000]);
    // 100 · 2^(i/3): each level is 2^(1/3) ≈ 1.26 times the one below.
    expect(gridLevels(grid({ lower: 100, upper: 200, levels: 4, spacing: 'geometric' }), precision)).toEqual([100, 125.99, 158.74, 200]);
  });

  it('plans buys below and sells above the idle level, the amount from the investment after precision', () => {
    const { plan, issues } = planGrid(grid(), 30_000, rules, precision);
    expect(issues).toEqual([]);
    // Per unit: 29000 + 29500 for the buys, 2 × 30000 / 0.999 for the base bought now for the sells.
    const perUnit = 29_000 + 29_500 + (2 * 30_000) / 0.999;
    expect(plan).toMatchObject({ idle: 2, buys: 2, sells: 2, amount: floorToStep(1_000 / perUnit, 0.00001) });
    expect(plan?.amount).toBe(0.00843);
    expect(plan?.initAmount).toBe(0.01688); // ⌈2 × 0.00843 / 0.999⌉ to the step: the buy fee in base is covered
    expect(plan?.capital).toBeCloseTo(0.00843 * (29_000 + 29_500) + 0.01688 * 30_000, 9);
  });

  it('names the setting to change for every way a grid cannot run', () => {
    expect(planGrid(grid({ upper: 28_000 }), 30_000, rules, precision).issues).toEqual([
      { severity: 'error', field: 'config.upper', message: 'The upper price 28000 must be above the lower price 29000.' },
    ]);
    expect(planGrid(grid({ lower: 100, upper: 100.05, levels: 10 }), 100.02, rules, precision).issues[0]).toMatchObject({
      field: 'config.levels',
      message:
        '10 levels between 100 and 100.05 are closer than the price tick 0.01 (about 0.00555556 apart); use fewer levels or a wider range.',
    });
    expect(planGrid(grid({ investment: 20 }), 30_000, rules, precision).issues[0]).toMatchObject({
      field: 'config.investment',
      // 20 / 118560.06 per unit floors to 0.00016 BTC; 5 / 29000 needs 0.00018 after the step: 0.00018 × 118560.06.
      message:
        'The order at the lowest level (0.00016 BTC at 29000) is worth 4.64 USDT, below the minimum order value 5 USDT; invest at least 21.34 USDT or use fewer levels.',
    });
    expect(planGrid(grid(), 32_000, rules, precision).issues[0]?.message).toBe(
      'The price 32000 is outside the grid 29000–31000; a grid trades around the current price.',
    );
    expect(planGrid(grid({ stopLoss: 29_500, takeProfit: 30_000 }), 30_000, rules, precision).issues.map((i) => i.field)).toEqual([
      'config.stopLoss',
      'config.takeProfit',
    ]);
    expect(planGrid(grid(), null, rules, precision).issues[0]?.message).toBe(
      'No price for BTC/USDT yet; wait for market data before starting a grid.',
    );
  });

  it('estimates fills per minute from the 1-minute range against the tightest level gap', () => {
    const levels = [29_000, 29_500, 30_000, 30_500, 31_000];
    // The top gap is 500 / 31000 of the price; a 1% range per minute crosses 0.62 of it.
    expect(gridOrdersPerMinute(levels, 0.01)).toBeCloseTo(0.01 / (500 / 31_000), 9);
    expect(gridOrdersPerMinute(levels, 0)).toBe(0);
  });
});
