/**
 * A link's PnL for its loss limit: realised + unrealised of every copied position, summed in one
 * currency — the link's own (`rules.currency`), else the one quote its copies share, else USD —
 * each position's PnL converted from its market's quote at the current rate the portfolio values
 * balances with (`quote-rates.ts`). It fails closed: a held position without a price, or a missing
 * rate, give a reason instead of a number, and the engine copies no new buy on an unknown loss.
 */
import { formatNumber } from '../exchange/precision';
import type { CopyPosition } from './copy-positions';
import { quoteOf, sumIn, totalsCurrency, type RateLookup } from './quote-rates';

export { quoteOf } from './quote-rates';

export type LinkLoss = { kind: 'known'; pnl: number; quote: string | null } | { kind: 'unknown'; reason: string };

/** How the loss is summed: the link's own currency (null: the copies' one quote, else USD) and the rates into it. */
export interface LossMoney {
  currency?: string | null;
  rate?: RateLookup;
}

const noRates: RateLookup = () => null;

/** PnL of the positions at `prices` (every held symbol must be priced: absent or null is unknown). */
export function linkLoss(positions: Map<string, CopyPosition>, prices: Map<string, number | null>, money: LossMoney = {}): LinkLoss {
  const amounts: Array<{ amount: number; currency: string }> = [];
  const quotes = new Set<string>();
  const missing: string[] = [];
  for (const p of positions.values()) {
    // A short (negative amount) gains as the price falls: amount × (price − average) holds for both sides.
    const held = p.amount !== 0 && p.averagePrice !== null;
    if (!held && p.realisedPnl === 0) continue;
    const quote = quoteOf(p.symbol);
    quotes.add(quote);
    amounts.push({ amount: p.realisedPnl, currency: quote });
    if (!held) continue;
    const price = prices.get(p.symbol);
    if (price === undefined || price === null || !(price > 0)) missing.push(p.symbol);
    else amounts.push({ amount: p.amount * (price - p.averagePrice!), currency: quote });
  }
  if (missing.length > 0) return { kind: 'unknown', reason: `no price for the held ${missing.join(', ')} on the follower account` };
  if (quotes.size === 0) return { kind: 'known', pnl: 0, quote: money.currency ?? null };
  const currency = totalsCurrency({ currency: money.currency ?? null }, quotes);
  const sum = sumIn(amounts, currency, money.rate ?? noRates);
  if (sum.kind === 'unknown')
    return { kind: 'unknown', reason: `the copied positions in ${[...quotes].join(' and ')} are summed in ${currency}, but ${sum.reason}` };
  return { kind: 'known', pnl: sum.total, quote: currency };
}

/** The loss-limit breach message, or null while within the limit. */
export function lossLimitReached(loss: LinkLoss, maxLoss: number): string | null {
  if (loss.kind !== 'known' || loss.pnl > -maxLoss) return null;
  const unit = loss.quote ? ` ${loss.quote}` : '';
  return `The loss on this leader reached ${formatNumber(-loss.pnl, 2)}${unit} (limit ${formatNumber(maxLoss)}${unit}).`;
}

/** Realised + unrealised PnL for views; null while it cannot be known (a missing price or rate). */
export function linkPnl(
  positions: Map<string, CopyPosition>,
  prices: Map<string, number | null>,
  money: LossMoney = {},
): { pnl: number; currency: string | null } | null {
  const loss = linkLoss(positions, prices, money);
  return loss.kind === 'known' ? { pnl: loss.pnl, currency: loss.quote } : null;
}
