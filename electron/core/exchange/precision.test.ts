import { describe, expect, it } from 'vitest';
import { ceilToStep, clean, decimalsOf, floorToStep, formatMoney, formatNumber, isOnStep, roundToStep } from './precision';

describe('step arithmetic', () => {
  it('counts decimals of steps however JS prints them', () => {
    expect([0.00001, 1e-8, 0.5, 10, 1, 0.25e-6].map(decimalsOf)).toEqual([5, 8, 1, 0, 0, 8]);
  });

  it('floors amounts, rounds and ceils prices without float noise', () => {
    expect(floorToStep(0.3, 0.1)).toBe(0.3);
    expect(floorToStep(0.0123456, 0.00001)).toBe(0.01234);
    expect(floorToStep(0.000004, 0.00001)).toBe(0);
    expect(roundToStep(30_000.005, 0.01)).toBe(30_000.01);
    expect(ceilToStep(30_015.0000001, 0.01)).toBe(30_015.01);
    expect(ceilToStep(30_015, 0.01)).toBe(30_015);
    expect(isOnStep(30_000.1, 0.01)).toBe(true);
    expect(isOnStep(30_000.005, 0.01)).toBe(false);
    expect(floorToStep(1.23, null)).toBe(1.23);
  });

  it('prints numbers plainly and money with its currency habits', () => {
    expect(formatNumber(0.000004)).toBe('0.000004');
    expect(formatNumber(30_000)).toBe('30000');
    expect(formatMoney(3.2, 'USDT')).toBe('3.20');
    expect(formatMoney(0.00012, 'BTC')).toBe('0.00012');
    expect(clean(0.1 + 0.2)).toBe(0.3);
  });
});
