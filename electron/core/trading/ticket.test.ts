import { describe, expect, it } from 'vitest';
import type { MarketRules } from '../exchange/venue';
import { matchOnPlacement, slippedPrice } from '../paper/matching';
import { stepPrecision } from '../paper/paper-venue';
import { OrderTicketSchema, type OrderTicketRequest } from '../../../shared/ipc/schemas/orders';
import { evaluateTicket, type TicketContext, type TicketSpec } from './ticket';

const BTC_USDT: MarketRules = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  amountStep: 0.00001,
  priceStep: 0.01,
  minAmount: 0.00001,
  minCost: 5,
  maxAmount: 9000,
  makerFee: 0.001,
  takerFee: 0.001,
  feeSide: 'get',
  stopMarket: true,
  stopLimit: true,
};

function ctx(overrides: Partial<TicketContext> = {}): TicketContext {
  return {
    rules: BTC_USDT,
    precision: stepPrecision(BTC_USDT),
    quote: { last: 30_000, bid: 29_999.99, ask: 30_000.01 },
    freeBase: 0.5,
    freeQuote: 1_000,
    marketBuyBuffer: 0.0005,
    blockedReason: null,
    exchangeName: 'Binance',
    ...overrides,
  };
}

const limitBuy = (amount: number, price = 30_000): SpecRequest => ({ side: 'buy', type: 'limit', size: { unit: 'base', amount }, price });
type SpecRequest = Omit<OrderTicketRequest, 'accountId' | 'symbol'>;
/** Specs go through the contract's schema as at the boundary, which brands their prices and amounts. */
const parseSpec = (request: SpecRequest): TicketSpec => OrderTicketSchema.omit({ accountId: true, symbol: true }).parse(request);
const evaluate = (request: SpecRequest, c: TicketContext) => evaluateTicket(parseSpec(request), c);
const messages = (spec: SpecRequest, c = ctx()) => evaluate(spec, c).issues.map((i) => i.message);

describe('order ticket validation', () => {
  it('accepts a valid limit buy and estimates value, maker fee and what changes hands', () => {
    const result = evaluate(limitBuy(0.01, 29_000), ctx());
    expect(result.issues).toEqual([]);
    expect(result).toMatchObject({ amount: 0.01, price: 29_000, cost: 290 });
    expect(result.fee).toEqual({ rate: 0.001, amount: 0.00001, asset: 'BTC', quoteValue: 0.29 });
    expect(result.spend).toEqual({ amount: 290, asset: 'USDT' });
    expect(result.receive).toEqual({ amount: 0.00999, asset: 'BTC' });
  });

  it('rounds amounts down to the step and refuses prices off the tick, naming the numbers', () => {
    expect(evaluate(limitBuy(0.0123456, 29_000), ctx()).amount).toBe(0.01234);
    expect(messages(limitBuy(0.01, 30_000.005))).toEqual([
      'Price 30000.005 is not a multiple of the tick 0.01; the nearest valid price is 30000.01.',
    ]);
  });

  it('refuses amounts under the minimum and values under the minimum cost', () => {
    expect(messages(limitBuy(0.000004, 29_000))).toEqual(['Amount 0.000004 BTC is below the minimum 0.00001 BTC.']);
    expect(messages(limitBuy(0.0001, 32_000))).toEqual(['Order value 3.20 USDT is below the minimum 5 USDT.']);
  });

  it('refuses an order the free balance cannot pay for, with what it needs and what is there', () => {
    expect(messages(limitBuy(0.004, 30_000), ctx({ freeQuote: 100 }))).toEqual([
      'Not enough USDT: the order needs 120.00 USDT, 100.00 available.',
    ]);
    const sell: SpecRequest = { side: 'sell', type: 'market', size: { unit: 'base', amount: 0.6 } };
    expect(messages(sell)).toEqual(['Not enough BTC: the order needs 0.6 BTC, 0.5 available.']);
  });

  it('refuses a read-only key with the account reason', () => {
    const reason = 'The key of "Main" is read-only: the exchange reports no trading permission.';
    const result = evaluate(limitBuy(0.01, 29_000), ctx({ blockedReason: reason }));
    expect(result.issues).toEqual([{ field: 'account', rule: 'cannot_trade', message: reason }]);
  });

  it('sizes from quote money and from a share of the free balance', () => {
    const quote = evaluate({ side: 'buy', type: 'limit', size: { unit: 'quote', amount: 300 }, price: 30_000 }, ctx());
    expect(quote.amount).toBe(0.01);
    const half = evaluate({ side: 'sell', type: 'limit', size: { unit: 'percent', percent: 50 }, price: 31_000 }, ctx());
    expect(half.amount).toBe(0.25);
    // A 100% market buy keeps the slippage headroom, so it stays affordable at the slipped price.
    const all = evaluate({ side: 'buy', type: 'market', size: { unit: 'percent', percent: 100 } }, ctx());
    expect(all.issues).toEqual([]);
    expect(all.amount).toBe(0.03331);
    expect(all.referencePrice).toBe(30_000.01);
    expect((all.amount as number) * 30_000.01 * 1.0005).toBeLessThanOrEqual(1_000);
  });

  it('requires prices by order type and refuses stops on the wrong side of the market', () => {
    expect(messages({ side: 'buy', type: 'limit', size: { unit: 'base', amount: 0.01 } })).toEqual([
      'A limit price is required for this order type.',
    ]);
    expect(messages({ side: 'sell', type: 'stop_market', size: { unit: 'base', amount: 0.01 }, stopPrice: 31_000 })).toEqual([
      'A sell stop triggers when the price falls to it: 31000 is not below the current price 30000.',
    ]);
    expect(messages({ side: 'buy', type: 'stop_limit', size: { unit: 'base', amount: 0.01 }, stopPrice: 31_000, price: 31_050 })).toEqual(
      [],
    );
  });

  it('refuses stop-market where the exchange has none', () => {
    const spec: SpecRequest = { side: 'sell', type: 'stop_market', size: { unit: 'base', amount: 0.01 }, stopPrice: 29_000 };
    expect(messages(spec, ctx({ rules: { ...BTC_USDT, stopMarket: false } }))).toEqual([
      'Binance has no stop-market orders on BTC/USDT; use a stop-limit order.',
    ]);
  });

  it('charges the taker fee on a marketable limit and in quote on sells', () => {
    const marketable = evaluate(limitBuy(0.01, 30_100), ctx());
    expect(marketable.fee?.rate).toBe(0.001);
    const sell = evaluate(
      { side: 'sell', type: 'limit', size: { unit: 'base', amount: 0.1 }, price: 31_000 },
      ctx({ rules: { ...BTC_USDT, makerFee: 0.0008 } }),
    );
    expect(sell.fee).toEqual({ rate: 0.0008, amount: 2.48, asset: 'USDT', quoteValue: 2.48 });
    expect(sell.receive).toEqual({ amount: 3097.52, asset: 'USDT' });
  });
});

