import { describe, expect, it } from 'vitest';
import { copyRules } from './test-support/copy-rules';
import { rateBetween, rulesInQuote, sumIn, totalsCurrency, type RateLookup } from './quote-rates';

/** Rates as the portfolio's price layers would answer them (1 from = rate to). */
const table: Record<string, number> = { 'USDT>EUR': 0.92, 'USD>EUR': 0.9, 'EUR>USD': 1 / 0.9, 'USDT>USD': 1 };
const lookup: RateLookup = (from, to) => {
  const rate = table[`${from}>${to}`];
  return rate === undefined ? null : { from, to, rate, source: 'Kraken' };
};

describe('quote currency conversions for copy links', () => {
  it('needs no rate for one currency and never guesses a missing one', () => {
    expect(rateBetween('USDT', 'USDT', () => null)).toMatchObject({ rate: 1 });
    expect(rateBetween('USDT', 'EUR', lookup)).toMatchObject({ rate: 0.92, source: 'Kraken' });
    expect(rateBetween('USDC', 'EUR', lookup)).toBeNull();
  });

  it('sums money of several quotes in one currency, unknown naming each missing rate', () => {
    // −50 USDT → −46 EUR; +20 EUR stays: −26 EUR.
    expect(
      sumIn(
        [
          { amount: -50, currency: 'USDT' },
          { amount: 20, currency: 'EUR' },
        ],
        'EUR',
        lookup,
      ),
    ).toEqual({ kind: 'known', total: -26, currency: 'EUR' });
    const unknown = sumIn(
      [
        { amount: 10, currency: 'USDC' },
        { amount: 20, currency: 'EUR' },
      ],
      'EUR',
      lookup,
    );
    expect(unknown.kind).toBe('unknown');
    expect(unknown).toMatchObject({ reason: expect.stringMatching(/^no USDC→EUR rate is known/) });
  });

  it("sums totals in the link's currency, else the copies' one quote, else USD", () => {
    expect(totalsCurrency({ currency: 'EUR' }, ['USDT'])).toBe('EUR');
    expect(totalsCurrency({ currency: null }, ['USDT', 'USDT'])).toBe('USDT');
    expect(totalsCurrency({ currency: undefined }, ['USDT', 'EUR'])).toBe('USD');
  });

  it("converts a link's amounts into the follower market's quote per order", () => {
    const rules = copyRules({ mode: 'quote', amount: 100 }, { currency: 'USD', maxPerTrade: 500, maxTotal: 1_000 });
    const converted = rulesInQuote(rules, 'EUR', 'USD', lookup);
    if ('reason' in converted) throw new Error(converted.reason);
    // 100 USD × 0.9 = 90 EUR; 500 × 0.9 = 450; 1 000 × 0.9 = 900.
    expect(converted.rules.allocation).toEqual({ mode: 'quote', amount: 90 });
    expect(converted.rules.maxPerTrade).toBeCloseTo(450, 10);
    expect(converted.rules.maxTotal).toBeCloseTo(900, 10);
    expect(converted.note).toBe('100.00 USD per trade, max 500.00 USD per trade, max total 1000.00 USD at 1 USD = 0.9 EUR (Kraken)');
    // Already in the market's quote, or a ratio without caps: nothing to convert, no rate needed.
    expect(rulesInQuote({ ...rules, currency: null }, 'EUR', 'EUR', () => null)).toEqual({
      rules: { ...rules, currency: null },
      note: null,
    });
    const ratio = copyRules({ mode: 'ratio', ratio: 1 }, { currency: 'USD' });
    expect(rulesInQuote(ratio, 'EUR', 'USD', () => null)).toEqual({ rules: ratio, note: null });
  });

  it('says which rate is missing instead of sizing a copy in the wrong money', () => {
    const rules = copyRules({ mode: 'quote', amount: 100 }, { currency: 'USDC' });
    expect(rulesInQuote(rules, 'EUR', 'USDC', lookup)).toEqual({
      reason: expect.stringMatching(
        /^This link's amounts are in USDC and the follower's market is quoted in EUR, but no USDC→EUR rate is known/,
      ),
    });
  });
});
