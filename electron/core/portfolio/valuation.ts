import type { Balance } from '../../../shared/ipc/contract';

export interface RawBalance {
  asset: string;
  free: number;
  used: number;
}

export type PriceLookup = (symbol: string) => number | null;

/** Assets a valuation may route through, most liquid first. */
const HUBS = ['USDT', 'USDC', 'BTC', 'ETH', 'EUR', 'USD', 'FDUSD', 'DAI'] as const;
/**
 * Stablecoins taken at 1 USD when no market quotes USD itself. The peg is an assumption, so a
 * valuation that uses it says so (`peg`); it is never applied silently.
 */
export const USD_PEGS = ['USDT', 'USDC', 'FDUSD', 'DAI'] as const;

/** One market, either way round. */
function leg(from: string, to: string, price: PriceLookup): number | null {
  if (from === to) return 1;
  const direct = price(`${from}/${to}`);
  if (direct !== null && direct > 0) return direct;
  const inverse = price(`${to}/${from}`);
  return inverse !== null && inverse > 0 ? 1 / inverse : null;
}

export interface PriceRoute {
  price: number;
  /** The assets the price went through ("USDT" for ETH → USDT → BTC), or null for a direct market. */
  via: string | null;
  /** The stablecoin taken at 1 USD, when USD itself has no market. */
  peg: string | null;
}

function routeThroughMarkets(asset: string, quote: string, price: PriceLookup): Omit<PriceRoute, 'peg'> | null {
  const direct = leg(asset, quote, price);
  if (direct !== null) return { price: direct, via: null };
  for (const hub of HUBS) {
    if (hub === asset || hub === quote) continue;
    const first = leg(asset, hub, price);
    if (first === null) continue;
    const second = leg(hub, quote, price);
    if (second !== null) return { price: first * second, via: hub };
  }
  // Two hubs: ETH in EUR via ETH/USDT, BTC/USDT and BTC/EUR.
  for (const first of HUBS) {
    if (first === asset || first === quote) continue;
    const a = leg(asset, first, price);
    if (a === null) continue;
    for (const second of HUBS) {
      if (second === first || second === asset || second === quote) continue;
      const b = leg(first, second, price);
      const c = b === null ? null : leg(second, quote, price);
      if (b !== null && c !== null) return { price: a * b * c, via: `${first}, ${second}` };
    }
  }
  return null;
}

/**
 * Price of one unit of `asset` in `quote` through existing markets: direct, inverse, or through
 * one or two hubs (ETH in BTC via ETH/USDT and BTC/USDT). USD without a USD market goes through a
 * USD-pegged stablecoin, and says which. Null rather than a guess when no route has a price.
 */
export function priceRoute(asset: string, quote: string, price: PriceLookup): PriceRoute | null {
  const route = routeThroughMarkets(asset, quote, price);
  if (route) return { ...route, peg: null };
  if (quote === 'USD') {
    for (const peg of USD_PEGS) {
      const pegged = routeThroughMarkets(asset, peg, price);
      if (pegged) return { ...pegged, peg };
    }
  }
  return null;
}

export function priceIn(asset: string, quote: string, price: PriceLookup): number | null {
  return priceRoute(asset, quote, price)?.price ?? null;
}

export interface Valuation {
  balances: Balance[];
  totalValue: number;
  /** Assets held that no route prices in the quote currency (their value is null, not 0). */
  unpriced: string[];
  /** Stablecoins taken at 1 USD for this valuation. */
  pegs: string[];
}

export function valueBalances(raw: readonly RawBalance[], quote: string, price: PriceLookup): Valuation {
  let totalValue = 0;
  const unpriced: string[] = [];
  const pegs = new Set<string>();
  const balances = raw.map(({ asset, free, used }) => {
    const total = free + used;
    const route = priceRoute(asset, quote, price);
    const value = route === null ? null : total * route.price;
    if (value !== null) totalValue += value;
    if (route === null && total > 0) unpriced.push(asset);
    if (route?.peg) pegs.add(route.peg);
    return { asset, free, used, total, value };
  });
  balances.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.asset.localeCompare(b.asset));
  return { balances, totalValue, unpriced: unpriced.sort(), pegs: [...pegs].sort() };
}
