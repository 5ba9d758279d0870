import { asAmount, asPrice } from '../../../shared/domain/types';
import { describe, expect, it } from 'vitest';
import { MarketRulesCache } from './market-rules-cache';
import type { MarketRules, OrderVenue, Precision } from './venue';

const RULES: MarketRules = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  amountStep: 0.0001,
  priceStep: 0.01,
  minAmount: 0.0001,
  minCost: 5,
  maxAmount: null,
  makerFee: 0.001,
  takerFee: 0.001,
  feeSide: 'get',
  stopMarket: false,
  stopLimit: true,
};
const PRECISION: Precision = { amount: (v) => asAmount(Math.floor(v * 1e4) / 1e4), price: (v) => asPrice(Math.round(v * 100) / 100) };

/** A venue that counts how often its rules are read, and can be told to fail. */
function countingVenue() {
  const counts = { rules: 0, precision: 0 };
  let failing = false;
  const venue = {
    rules: async () => {
      counts.rules++;
      if (failing) throw new Error('exchange down');
      return RULES;
    },
    precision: async () => {
      counts.precision++;
      return PRECISION;
    },
  } as unknown as OrderVenue;
  return { venue, counts, fail: (value: boolean) => (failing = value) };
}

describe('the market rules cache', () => {
  it('reads each market once per TTL per account, shared by concurrent asks', async () => {
    let now = 0;
    const { venue, counts } = countingVenue();
    const cache = new MarketRulesCache({ forAccount: () => venue }, () => now, 1_000);
    const [a, b] = await Promise.all([cache.market('acct', 'BTC/USDT'), cache.market('acct', 'BTC/USDT')]);
    expect(a).toBe(b);
    expect(a.rules).toEqual(RULES);
    expect(counts).toEqual({ rules: 1, precision: 1 });
    now = 999;
    await cache.market('acct', 'BTC/USDT');
    expect(counts.rules).toBe(1);
    await cache.market('other', 'BTC/USDT');
    expect(counts.rules).toBe(2);
    now = 1_000;
    await cache.market('acct', 'BTC/USDT');
    expect(counts.rules).toBe(3);
    cache.forget('acct');
    await cache.market('acct', 'BTC/USDT');
    expect(counts.rules).toBe(4);
  });

  it('keeps no failed read: the next ask goes to the venue again', async () => {
    const { venue, counts, fail } = countingVenue();
    const cache = new MarketRulesCache({ forAccount: () => venue }, () => 0);
    fail(true);
    await expect(cache.market('acct', 'BTC/USDT')).rejects.toThrow('exchange down');
    fail(false);
    await expect(cache.market('acct', 'BTC/USDT')).resolves.toMatchObject({ rules: RULES });
    expect(counts.rules).toBe(2);
  });
});
