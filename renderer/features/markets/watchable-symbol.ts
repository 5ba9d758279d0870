/**
 * Mirrors SymbolSchema in shared/ipc/contract.ts (a test keeps them in step). market.watch rejects
 * the whole call when one symbol fails the schema, so odd exchange symbols are filtered out first.
 * Copied rather than imported so zod stays out of the renderer bundle.
 */
// A perpetual swap carries its settle currency after a colon, as ccxt spells it: BTC/USDT:USDT.
const SYMBOL_PATTERN = /^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}(:[A-Za-z0-9._-]{1,20})?$/;
export const MAX_WATCHED_SYMBOLS = 200;

export function isWatchableSymbol(symbol: string): boolean {
  return symbol.length <= 48 && SYMBOL_PATTERN.test(symbol);
}

/** The chart's market first (it must never be cut off), then the visible rows, unique, capped. */
export function watchedSymbols(selected: string | null, visible: readonly string[]): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  for (const symbol of selected ? [selected, ...visible] : visible) {
    if (result.length >= MAX_WATCHED_SYMBOLS) break;
    if (seen.has(symbol) || !isWatchableSymbol(symbol)) continue;
    seen.add(symbol);
    result.push(symbol);
  }
  return result;
}
