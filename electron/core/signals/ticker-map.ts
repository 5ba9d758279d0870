/**
 * Exchange-style tickers as senders write them (BTCUSDT, BINANCE:BTCUSDT, BTC-USDT, btc/usdt,
 * BTCUSDT.P) mapped to one of the markets a signal source is bound to. Only the source's own
 * markets can match, so a signal can never reach a market the person did not bind.
 */
const squash = (symbol: string) => symbol.replace(/[/_\-.:]/g, '').toUpperCase();

export function mapTicker(ticker: string, symbols: readonly string[]): string | null {
  let bare = ticker.trim();
  const colon = bare.lastIndexOf(':');
  if (colon >= 0) bare = bare.slice(colon + 1);
  // TradingView marks perpetuals with ".P"; a spot bot trades the spot market of the same pair.
  bare = bare.replace(/\.P$/i, '');
  const wanted = squash(bare);
  if (wanted.length === 0) return null;
  return symbols.find((symbol) => squash(symbol) === wanted) ?? null;
}