describe('paper market-order preview', () => {
  it('includes the slippage the paper fill charges, from the same model', () => {
    const slippageBps = 20;
    const paper = ctx({
      quote: { last: 30_000, bid: null, ask: null },
      marketFillPrice: (side, reference) => slippedPrice(side, reference, slippageBps, BTC_USDT.priceStep),
    });
    const preview = evaluate({ side: 'buy', type: 'market', size: { unit: 'base', amount: 0.01 } }, paper);
    const fill = matchOnPlacement(
      { side: 'buy', type: 'market', amount: 0.01, price: null, stopPrice: null, filled: 0, triggered: false },
      30_000,
      {
        amountStep: BTC_USDT.amountStep,
        priceStep: BTC_USDT.priceStep,
        slippageBps,
        book: null,
      },
    ).fills[0];
    expect(preview.slippage).toEqual({ reference: 30_000, price: 30_060 });
    expect(preview.cost).toBe(fill ? fill.price * fill.amount : NaN);
    expect(preview.cost).toBeCloseTo(300.6, 9);
    const sell = evaluate({ side: 'sell', type: 'market', size: { unit: 'base', amount: 0.01 } }, paper);
    expect(sell.cost).toBeCloseTo(299.4, 9);
    // Limits fill at their own price: no slippage.
    expect(evaluate(limitBuy(0.01, 29_000), paper).slippage).toBeNull();
  });
});

describe('order ticket on a perpetual whose contract is not 1 coin', () => {
  // OKX BTC-USDT-SWAP: ccxt counts its amounts in contracts of 0.01 BTC, so 0.01 "amount" would be 0.0001 BTC.
  const okxPerp: MarketRules = { ...BTC_USDT, symbol: 'BTC/USDT:USDT', marketType: 'swap', contractSize: 0.01 };

  it('refuses the order with the contract size and what to do, never sending a wrong-sized amount', () => {
    const result = evaluate(limitBuy(0.01), ctx({ rules: okxPerp, precision: stepPrecision(okxPerp) }));
    expect(result.issues).toContainEqual({
      field: 'symbol',
      rule: 'contract_size',
      message:
        'BTC/USDT:USDT counts orders in contracts of 0.01 BTC; Tradewind sizes orders in BTC and trades only perpetuals whose contract is 1 BTC (as on Bybit and Binance USDT perpetuals). Pick such a market, or trade BTC on a spot account.',
    });
  });

  it('a perpetual with no published contract size is refused too; one of exactly 1 coin and spot are not', () => {
    const unknown: MarketRules = { ...okxPerp };
    delete unknown.contractSize;
    expect(messages(limitBuy(0.01), ctx({ rules: unknown }))[0]).toMatch(/^BTC\/USDT:USDT publishes no contract size;/);
    const bybitPerp: MarketRules = { ...okxPerp, contractSize: 1 };
    expect(evaluate(limitBuy(0.01), ctx({ rules: bybitPerp })).issues).toEqual([]);
    expect(evaluate(limitBuy(0.01), ctx()).issues).toEqual([]);
  });
});
