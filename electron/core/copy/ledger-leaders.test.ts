/** Leader fills from the ledger: a perpetuals leader's short cover must never reach a follower as a long. */
import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../orders/orders-repo';
import { leaderFillsOf, uncopiableReason } from './ledger-leaders';

const order = (over: Partial<OrderRow>): OrderRow =>
  ({
    accountId: 'leader-1',
    clientOrderId: 'c1',
    exchangeOrderId: 'x1',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'market',
    amount: 0.01,
    price: null,
    stopPrice: null,
    status: 'filled',
    filled: 0.01,
    averagePrice: 100_000,
    cost: 1_000,
    origin: 'ticket',
    originId: null,
    originRole: null,
    lookups: 0,
    nextLookupAt: null,
    error: null,
    createdAt: 1_000,
    updatedAt: 2_000,
    marketAt: null,
    ...over,
  }) as OrderRow;

describe('leaderFillsOf on a perpetuals leader', () => {
  it('a spot buy is a fill to copy', () => {
    expect(leaderFillsOf(order({}))).toHaveLength(1);
    expect(uncopiableReason(order({}))).toBeNull();
  });

  it('skips the reduce-only buy that covers a leader short, saying why', () => {
    const cover = order({ symbol: 'BTC/USDT:USDT', reduceOnly: true });
    expect(leaderFillsOf(cover)).toEqual([]);
    expect(uncopiableReason(cover)).toBe(
      "the leader's buy on BTC/USDT:USDT was reduce-only (it closed a perpetuals position); copy does not follow shorts yet.",
    );
  });

  it('skips any fill on a perpetual swap (a plain buy there may cover a short)', () => {
    expect(leaderFillsOf(order({ symbol: 'BTC/USDT:USDT' }))).toEqual([]);
    expect(leaderFillsOf(order({ symbol: 'BTC/USDT:USDT', side: 'sell', origin: 'bot', originId: 'b1' }))).toEqual([]);
  });
});
