import { describe, expect, it } from 'vitest';
import {
  decimalsForPrice,
  decimalsForStep,
  formatAmount,
  formatCompact,
  formatMoney,
  formatPercent,
  formatPrice,
  formatShare,
  formatValue,
} from './numbers';

describe('number formatting', () => {
  it('derives decimals from the tick size, robust to float noise', () => {
    expect(decimalsForStep(0.01)).toBe(2);
    expect(decimalsForStep(0.05)).toBe(2);
    expect(decimalsForStep(0.00001)).toBe(5);
    expect(decimalsForStep(1e-8)).toBe(8);
    expect(decimalsForStep(0.1 + 0.2 - 0.2)).toBe(1);
    expect(decimalsForStep(10)).toBe(0);
    expect(decimalsForStep(null)).toBeNull();
    expect(decimalsForStep(0)).toBeNull();
  });

  it('formats prices with the market precision, or about five significant digits without one', () => {
    expect(formatPrice(65_000.5, 0.01)).toBe('65,000.50');
    expect(formatPrice(0.0531234, 0.000001)).toBe('0.053123');
    expect(formatPrice(0.0531234, null)).toBe('0.053123');
    expect(formatPrice(65_000.5, null)).toBe('65,000.50');
    expect(decimalsForPrice(1.2345)).toBe(4);
    expect(formatPrice(null, 0.01)).toBe('—');
  });

  it('formats percentages, volumes, balances and money', () => {
    expect(formatPercent(1.234)).toBe('+1.23%');
    expect(formatPercent(-0.5)).toBe('-0.50%');
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatCompact(1_234_567)).toBe('1.23M');
    expect(formatAmount(0.00012345)).toBe('0.00012345');
    expect(formatAmount(10_000)).toBe('10,000.00');
    expect(formatMoney(10_000, 'USDT')).toBe('10,000.00 USDT');
  });

  it('values money with the decimals its currency needs', () => {
    expect(formatMoney(0.25, 'BTC')).toBe('0.25000000 BTC');
    expect(formatValue(1234.5, 'EUR')).toBe('1,234.50');
    expect(formatValue(null, 'EUR')).toBe('—');
    expect(formatShare(0.625)).toBe('62.5%');
    expect(formatShare(Number.NaN)).toBe('—');
  });
});
