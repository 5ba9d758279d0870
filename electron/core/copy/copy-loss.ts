/**
 * A link's PnL for its loss limit: realised + unrealised of every copied position, in one quote
 * currency. It fails closed: a held position without a price, or positions in two quote
 * currencies (BTC/USDT and ETH/BTC cannot be added up), give a reason instead of a number, and the
 * engine copies no new buy on an unknown loss.
 */
import { formatNumber } from '../exchange/precision';
import type { CopyPosition } from './copy-positions';

export type LinkLoss = { kind: 'known'; pnl: number; quote: string | null } | { kind: 'unknown'; reason: string };

/** The quote currency of a market symbol (`ETH/BTC` → BTC, `BTC/USDT:USDT` → USDT). */
export function quoteOf(symbol: string): string {
  return (symbol.split('/')[1] ?? symbol).split(':')[0]!;
}

/** PnL of the positions at `prices` (every held symbol must be priced: absent or null is unknown). */
export function linkLoss(positions: Map<string, CopyPosition>, prices: Map<string, number | null>): LinkLoss {
  let total = 0;
  const quotes = new Set<string>();
  const missing: string[] = [];
  for (const p of positions.values()) {
    const held = p.amount > 0 && p.averagePrice !== null;
    if (!held && p.realisedPnl === 0) continue;
    quotes.add(quoteOf(p.symbol));
    total += p.realisedPnl;
    if (!held) continue;
    const price = prices.get(p.symbol);
    if (price === undefined || price === null || !(price > 0)) missing.push(p.symbol);
    else total += p.amount * (price - p.averagePrice!);
  }
  if (quotes.size > 1)
    return {
      kind: 'unknown',
      reason: `the copied positions are in ${[...quotes].join(' and ')}, which cannot be added into one loss; keep a link with a loss limit to markets of one quote currency (allow list)`,
    };
  if (missing.length > 0) return { kind: 'unknown', reason: `no price for the held ${missing.join(', ')} on the follower account` };
  return { kind: 'known', pnl: total, quote: [...quotes][0] ?? null };
}

/** The loss-limit breach message, or null while within the limit. */
export function lossLimitReached(loss: LinkLoss, maxLoss: number): string | null {
  if (loss.kind !== 'known' || loss.pnl > -maxLoss) return null;
  const unit = loss.quote ? ` ${loss.quote}` : '';
  return `The loss on this leader reached ${formatNumber(-loss.pnl, 2)}${unit} (limit ${formatNumber(maxLoss)}${unit}).`;
}

/** Realised + unrealised PnL for views; null while it cannot be known (a missing price, mixed quote currencies). */
export function linkPnl(positions: Map<string, CopyPosition>, prices: Map<string, number | null>): number | null {
  const loss = linkLoss(positions, prices);
  return loss.kind === 'known' ? loss.pnl : null;
}
