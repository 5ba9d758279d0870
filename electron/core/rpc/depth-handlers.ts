import { DEPTH_LIMITS, type marketDepthMethods } from '../../../shared/ipc/schemas/market-depth';
import { TradewindError } from '../../../shared/ipc/errors';
import type { MarketDataSource } from '../market-data/source';
import type { Handlers } from './dispatch';

type DepthHandlers = Pick<Handlers, keyof typeof marketDepthMethods>;

const DEFAULT_TRADES = 50;

/** Order book and public tape for the order book panel: thin calls into the account's market data source. */
export function createDepthHandlers(deps: { sourceFor: (accountId: string) => Promise<MarketDataSource> }): DepthHandlers {
  const marketSource = async (accountId: string, symbol: string): Promise<MarketDataSource> => {
    const source = await deps.sourceFor(accountId);
    if (!source.hasMarket(symbol)) {
      throw new TradewindError('not_found', `${symbol} is not a market on ${source.exchangeName}. Pick one from the markets list.`);
    }
    return source;
  };
  // A source without these methods says so instead of the panel guessing why it is empty.
  const missing = (source: MarketDataSource) => `${source.exchangeName} market data here has no order book or trade feed.`;

  return {
    'market.depth': async ({ accountId, symbol, limit }) => {
      const source = await marketSource(accountId, symbol);
      if (!source.orderBook) return { symbol, bids: [], asks: [], timestamp: Date.now(), available: false, reason: missing(source) };
      return source.orderBook(symbol, limit ?? DEPTH_LIMITS.default);
    },

    'market.trades': async ({ accountId, symbol, limit }) => {
      const source = await marketSource(accountId, symbol);
      if (!source.recentTrades) return { symbol, trades: [], available: false, reason: missing(source) };
      return source.recentTrades(symbol, limit ?? DEFAULT_TRADES);
    },
  };
}
