import { describe, expect, it } from 'vitest';
import { priceIn, valueBalances } from './valuation';

const prices: Record<string, number> = { 'BTC/USDT': 30_000, 'ETH/BTC': 0.05, 'USDT/TRY': 30 };
const lookup = (symbol: string) => prices[symbol] ?? null;

describe('valuation', () => {
  it('finds direct, inverse and via-BTC prices, and refuses to guess otherwise', () => {
    expect(priceIn('USDT', 'USDT', lookup)).toBe(1);
    expect(priceIn('BTC', 'USDT', lookup)).toBe(30_000);
    expect(priceIn('TRY', 'USDT', lookup)).toBeCloseTo(1 / 30);
    expect(priceIn('ETH', 'USDT', lookup)).toBeCloseTo(1500);
    expect(priceIn('XYZ', 'USDT', lookup)).toBeNull();
  });

  it('values each balance and totals only what has a price', () => {
    const { balances, totalValue } = valueBalances(
      [
        { asset: 'USDT', free: 900, used: 100 },
        { asset: 'BTC', free: 0.1, used: 0 },
        { asset: 'XYZ', free: 5, used: 0 },
      ],
      'USDT',
      lookup,
    );
    expect(totalValue).toBeCloseTo(4000);
    expect(balances.map((b) => [b.asset, b.total, b.value])).toEqual([
      ['BTC', 0.1, 3000],
      ['USDT', 1000, 1000],
      ['XYZ', 5, null],
    ]);
  });
});
