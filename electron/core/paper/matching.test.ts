import { describe, expect, it } from 'vitest';
import { matchOnPlacement, matchOnRange, type Book, type MatchContext, type MatchOrder } from './matching';

const BOOK: Book = {
  bids: [
    { price: 29_999, amount: 0.2 },
    { price: 29_990, amount: 0.3 },
  ],
  asks: [
    { price: 30_001, amount: 0.1 },
    { price: 30_010, amount: 0.25 },
    { price: 30_020, amount: 0.4 },
  ],
};
const ctx = (over: Partial<MatchContext> = {}): MatchContext => ({
  amountStep: 0.00001,
  priceStep: 0.01,
  slippageBps: 5,
  book: null,
  ...over,
});
const order = (over: Partial<MatchOrder>): MatchOrder => ({
  side: 'buy',
  type: 'market',
  amount: 0.1,
  price: null,
  stopPrice: null,
  filled: 0,
  triggered: false,
  ...over,
});
const range = (low: number, high: number, last = high) => ({ low, high, last });

describe('paper matching', () => {
  it('walks the book level by level for a market order', () => {
    const result = matchOnPlacement(order({ amount: 0.3 }), 30_000, ctx({ book: BOOK }));
    expect(result.fills).toEqual([
      { price: 30_001, amount: 0.1, maker: false },
      { price: 30_010, amount: 0.2, maker: false },
    ]);
    expect(result.rest).toBe('filled');
  });

  it('fills part of a market order the book cannot absorb and expires the rest', () => {
    const result = matchOnPlacement(order({ side: 'sell', amount: 0.8 }), 30_000, ctx({ book: BOOK }));
    expect(result.fills.map((f) => [f.price, f.amount])).toEqual([
      [29_999, 0.2],
      [29_990, 0.3],
    ]);
    expect(result.rest).toBe('expire');
  });

  it('fills at the last price plus slippage, on the tick, without a book', () => {
    expect(matchOnPlacement(order({ amount: 0.1 }), 30_000, ctx()).fills).toEqual([{ price: 30_015, amount: 0.1, maker: false }]);
    expect(matchOnPlacement(order({ side: 'sell', amount: 0.1 }), 30_000.03, ctx()).fills).toEqual([
      { price: 29_985.02, amount: 0.1, maker: false },
    ]);
  });

  it('takes what a marketable limit can get up to its price and rests the rest', () => {
    const result = matchOnPlacement(order({ type: 'limit', amount: 0.5, price: 30_010 }), 30_000, ctx({ book: BOOK }));
    expect(result.fills.map((f) => [f.price, f.amount])).toEqual([
      [30_001, 0.1],
      [30_010, 0.25],
    ]);
    expect(result.rest).toBe('work');
    const rest = matchOnRange(order({ type: 'limit', amount: 0.5, price: 30_010, filled: 0.35 }), range(30_005, 30_030), ctx());
    expect(rest.fills).toEqual([{ price: 30_010, amount: 0.15, maker: true }]);
    expect(rest.rest).toBe('filled');
  });

  it('rests a limit away from the market and fills it as maker only when the range reaches it', () => {
    const limit = order({ type: 'limit', amount: 0.1, price: 29_500 });
    expect(matchOnPlacement(limit, 30_000, ctx()).rest).toBe('work');
    expect(matchOnRange(limit, range(29_600, 30_100), ctx()).fills).toEqual([]);
    expect(matchOnRange(limit, range(29_450, 29_700, 29_700), ctx()).fills).toEqual([{ price: 29_500, amount: 0.1, maker: true }]);
    const sell = order({ side: 'sell', type: 'limit', amount: 0.1, price: 31_000 });
    expect(matchOnRange(sell, range(30_500, 30_999.99), ctx()).fills).toEqual([]);
    expect(matchOnRange(sell, range(30_500, 31_000), ctx()).fills).toEqual([{ price: 31_000, amount: 0.1, maker: true }]);
  });

  it('triggers a stop-market at the stop and fills from there with slippage', () => {
    const stop = order({ side: 'sell', type: 'stop_market', amount: 0.1, stopPrice: 29_000 });
    expect(matchOnRange(stop, range(29_100, 30_000), ctx())).toEqual({ fills: [], triggered: false, rest: 'work' });
    const hit = matchOnRange(stop, range(28_800, 29_200, 28_900), ctx());
    expect(hit.triggered).toBe(true);
    expect(hit.fills).toEqual([{ price: 28_985.5, amount: 0.1, maker: false }]);
    expect(hit.rest).toBe('filled');
  });

  it('turns a triggered stop-limit into a limit: taking at once when marketable, resting otherwise', () => {
    const marketable = order({ side: 'sell', type: 'stop_limit', amount: 0.1, stopPrice: 29_000, price: 28_990 });
    expect(matchOnRange(marketable, range(28_500, 29_500), ctx()).fills).toEqual([{ price: 28_990, amount: 0.1, maker: false }]);
    const resting = order({ side: 'buy', type: 'stop_limit', amount: 0.1, stopPrice: 31_000, price: 30_900 });
    const triggered = matchOnRange(resting, range(30_950, 31_050), ctx());
    expect(triggered).toEqual({ fills: [], triggered: true, rest: 'work' });
    const later = matchOnRange({ ...resting, triggered: true }, range(30_850, 31_000), ctx());
    expect(later.fills).toEqual([{ price: 30_900, amount: 0.1, maker: true }]);
  });
});
