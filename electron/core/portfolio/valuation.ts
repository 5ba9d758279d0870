import type { Balance } from '../../../shared/ipc/contract';

export interface RawBalance {
  asset: string;
  free: number;
  used: number;
}

export type PriceLookup = (symbol: string) => number | null;

/**
 * Price of one unit of `asset` in `quote`: direct market, inverse market, or through BTC.
 * Returns null rather than guessing when no route has a price.
 */
export function priceIn(asset: string, quote: string, price: PriceLookup): number | null {
  if (asset === quote) return 1;
  const direct = price(`${asset}/${quote}`);
  if (direct !== null) return direct;
  const inverse = price(`${quote}/${asset}`);
  if (inverse !== null && inverse > 0) return 1 / inverse;
  if (asset !== 'BTC' && quote !== 'BTC') {
    const viaBtc = price(`${asset}/BTC`);
    const btcQuote = price(`BTC/${quote}`);
    if (viaBtc !== null && btcQuote !== null) return viaBtc * btcQuote;
  }
  return null;
}

export function valueBalances(raw: readonly RawBalance[], quote: string, price: PriceLookup): { balances: Balance[]; totalValue: number } {
  let totalValue = 0;
  const balances = raw.map(({ asset, free, used }) => {
    const total = free + used;
    const unit = priceIn(asset, quote, price);
    const value = unit === null ? null : total * unit;
    if (value !== null) totalValue += value;
    return { asset, free, used, total, value };
  });
  balances.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.asset.localeCompare(b.asset));
  return { balances, totalValue };
}
