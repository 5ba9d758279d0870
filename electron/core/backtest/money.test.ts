import { describe, expect, it } from 'vitest';
import { AmountStepper, stepDecimals } from './money';

describe('amount steps', () => {
  it('counts the decimals a step needs', () => {
    expect([1e-8, 0.00001, 0.001, 0.1, 0.25, 1, 5].map(stepDecimals)).toEqual([8, 5, 3, 1, 2, 0, 0]);
  });

  it('rounds down to whole steps without float creep', () => {
    const tenth = new AmountStepper(0.1);
    expect(tenth.floor(0.3)).toBe(0.3); // 0.3 / 0.1 = 2.9999999999999996
    expect(tenth.floor(0.35)).toBe(0.3);
    expect(new AmountStepper(1e-8).floor(0.123456789)).toBe(0.12345678);
    expect(new AmountStepper(0.001).floor(9.98003)).toBe(9.98);
    expect(new AmountStepper(5).floor(24.9)).toBe(20);
    expect(tenth.floor(-1)).toBe(0);
    expect(tenth.floor(0.05)).toBe(0);
  });
});
