/** Leader fills from the ledger: every filled leader order is one, perpetuals and reduce-only ones included (the engine decides each). */
import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../orders/orders-repo';
import { leaderFillsOf } from './ledger-leaders';

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
    expect(leaderFillsOf(order({}))[0]).not.toHaveProperty('reduceOnly');
  });

  it('hands on a reduce-only cover as a reduce-only fill (nothing vanishes before the engine decides it)', () => {
    const [fill] = leaderFillsOf(order({ symbol: 'BTC/USDT:USDT', reduceOnly: true }));
    expect(fill).toMatchObject({ symbol: 'BTC/USDT:USDT', side: 'buy', amount: 0.01, reduceOnly: true });
  });

  it('hands on perpetuals fills, the bot leader as well as the account', () => {
    expect(leaderFillsOf(order({ symbol: 'BTC/USDT:USDT', side: 'sell', origin: 'bot', originId: 'b1' })).map((f) => f.leaderId)).toEqual([
      'account:leader-1',
      'bot:b1',
    ]);
  });

  it('never hands on a copy (links cannot feed each other)', () => {
    expect(leaderFillsOf(order({ symbol: 'BTC/USDT:USDT', origin: 'copy' }))).toEqual([]);
  });
});
