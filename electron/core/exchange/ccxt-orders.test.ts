/**
 * An exchange order in our terms: whether the venue says it was reduce-only is kept, so an order
 * placed on the exchange's own site that only closed a position is adopted (and copied) as one.
 */
import type { Order } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { venueOrderFromCcxt } from './ccxt-orders';

const ccxtOrder = (over: Partial<Order>): Order =>
  ({
    id: '1001',
    clientOrderId: 'web-1',
    symbol: 'BTC/USDT:USDT',
    side: 'buy',
    type: 'market',
    amount: 0.01,
    filled: 0.01,
    cost: 300,
    average: 30_000,
    status: 'closed',
    timestamp: 1_000,
    ...over,
  }) as Order;

describe('venueOrderFromCcxt', () => {
  it("keeps the venue's reduce-only flag, and leaves it out of an ordinary order", () => {
    const fallback = { clientOrderId: 'web-1', symbol: 'BTC/USDT:USDT' };
    expect(venueOrderFromCcxt(ccxtOrder({ reduceOnly: true }), fallback).reduceOnly).toBe(true);
    expect(venueOrderFromCcxt(ccxtOrder({ reduceOnly: false }), fallback)).not.toHaveProperty('reduceOnly');
  });
});
