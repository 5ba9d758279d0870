import type { PortfolioSnapshot, PriceSource } from '../../../shared/ipc/contract';
import { formatAmount } from '../../lib/format/numbers';
import { formatUtcClock } from '../../lib/format/time';

type AccountEntry = PortfolioSnapshot['accounts'][number];

/** "Bybit", "OKX via BTC", "offline replay", "OKX · USDT at 1 USD", "Bybit · stale 13:58 UTC". */
export function priceSourceText(source: PriceSource | null | undefined): string {
  if (!source) return '';
  const parts = [source.via ? `${source.name} via ${source.via}` : source.name];
  if (source.peg) parts.push(`${source.peg} at 1 USD`);
  if (source.stale && source.at !== null) parts.push(`stale ${formatUtcClock(source.at)}`);
  return parts.join(' · ');
}

/** What the source means, for the cell's tooltip. */
export function priceSourceTitle(source: PriceSource | null | undefined): string | undefined {
  if (!source) return undefined;
  const where =
    source.kind === 'own'
      ? `Priced on ${source.name}, the account's own venue`
      : source.kind === 'venue'
        ? `Priced on ${source.name}: the account's own venue lists no route for it`
        : `Priced from ${source.name}: no connected venue lists a route for it`;
  const age = source.at === null ? '' : ` Prices read at ${formatUtcClock(source.at)}${source.stale ? ', not refreshed since' : ''}.`;
  return `${where}.${age}`;
}

/** "OKX" for an account labelled after its venue, "Main (Binance)" otherwise. */
function venueOf(account: AccountEntry): string {
  const venue = account.exchangeName ?? account.exchangeId;
  return account.label.toLowerCase().startsWith(venue.toLowerCase()) ? account.label : `${account.label} (${venue})`;
}

/** Every holding no route prices, named with amount, venue and why: "XYZ 12.5 on OKX main — no market to USDT …". */
export function unpricedLines(accounts: readonly AccountEntry[]): string[] {
  return accounts.flatMap((account) =>
    (account.unpricedHoldings ?? []).map(
      (holding) => `${holding.asset} ${formatAmount(holding.amount)} on ${venueOf(account)} — ${holding.reason}`,
    ),
  );
}

/** The distinct sources that valued an asset across accounts, for its merged row. */
export function assetSources(accounts: readonly AccountEntry[], asset: string): string {
  const names = new Set<string>();
  for (const account of accounts) {
    const text = priceSourceText(account.balances.find((b) => b.asset === asset)?.source);
    if (text) names.add(text);
  }
  return [...names].join(', ');
}
