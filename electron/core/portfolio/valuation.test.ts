import { describe, expect, it } from 'vitest';
import { priceIn, priceRoute, valueBalances } from './valuation';

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

  it('routes through existing markets: ETH in BTC via USDT, USD through a stated peg, EUR via any EUR market', () => {
    const usdt: Record<string, number> = { 'BTC/USDT': 30_000, 'ETH/USDT': 1_500 };
    const only = (table: Record<string, number>) => (symbol: string) => table[symbol] ?? null;
    expect(priceRoute('ETH', 'BTC', only(usdt))).toEqual({ price: 0.05, via: 'USDT', peg: null });
    expect(priceRoute('BTC', 'USD', only(usdt))).toEqual({ price: 30_000, via: null, peg: 'USDT' });
    expect(priceRoute('USDT', 'USD', only(usdt))).toEqual({ price: 1, via: null, peg: 'USDT' });
    expect(priceRoute('ETH', 'EUR', only(usdt))).toBeNull();
    expect(priceIn('ETH', 'EUR', only({ ...usdt, 'BTC/EUR': 27_000 }))).toBeCloseTo(1_350);
    expect(priceRoute('BTC', 'USD', only({ ...usdt, 'BTC/USD': 30_100 }))).toEqual({ price: 30_100, via: null, peg: null });
  });

  it('says what cannot be priced instead of a total of 0', () => {
    const valued = valueBalances(
      [
        { asset: 'USDT', free: 10_000, used: 0 },
        { asset: 'BTC', free: 0, used: 0 },
      ],
      'EUR',
      (symbol) => ({ 'BTC/USDT': 30_000 })[symbol] ?? null,
    );
    expect(valued).toMatchObject({ totalValue: 0, unpriced: ['USDT'], pegs: [] });
    expect(valueBalances([{ asset: 'USDT', free: 10_000, used: 0 }], 'USD', () => null)).toMatchObject({
      totalValue: 10_000,
      unpriced: [],
      pegs: ['USDT'],
    });
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
