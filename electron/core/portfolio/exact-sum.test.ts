import { describe, expect, it } from 'vitest';
import { exactSum } from './exact-sum';

describe('exactSum', () => {
  it('adds amounts as the decimals the exchanges sent', () => {
    expect(exactSum([0.1, 0.2])).toBe(0.3);
    expect(exactSum([1e-8, 0.00000002, 12.5])).toBe(12.50000003);
    expect(exactSum([1e21, 1])).toBe(1e21 + 1);
    expect(exactSum([-0.1, 0.3])).toBe(0.2);
    expect(exactSum([])).toBe(0);
  });

  it('refuses a value that is not a number instead of poisoning the total', () => {
    expect(() => exactSum([1, Number.NaN])).toThrow(/not a finite number/);
  });
});
