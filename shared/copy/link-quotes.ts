/**
 * Which quote currencies a copy link's follower markets are in, read from its rules alone (core
 * and the form share it): the allow list mapped through the market map. Null when the link copies
 * every market (its quotes are whatever the leader trades).
 */
export interface LinkQuoteRules {
  allow: readonly string[];
  symbolMap: ReadonlyArray<{ leader: string; follower: string }>;
}

const quoteOf = (symbol: string) => (symbol.split('/')[1] ?? symbol).split(':')[0]!;

export function linkFollowerQuotes(rules: LinkQuoteRules): string[] | null {
  if (rules.allow.length === 0) return null;
  const quotes = new Set<string>();
  for (const leader of rules.allow) quotes.add(quoteOf(rules.symbolMap.find((e) => e.leader === leader)?.follower ?? leader));
  return [...quotes].sort();
}

/** Why a link needs its amounts' currency named (its allowed markets are in several quotes), or null. */
export function missingCurrencyError(rules: LinkQuoteRules & { currency?: string | null }): string | null {
  if (rules.currency) return null;
  const quotes = linkFollowerQuotes(rules);
  return quotes !== null && quotes.length > 1
    ? `the allowed markets are copied into ${quotes.join(' and ')} markets: pick the currency the amounts are in (they are converted per order at the portfolio's rates).`
    : null;
}
