import { describe, expect, it } from 'vitest';
import type { TradeView } from '../../../shared/ipc/schemas/orders';
import { stepPrecision } from '../paper/paper-venue';
import { effectiveStop, nextExtreme, positionFigures, resolveLevel, splitTargets, stopHit } from './bracket-math';

const precision = stepPrecision({ amountStep: 0.00001, priceStep: 0.01 });
const rules = { base: 'BTC', quote: 'USDT' };
const trade = (side: 'buy' | 'sell', amount: number, price: number, fee: number, feeAsset: string): TradeView => ({
  accountId: 'a',
  tradeId: `${side}-${price}`,
  clientOrderId: 'c',
  symbol: 'BTC/USDT',
  side,
  price,
  amount,
  cost: amount * price,
  fee,
  feeAsset,
  maker: null,
  at: 0,
  seq: 0,
});

describe('bracket arithmetic', () => {
  it('places targets beyond the entry and stops against it, mirrored for a sell bracket', () => {
    expect(resolveLevel({ price: null, percent: 1 }, 30_000.01, 'buy', 'target', precision)).toBe(30_300.01);
    expect(resolveLevel({ price: null, percent: 2 }, 30_000, 'buy', 'stop', precision)).toBe(29_400);
    expect(resolveLevel({ price: null, percent: 1 }, 30_000, 'sell', 'target', precision)).toBe(29_700);
    expect(resolveLevel({ price: null, percent: 2 }, 30_000, 'sell', 'stop', precision)).toBe(30_600);
    expect(resolveLevel({ price: 31_000, percent: null }, 30_000, 'buy', 'target', precision)).toBe(31_000);
  });

  it('trails the best price and uses whichever stop is tighter', () => {
    expect(effectiveStop('buy', 29_400, 1, 30_000)).toEqual({ price: 29_700, trailing: true });
    expect(effectiveStop('buy', 29_800, 1, 30_000)).toEqual({ price: 29_800, trailing: false });
    expect(effectiveStop('sell', 30_600, 1, 30_000)).toEqual({ price: 30_300, trailing: true });
    expect(effectiveStop('buy', null, null, null)).toEqual({ price: null, trailing: false });
    expect(nextExtreme('buy', 30_000, { low: 29_900, high: 30_150 })).toBe(30_150);
    expect(nextExtreme('sell', 30_000, { low: 29_900, high: 30_150 })).toBe(29_900);
    expect(stopHit('buy', 29_700, { low: 29_700, high: 30_000 })).toBe(true);
    expect(stopHit('sell', 30_300, { low: 29_000, high: 30_299.99 })).toBe(false);
  });

  it('splits a position over targets on the step, the last taking the remainder', () => {
    expect(splitTargets(0.02997, 0.02997, [50, 25, 25], 0.00001, true)).toEqual([0.01498, 0.00749, 0.0075]);
    expect(splitTargets(0.02997, 0.01499, [50], 0.00001, true)).toEqual([0.01499]);
  });

  it('derives position and PnL from fills with fees on both sides, for long and short brackets', () => {
    const long = positionFigures('buy', rules, [trade('buy', 0.03, 30_000, 0.00003, 'BTC')], [trade('sell', 0.01, 31_000, 0.31, 'USDT')]);
    expect(long).toMatchObject({ entryUnits: 0.02997, entryValue: 900, entryAverage: 30_000, position: 0.01997 });
    expect(long.realizedPnl).toBeCloseTo(309.69 - (0.01 * 900) / 0.02997, 9);
    const short = positionFigures('sell', rules, [trade('sell', 0.03, 30_000, 0.9, 'USDT')], [trade('buy', 0.01, 29_000, 0.00001, 'BTC')]);
    expect(short).toMatchObject({ entryUnits: 0.03, entryValue: 899.1, position: 0.02001 });
    expect(short.realizedPnl).toBeCloseTo(0.00999 * (899.1 / 0.03) - 290, 9);
  });
});
