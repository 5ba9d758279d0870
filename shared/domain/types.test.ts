import { describe, expect, expectTypeOf, it } from 'vitest';
import { OrderTicketSchema, type OrderTicket, type OrderTicketRequest } from '../ipc/schemas/orders';
import { AmountSchema, MarketSymbolSchema, PriceSchema, type Amount, type MarketSymbol, type Price } from './types';

describe('branded money at the boundary', () => {
  it('the order ticket schema produces Price, Amount and MarketSymbol; a client sends plain values', () => {
    const ticket = OrderTicketSchema.parse({
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.01 },
      price: 30_000,
    });
    expect(ticket.price).toBe(30_000);
    expectTypeOf(ticket.price).toEqualTypeOf<Price | undefined>();
    expectTypeOf(ticket.symbol).toEqualTypeOf<MarketSymbol>();
    expectTypeOf<Extract<OrderTicket['size'], { unit: 'base' }>['amount']>().toEqualTypeOf<Amount>();
    expectTypeOf<OrderTicketRequest['price']>().toEqualTypeOf<number | undefined>();
    // The point of the brands: one cannot stand in for the other, nor a bare number for either.
    expectTypeOf<Price>().not.toMatchTypeOf<Amount>();
    expectTypeOf<number>().not.toMatchTypeOf<Price>();
  });

  it('refuses what is not a price, an amount or a symbol, saying what was expected', () => {
    expect(PriceSchema.safeParse(0).success).toBe(false);
    expect(AmountSchema.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(MarketSymbolSchema.safeParse('BTCUSDT').error?.issues[0]?.message).toBe('must look like BASE/QUOTE, e.g. BTC/USDT');
  });
});
