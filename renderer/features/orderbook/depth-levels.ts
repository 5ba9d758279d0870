import type { DepthLevel } from '../../../shared/ipc/schemas/market-depth';

export interface BookRow {
  price: number;
  amount: number;
  /** Running size from the best price outwards, in base units. */
  total: number;
  /** total / the deeper side's total, 0..1: drives the depth shading. */
  depth: number;
}

/** The grouping multiples offered: 1x, 10x, 100x of the market's price step. */
export const GROUP_MULTIPLES = [1, 10, 100] as const;

/** Decimals of a tick such as 0.01 or 0.000001, so bucket prices print without float noise. */
function tickDecimals(tick: number): number {
  if (tick >= 1) return 0;
  return Math.min(12, Math.ceil(-Math.log10(tick) - 1e-9));
}

/**
 * Sums levels into buckets of `tick`. Bids round down and asks round up, so a bucket never
 * advertises a better price than any order in it. Input and output are best price first.
 */
export function groupLevels(levels: readonly DepthLevel[], side: 'bid' | 'ask', tick: number | null): DepthLevel[] {
  if (tick === null || !Number.isFinite(tick) || tick <= 0) return levels.map(([p, a]) => [p, a]);
  const decimals = tickDecimals(tick);
  const buckets = new Map<number, number>();
  for (const [price, amount] of levels) {
    // The epsilon keeps 0.03 / 0.01 = 2.9999999999999996 in bucket 3.
    const ratio = price / tick;
    const index = side === 'bid' ? Math.floor(ratio + 1e-9) : Math.ceil(ratio - 1e-9);
    const bucket = Number((index * tick).toFixed(decimals));
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + amount);
  }
  const grouped = [...buckets.entries()].map(([price, amount]): DepthLevel => [price, amount]);
  return grouped.sort((a, b) => (side === 'bid' ? b[0] - a[0] : a[0] - b[0]));
}

/** Running totals from the best price outwards, shaded against `scale` (the larger side's total). */
export function cumulate(levels: readonly DepthLevel[], scale: number): BookRow[] {
  let total = 0;
  return levels.map(([price, amount]) => {
    total += amount;
    return { price, amount, total, depth: scale > 0 ? Math.min(1, total / scale) : 0 };
  });
}

/** Both sides with one shared scale, so equal shading means equal size across the spread. */
export function bookRows(bids: readonly DepthLevel[], asks: readonly DepthLevel[], rows: number): { bids: BookRow[]; asks: BookRow[] } {
  const topBids = bids.slice(0, rows);
  const topAsks = asks.slice(0, rows);
  const sum = (levels: readonly DepthLevel[]) => levels.reduce((acc, [, amount]) => acc + amount, 0);
  const scale = Math.max(sum(topBids), sum(topAsks));
  return { bids: cumulate(topBids, scale), asks: cumulate(topAsks, scale) };
}

/** Best ask minus best bid, and that as a percentage of the mid price; null with an empty side. */
export function spreadOf(bids: readonly DepthLevel[], asks: readonly DepthLevel[]): { absolute: number; percent: number } | null {
  const bid = bids[0]?.[0];
  const ask = asks[0]?.[0];
  if (bid === undefined || ask === undefined) return null;
  const absolute = ask - bid;
  return { absolute, percent: (absolute / ((ask + bid) / 2)) * 100 };
}
