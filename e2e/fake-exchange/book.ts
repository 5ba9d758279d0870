/**
 * The synthetic order book of "everyone else" around the last price.
 *
 * It is a pure function of the last price and the market, so it never goes stale and needs no
 * storage: setPrice moves the whole book. Market orders walk it level by level (so big orders
 * get price impact and several fills, as on Binance); the user's own resting orders are kept off
 * it and fill when the last price trades through them (see matching.ts).
 */
import { ceilTo, dec, div, floorTo, isMultipleOf, max, mul, type Dec } from './decimal';
import type { Market } from './markets';

export interface Level {
  price: Dec;
  qty: Dec;
}

export interface Book {
  bids: Level[];
  asks: Level[];
}

/** Deep enough for any test order; Binance's own depth endpoint caps at 5000. */
export const BOOK_LEVELS = 200;

const SPACING_RATIO = dec('0.0001');

/** Deterministic but uneven level sizes, so fills are not all the same size. */
function levelQty(market: Market, index: number): Dec {
  const factor = dec(10 + ((index * 7) % 13)) / 10n;
  return max(market.stepSize, floorTo(mul(market.bookLevelQty, factor), market.stepSize));
}

export function syntheticBook(market: Market, last: Dec, levels = BOOK_LEVELS): Book {
  const tick = market.tickSize;
  // About 1 bp between levels, never less than one tick.
  const spacing = max(tick, floorTo(mul(last, SPACING_RATIO), tick));
  const firstAsk = isMultipleOf(last, tick) ? last + tick : ceilTo(last, tick);
  const firstBid = isMultipleOf(last, tick) ? last - tick : floorTo(last, tick);
  const bids: Level[] = [];
  const asks: Level[] = [];
  for (let i = 0; i < levels; i++) {
    const offset = spacing * BigInt(i);
    asks.push({ price: firstAsk + offset, qty: levelQty(market, i) });
    const bidPrice = firstBid - offset;
    if (bidPrice >= market.minPrice) bids.push({ price: bidPrice, qty: levelQty(market, i + 3) });
  }
  return { bids, asks };
}

export interface Sweep {
  fills: Level[];
  filledQty: Dec;
  quoteQty: Dec;
}

/**
 * Takes liquidity from one side up to `qty` base (or `quoteBudget` quote), stopping at
 * `limitPrice` when given. Quantities taken from a level are rounded down to the step size.
 */
export function sweep(side: 'BUY' | 'SELL', book: Book, market: Market, want: { qty?: Dec; quoteBudget?: Dec; limitPrice?: Dec }): Sweep {
  const levels = side === 'BUY' ? book.asks : book.bids;
  const fills: Level[] = [];
  let filledQty = 0n;
  let quoteQty = 0n;
  for (const level of levels) {
    if (want.limitPrice !== undefined) {
      if (side === 'BUY' && level.price > want.limitPrice) break;
      if (side === 'SELL' && level.price < want.limitPrice) break;
    }
    let take = level.qty;
    if (want.qty !== undefined) take = take < want.qty - filledQty ? take : want.qty - filledQty;
    if (want.quoteBudget !== undefined) {
      const affordable = floorTo(div(want.quoteBudget - quoteQty, level.price), market.stepSize);
      take = take < affordable ? take : affordable;
    }
    if (take <= 0n) break;
    fills.push({ price: level.price, qty: take });
    filledQty += take;
    quoteQty += mul(take, level.price);
    if (want.qty !== undefined && filledQty >= want.qty) break;
  }
  return { fills, filledQty, quoteQty };
}
