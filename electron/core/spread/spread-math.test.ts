import { describe, expect, it } from 'vitest';
import { floorToStep } from '../exchange/precision';
import { bestPair, grossSpreadPct, isStale, netSpreadPct, quoteGroup, sizeForBoth, type VenueQuote } from './spread-math';

const NOW = 1_000_000;
const quote = (accountId: string, bid: number | null, ask: number | null, extra: Partial<VenueQuote> = {}): VenueQuote => ({
  accountId,
  symbol: 'BTC/USDT',
  bid,
  ask,
  takerFee: 0.001,
  feeAssumed: false,
  receivedAt: NOW - 1_000,
  ...extra,
});
const steps = (step: number) => ({ amount: (value: number) => floorToStep(value, step) });

describe('spread arithmetic', () => {
  it('gross spread is the richest bid over the cheapest ask; net takes both taker fees off', () => {
    expect(grossSpreadPct(100, 101)).toBeCloseTo(1, 12);
    // Buying 1 at 100 costs 100.1 with a 0.1 % fee; selling at 101 with 0.2 % brings 100.798.
    expect(netSpreadPct(100, 101, 0.001, 0.002)).toBeCloseTo(((101 * 0.998 - 100.1) / 100.1) * 100, 12);
    const result = bestPair([quote('a', 99.9, 100), quote('b', 101, 101.1), quote('c', 100.5, 100.6)], NOW, 10_000);
    expect(result.best).toMatchObject({ buyAccountId: 'a', sellAccountId: 'b', ask: 100, bid: 101 });
    expect(result.best?.grossPct).toBeCloseTo(1, 10);
    expect(result.best?.netPct).toBeCloseTo(netSpreadPct(100, 101, 0.001, 0.001), 10);
  });

  it('ranks pairs by net spread, so a cheaper fee can beat a slightly better price', () => {
    const result = bestPair(
      [quote('cheap-ask-dear-fee', 99, 100, { takerFee: 0.01 }), quote('fair', 99, 100.2), quote('rich-bid', 101, 102)],
      NOW,
      10_000,
    );
    expect(result.best).toMatchObject({ buyAccountId: 'fair', sellAccountId: 'rich-bid' });
  });

  it('never pairs an account with itself and says when a fee was assumed', () => {
    const result = bestPair([quote('a', 105, 100), quote('b', 99, 104, { feeAssumed: true })], NOW, 10_000);
    expect(result.best).toMatchObject({ buyAccountId: 'b', sellAccountId: 'a', feeAssumed: true });
  });

  it('leaves stale quotes out of the best pair and says why there is none', () => {
    const old = NOW - 10_001;
    const result = bestPair([quote('a', 99, 100), quote('b', 105, 106, { receivedAt: old }), quote('c', 101, 102)], NOW, 10_000);
    expect(result.best).toMatchObject({ buyAccountId: 'a', sellAccountId: 'c' });
    expect(isStale({ receivedAt: old }, NOW, 10_000)).toBe(true);
    expect(isStale({ receivedAt: null }, NOW, 10_000)).toBe(true);
    const none = bestPair([quote('a', 99, 100), quote('b', 105, 106, { receivedAt: old })], NOW, 10_000);
    expect(none).toEqual({ best: null, reason: 'Fewer than two fresh quotes (1 stale: no price for 10 s).' });
  });

  it('compares USDT, USDC and USD only when the person allows it', () => {
    expect(quoteGroup('USDC', false)).toBe('USDC');
    expect(quoteGroup('USDT', false)).toBe('USDT');
    expect(quoteGroup('USDC', true)).toBe(quoteGroup('USDT', true));
    expect(quoteGroup('USD', true)).toBe(quoteGroup('USDT', true));
    expect(quoteGroup('EUR', true)).toBe('EUR');
    expect(quoteGroup('BTC', true)).toBe('BTC');
  });

  it('sizes both legs down to both venues’ steps, never above what was asked', () => {
    expect(sizeForBoth(0.123456789, steps(1e-8), steps(1e-5))).toBe(0.12345);
    expect(sizeForBoth(0.12345, steps(0.0001), steps(0.00001))).toBe(0.1234);
    // Steps that are not multiples of each other end on a multiple of both.
    expect(sizeForBoth(1, steps(0.3), steps(0.2))).toBe(0.6);
    expect(sizeForBoth(0.00000999, steps(0.00001), steps(1e-8))).toBeNull();
    const sized = sizeForBoth(7.77777, steps(0.001), steps(0.01));
    expect(sized).toBe(7.77);
    expect(sized!).toBeLessThanOrEqual(7.77777);
  });
});
