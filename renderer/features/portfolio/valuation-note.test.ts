import { describe, expect, it } from 'vitest';
import { totalText, unpricedAssets, valuationNote } from './valuation-note';

describe('valuation note', () => {
  it('says a total cannot be priced instead of showing 0.00', () => {
    expect(totalText(0, 'EUR', ['USDT'])).toBe('No EUR price');
    expect(totalText(0, 'EUR', [])).toBe('0.00 EUR');
    expect(totalText(1234.5, 'EUR', ['XYZ'])).toBe('1,234.50 EUR');
    expect(valuationNote('EUR', ['BTC', 'USDT'], [])).toBe(
      'The total excludes BTC, USDT: no route to EUR on any connected venue (listed below).',
    );
  });

  it('states the peg a USD valuation assumes', () => {
    expect(valuationNote('USD', [], ['USDT'])).toBe('USD through USDT, taken at 1 USD (assumed peg).');
    expect(valuationNote('USDT', [], [])).toBeNull();
    expect(unpricedAssets([{ unpriced: ['XYZ'] }, { unpriced: ['ABC', 'XYZ'] }, {}])).toEqual(['ABC', 'XYZ']);
  });
});
