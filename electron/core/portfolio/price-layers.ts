import { exactSum } from './exact-sum';
import { priceRoute, type PriceLookup, type RawBalance } from './valuation';

/**
 * Where a valuation may look for prices, in the order it should: the account's own venue, the
 * other connected venues, then the reference market data (live public prices, or the bundled
 * offline replay when the app is offline, which is what paper trading uses too).
 */
export interface PriceLayer {
  kind: 'own' | 'venue' | 'reference';
  /** Named on screen next to the value it priced: "OKX", "Binance", "offline replay". */
  name: string;
  price: PriceLookup;
  /** When these prices were read; null for a source that is always current (the replay clock). */
  at: number | null;
}

/** Which prices valued a row, said next to it. */
export interface PriceSource {
  kind: PriceLayer['kind'];
  name: string;
  /** Hub(s) the route went through ("USDT" for ETH → USDT → BTC); null for a direct market. */
  via: string | null;
  /** A stablecoin taken at 1 USD because no market quotes USD itself. */
  peg: string | null;
  at: number | null;
  /** Older than the stale threshold: the value is shown, marked with the prices' time. */
  stale: boolean;
}

export interface ValuedBalance {
  asset: string;
  free: number;
  used: number;
  total: number;
  value: number | null;
  source: PriceSource | null;
}

export interface UnpricedHolding {
  asset: string;
  amount: number;
  /** Why: "no market to USDT on any connected venue", "no EUR market on any connected venue". */
  reason: string;
}

export interface AccountValuation {
  balances: ValuedBalance[];
  totalValue: number;
  unpriced: UnpricedHolding[];
  pegs: string[];
  /** The oldest stale price time used, or null when every price was fresh. */
  stalePricesSince: number | null;
}

/** Prices older than this are still used (better than nothing) but the row says how old they are. */
export const STALE_PRICE_MS = 5 * 60_000;

function single(asset: string, quote: string, layer: PriceLayer, now: number): { price: number; source: PriceSource } | null {
  const route = priceRoute(asset, quote, layer.price);
  if (!route) return null;
  const stale = layer.at !== null && now - layer.at > STALE_PRICE_MS;
  return { price: route.price, source: { kind: layer.kind, name: layer.name, via: route.via, peg: route.peg, at: layer.at, stale } };
}

/**
 * A route whose legs are on different venues (ETH/USDT and BTC/USDT on OKX, BTC/EUR on another):
 * each symbol from the first venue listing it; the source names every venue a leg used.
 */
function combined(asset: string, quote: string, layers: readonly PriceLayer[], now: number): { price: number; source: PriceSource } | null {
  const answeredBy = new Map<string, PriceLayer>();
  const route = priceRoute(asset, quote, (symbol) => {
    for (const layer of layers) {
      const price = layer.price(symbol);
      if (price !== null && price > 0) {
        answeredBy.set(symbol, layer);
        return price;
      }
    }
    return null;
  });
  if (!route) return null;
  const chain = [asset, ...(route.via === null ? [] : route.via.split(', ')), route.peg ?? quote];
  const used: PriceLayer[] = [];
  for (let i = 0; i + 1 < chain.length; i++) {
    const [from, to] = [chain[i]!, chain[i + 1]!];
    const layer = answeredBy.get(`${from}/${to}`) ?? answeredBy.get(`${to}/${from}`);
    if (layer && !used.includes(layer)) used.push(layer);
  }
  const times = used.flatMap((layer) => (layer.at === null ? [] : [layer.at]));
  const at = times.length > 0 ? Math.min(...times) : null;
  const kind = used.every((layer) => layer.kind === 'own') ? 'own' : 'venue';
  const name = used.map((layer) => layer.name).join(' + ');
  return {
    price: route.price,
    source: { kind, name, via: route.via, peg: route.peg, at, stale: at !== null && now - at > STALE_PRICE_MS },
  };
}

/** Own venue, each other venue, legs across venues, then the reference data: the first that prices the asset (also copy trading's quote conversions). */
export function sourceFor(
  asset: string,
  quote: string,
  layers: readonly PriceLayer[],
  now: number,
): { price: number; source: PriceSource } | null {
  const venues = layers.filter((layer) => layer.kind !== 'reference');
  for (const layer of venues) {
    const found = single(asset, quote, layer, now);
    if (found) return found;
  }
  if (venues.length > 1) {
    const found = combined(asset, quote, venues, now);
    if (found) return found;
  }
  for (const layer of layers.filter((l) => l.kind === 'reference')) {
    const found = single(asset, quote, layer, now);
    if (found) return found;
  }
  return null;
}

/**
 * The reason an asset has no price: no market quoting the currency at all, or none reaching the
 * asset. `quoteListed` says whether any connected venue (or the reference data) lists a market in it.
 */
export function unpricedReason(quote: string, quoteListed: boolean): string {
  return quoteListed ? `no market to ${quote} on any connected venue` : `no ${quote} market on any connected venue`;
}

/**
 * Values one account's balances in `quote`, each asset through the first layer that has a route,
 * so a row names the prices that valued it. Never a guess: an asset no layer prices is listed with
 * its amount and the reason, and left out of the total.
 */
export function valueAccount(
  raw: readonly RawBalance[],
  quote: string,
  layers: readonly PriceLayer[],
  now: number,
  quoteListed: boolean,
): AccountValuation {
  const unpriced: UnpricedHolding[] = [];
  const pegs = new Set<string>();
  let stalePricesSince: number | null = null;
  const balances = raw.map(({ asset, free, used }): ValuedBalance => {
    const total = exactSum([free, used]);
    const found = asset === quote ? { price: 1, source: null } : sourceFor(asset, quote, layers, now);
    if (!found) {
      if (total > 0) unpriced.push({ asset, amount: total, reason: unpricedReason(quote, quoteListed) });
      return { asset, free, used, total, value: null, source: null };
    }
    const { source } = found;
    if (source?.peg) pegs.add(source.peg);
    if (source?.stale && source.at !== null) stalePricesSince = Math.min(stalePricesSince ?? source.at, source.at);
    return { asset, free, used, total, value: total * found.price, source };
  });
  balances.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.asset.localeCompare(b.asset));
  const totalValue = exactSum(balances.flatMap((b) => (b.value === null ? [] : [b.value])));
  return {
    balances,
    totalValue,
    unpriced: unpriced.sort((a, b) => a.asset.localeCompare(b.asset)),
    pegs: [...pegs].sort(),
    stalePricesSince,
  };
}
