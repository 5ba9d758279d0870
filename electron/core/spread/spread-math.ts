/**
 * The spread monitor's arithmetic, pure: which quotes are comparable, the best pair of a row
 * (richest fresh bid against the cheapest fresh ask on another account), gross and net spread
 * after both taker fees, and the two-leg amount rounded to both venues' steps.
 */
import type { SpreadBest } from '../../../shared/ipc/schemas/spread';

/** Quote assets taken 1:1 when the person allows stablecoin quotes to be compared. */
export const USD_LIKE = new Set(['USDT', 'USDC', 'USD']);
export const USD_GROUP = 'USD*';
export const USD_GROUP_LABEL = 'USD stablecoins';

/** The row a market belongs to: its own quote, or the USD group when stablecoin quotes are comparable. */
export function quoteGroup(quote: string, stableQuotesComparable: boolean): string {
  return stableQuotesComparable && USD_LIKE.has(quote) ? USD_GROUP : quote;
}

export function rowKey(base: string, group: string): string {
  return `${base}|${group}`;
}

export interface VenueQuote {
  accountId: string;
  symbol: string;
  bid: number | null;
  ask: number | null;
  takerFee: number;
  feeAssumed: boolean;
  receivedAt: number | null;
}

export function isStale(quote: Pick<VenueQuote, 'receivedAt'>, now: number, staleAfterMs: number): boolean {
  return quote.receivedAt === null || now - quote.receivedAt > staleAfterMs;
}

/** Gross spread in %: what selling at `bid` makes over buying at `ask`, before fees. */
export function grossSpreadPct(ask: number, bid: number): number {
  return ((bid - ask) / ask) * 100;
}

/** Net spread in % of the buy's cost: proceeds after the sell fee over cost with the buy fee. */
export function netSpreadPct(ask: number, bid: number, buyFee: number, sellFee: number): number {
  const cost = ask * (1 + buyFee);
  const proceeds = bid * (1 - sellFee);
  return ((proceeds - cost) / cost) * 100;
}

/**
 * The best buy/sell pair across different accounts, using fresh quotes only; null with the reason
 * when there is none. Pairs are ranked by net spread, since fees differ between venues.
 */
export function bestPair(
  quotes: readonly VenueQuote[],
  now: number,
  staleAfterMs: number,
): { best: SpreadBest; reason: null } | { best: null; reason: string } {
  const fresh = quotes.filter((q) => !isStale(q, now, staleAfterMs));
  const buys = fresh.filter((q) => q.ask !== null && q.ask > 0);
  const sells = fresh.filter((q) => q.bid !== null && q.bid > 0);
  let best: SpreadBest | null = null;
  for (const buy of buys) {
    for (const sell of sells) {
      if (buy.accountId === sell.accountId) continue;
      const ask = buy.ask as number;
      const bid = sell.bid as number;
      const netPct = netSpreadPct(ask, bid, buy.takerFee, sell.takerFee);
      if (best === null || netPct > best.netPct) {
        best = {
          buyAccountId: buy.accountId,
          buySymbol: buy.symbol,
          ask,
          sellAccountId: sell.accountId,
          sellSymbol: sell.symbol,
          bid,
          grossPct: grossSpreadPct(ask, bid),
          netPct,
          feeAssumed: buy.feeAssumed || sell.feeAssumed,
        };
      }
    }
  }
  if (best) return { best, reason: null };
  const staleCount = quotes.length - fresh.length;
  if (fresh.length < 2)
    return {
      best: null,
      reason:
        staleCount > 0
          ? `Fewer than two fresh quotes (${staleCount} stale: no price for ${Math.round(staleAfterMs / 1000)} s).`
          : 'Waiting for quotes.',
    };
  return { best: null, reason: 'The venues quote no bid or no ask.' };
}

/** Rounding of one venue, as its Precision does it (down to the amount step). */
export interface AmountRounding {
  amount(value: number): number;
}

/**
 * The largest amount not above `requested` that both venues accept as it is: rounded down by one
 * venue, then the other, until neither changes it (steps that are not multiples of each other
 * need a few rounds). Never rounds up. Null when no positive amount fits both steps.
 */
export function sizeForBoth(requested: number, a: AmountRounding, b: AmountRounding): number | null {
  let amount = requested;
  for (let round = 0; round < 20; round += 1) {
    const next = Math.min(amount, b.amount(Math.min(amount, a.amount(amount))));
    if (!(next > 0)) return null;
    if (a.amount(next) === next && b.amount(next) === next) return next;
    // Each round only goes down (to a multiple of one step), so this ends on a multiple of both.
    amount = next;
  }
  return null;
}
