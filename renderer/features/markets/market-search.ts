import type { Market } from '../../../shared/ipc/contract';

/**
 * Case-insensitive match on symbol, base and quote. Every whitespace-separated term must hit one
 * of them, so "eth btc" finds ETH/BTC and "usdt" finds every USDT market.
 */
export function filterMarkets(markets: readonly Market[], query: string): readonly Market[] {
  const terms = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return markets;
  return markets.filter((market) => {
    const symbol = market.symbol.toLowerCase();
    const base = market.base.toLowerCase();
    const quote = market.quote.toLowerCase();
    return terms.every((term) => symbol.includes(term) || base.includes(term) || quote.includes(term));
  });
}
