import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { formatMoney } from '../../lib/format/numbers';

/** The total as shown: a money amount, or why there is none (never "0.00" for assets without a price). */
export function totalText(totalValue: number, quote: string, unpriced: readonly string[]): string {
  if (unpriced.length > 0 && totalValue === 0) return `No ${quote} price`;
  return formatMoney(totalValue, quote);
}

/** Every held asset no route prices, across the snapshot's accounts (or one account's). */
export function unpricedAssets(accounts: ReadonlyArray<Pick<PortfolioSnapshot['accounts'][number], 'unpriced'>>): string[] {
  return [...new Set(accounts.flatMap((account) => account.unpriced ?? []))].sort();
}

/** What the total leaves out and which peg it assumes, in one line; null when nothing needs saying. */
export function valuationNote(quote: string, unpriced: readonly string[], pegs: readonly string[]): string | null {
  const parts: string[] = [];
  if (unpriced.length > 0) {
    parts.push(`The total excludes ${unpriced.join(', ')}: no route to ${quote} on any connected venue (listed below).`);
  }
  if (pegs.length > 0) parts.push(`${quote} through ${pegs.join(', ')}, taken at 1 ${quote} (assumed peg).`);
  return parts.length > 0 ? parts.join(' ') : null;
}
