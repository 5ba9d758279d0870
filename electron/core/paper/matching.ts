/**
 * Paper matching rules, free of I/O so they can be tested on their own.
 *
 * - Market orders take liquidity: they walk the order book level by level when there is one
 *   (partial fills; what the book cannot fill expires), otherwise they fill at the last price
 *   moved against the taker by the slippage.
 * - A limit order that is marketable when placed takes what it can up to its limit, then rests.
 *   A resting limit fills as maker at its own price once the traded range reaches it.
 * - Stops trigger when the traded range reaches the stop price: a stop-market then fills like a
 *   market order from the stop price, a stop-limit becomes a limit order (taking at once if its
 *   limit is marketable at the stop).
 * Fill prices are kept on the tick (against the taker) and amounts on the step.
 */
import type { OrderSide, OrderType } from '../../../shared/ipc/schemas/orders';
import { ceilToStep, clean, floorToStep } from '../exchange/precision';

export interface BookLevel {
  price: number;
  amount: number;
}

export interface Book {
  /** Best first. */
  bids: BookLevel[];
  asks: BookLevel[];
}

export interface MatchOrder {
  side: OrderSide;
  type: OrderType;
  amount: number;
  price: number | null;
  stopPrice: number | null;
  filled: number;
  triggered: boolean;
}

export interface MatchContext {
  amountStep: number | null;
  priceStep: number | null;
  slippageBps: number;
  book: Book | null;
}

/** The prices traded since the previous observation (both ends included). */
export interface Range {
  last: number;
  low: number;
  high: number;
}

export interface MatchFill {
  price: number;
  amount: number;
  maker: boolean;
}

export interface MatchResult {
  fills: MatchFill[];
  /** The stop triggered in this step. */
  triggered: boolean;
  /** What is left after the fills: keep working, or expire (a market order the book could not fill). */
  rest: 'work' | 'filled' | 'expire';
}

const remainingOf = (order: MatchOrder) => clean(order.amount - order.filled);

/**
 * Last price moved against the taker, rounded to the tick away from the taker's favour. The order
 * ticket's paper preview uses this same function, so the estimate matches what the fill charges.
 */
export function slippedPrice(side: OrderSide, base: number, slippageBps: number, priceStep: number | null): number {
  const factor = slippageBps / 10_000;
  return side === 'buy' ? ceilToStep(base * (1 + factor), priceStep) : floorToStep(base * (1 - factor), priceStep);
}

function slipped(side: OrderSide, base: number, ctx: MatchContext): number {
  return slippedPrice(side, base, ctx.slippageBps, ctx.priceStep);
}

/**
 * Takes liquidity for `amount`: from the book (stopping at `limit`), or in one fill at the
 * slipped reference price capped at `limit`. Returns the fills; their sum may be short of
 * `amount` when the book runs out or the limit stops it.
 */
export function takeLiquidity(side: OrderSide, amount: number, reference: number, ctx: MatchContext, limit: number | null): MatchFill[] {
  if (ctx.book) {
    const levels = side === 'buy' ? ctx.book.asks : ctx.book.bids;
    const fills: MatchFill[] = [];
    let left = amount;
    for (const level of levels) {
      if (left <= 0) break;
      if (limit !== null && (side === 'buy' ? level.price > limit : level.price < limit)) break;
      const take = floorToStep(Math.min(level.amount, left), ctx.amountStep);
      if (take <= 0) continue;
      fills.push({ price: level.price, amount: take, maker: false });
      left = clean(left - take);
    }
    return fills;
  }
  let price = slipped(side, reference, ctx);
  if (limit !== null) price = side === 'buy' ? Math.min(price, limit) : Math.max(price, limit);
  return [{ price, amount, maker: false }];
}

function resultOf(order: MatchOrder, fills: MatchFill[], triggered: boolean, expireRest: boolean): MatchResult {
  const filled = clean(fills.reduce((sum, f) => sum + f.amount, order.filled));
  if (filled >= order.amount - 1e-12) return { fills, triggered, rest: 'filled' };
  return { fills, triggered, rest: expireRest ? 'expire' : 'work' };
}

function isMarketable(side: OrderSide, limit: number, last: number, book: Book | null): boolean {
  const best = side === 'buy' ? (book?.asks[0]?.price ?? last) : (book?.bids[0]?.price ?? last);
  return side === 'buy' ? limit >= best : limit <= best;
}

/** Whether a stop's trigger lies in the traded range: buy stops above the market, sell stops below. */
export function stopReached(side: OrderSide, stopPrice: number, range: Range): boolean {
  return side === 'buy' ? range.high >= stopPrice : range.low <= stopPrice;
}

function limitReached(side: OrderSide, limit: number, range: Range): boolean {
  return side === 'buy' ? range.low <= limit : range.high >= limit;
}

/** What happens when the order reaches the venue, with the market at `last`. */
export function matchOnPlacement(order: MatchOrder, last: number, ctx: MatchContext): MatchResult {
  const remaining = remainingOf(order);
  if (order.type === 'market') return resultOf(order, takeLiquidity(order.side, remaining, last, ctx, null), false, true);
  if (order.type === 'limit') {
    const limit = order.price as number;
    if (!isMarketable(order.side, limit, last, ctx.book)) return { fills: [], triggered: false, rest: 'work' };
    return resultOf(order, takeLiquidity(order.side, remaining, last, ctx, limit), false, false);
  }
  return matchOnRange(order, { last, low: last, high: last }, ctx);
}

/** What happens to a working order when the market trades through `range`. */
export function matchOnRange(order: MatchOrder, range: Range, ctx: MatchContext): MatchResult {
  const remaining = remainingOf(order);
  if (remaining <= 0) return { fills: [], triggered: false, rest: 'filled' };
  const isStop = order.type === 'stop_limit' || order.type === 'stop_market';
  if (isStop && !order.triggered) {
    const stop = order.stopPrice as number;
    if (!stopReached(order.side, stop, range)) return { fills: [], triggered: false, rest: 'work' };
    // The range is a continuous path, so the market passed the stop itself: execution starts there.
    const bookless = { ...ctx, book: null };
    if (order.type === 'stop_market') return resultOf(order, takeLiquidity(order.side, remaining, stop, bookless, null), true, true);
    const limit = order.price as number;
    if (isMarketable(order.side, limit, stop, null))
      return resultOf(order, takeLiquidity(order.side, remaining, stop, bookless, limit), true, false);
    // Which part of the range came after the trigger is unknown: only the closing price counts for the new limit.
    const after = limitReached(order.side, limit, { last: range.last, low: range.last, high: range.last })
      ? [{ price: limit, amount: remaining, maker: true }]
      : [];
    return resultOf(order, after, true, false);
  }
  if (order.type === 'market' || order.type === 'stop_market') {
    return resultOf(order, takeLiquidity(order.side, remaining, range.last, ctx, null), false, true);
  }
  const limit = order.price as number;
  if (!limitReached(order.side, limit, range)) return { fills: [], triggered: false, rest: 'work' };
  return resultOf(order, [{ price: limit, amount: remaining, maker: true }], false, false);
}
