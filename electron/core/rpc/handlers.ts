import type { Account } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountsRepo } from '../accounts/accounts-repo';
import type { Db } from '../db/connection';
import type { ReferenceSource } from '../market-data/reference-source';
import type { MarketDataSource } from '../market-data/source';
import type { WatchRegistry } from '../market-data/watch-registry';
import { readPaperBalances } from '../paper/paper-account';
import { valueBalances } from '../portfolio/valuation';
import type { Handlers } from './dispatch';

export interface HandlerDeps {
  db: Db;
  accounts: AccountsRepo;
  reference: ReferenceSource;
  watches: WatchRegistry;
  appInfo: { name: string; version: string; host: 'electron' | 'server' | 'test'; dataDir: string };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { accounts, reference } = deps;

  const requireAccount = (id: string): Account => {
    const account = accounts.get(id);
    if (!account) throw new TradewindError('not_found', `No account with id "${id}". Pick one from the account list.`);
    return account;
  };

  /** Every account trades on the reference exchange's data for now (only paper accounts exist). */
  const sourceFor = async (accountId: string): Promise<MarketDataSource> => {
    requireAccount(accountId);
    return reference.ready;
  };

  const requireMarket = (source: MarketDataSource, symbol: string): void => {
    if (!source.hasMarket(symbol)) {
      throw new TradewindError('not_found', `${symbol} is not a market on ${source.exchangeName}. Pick one from the markets list.`);
    }
  };

  return {
    'app.info': () => ({
      ...deps.appInfo,
      platform: process.platform,
      marketData: reference.status(),
    }),

    'accounts.list': () => accounts.list(),

    'portfolio.snapshot': async (input) => {
      const quote = input?.quote ?? 'USDT';
      const source = await reference.ready;
      const snapshots = accounts.list().map((account) => {
        const { balances, totalValue } = valueBalances(readPaperBalances(deps.db, account.id), quote, (symbol) =>
          source.hasMarket(symbol) ? source.lastPrice(symbol) : null,
        );
        return { accountId: account.id, label: account.label, totalValue, balances };
      });
      return {
        quote,
        totalValue: snapshots.reduce((sum, s) => sum + s.totalValue, 0),
        accounts: snapshots,
        updatedAt: Date.now(),
      };
    },

    'markets.list': async ({ accountId }) => {
      const source = await sourceFor(accountId);
      const markets = source.listMarkets();
      // Prices are a convenience here: a slow ticker endpoint must not hide the market list.
      const tickers = await source.tickers().catch(() => []);
      return { exchangeId: source.exchangeId, timeframes: [...source.timeframes], markets, tickers };
    },

    'candles.get': async ({ accountId, symbol, timeframe, since, limit }) => {
      const source = await sourceFor(accountId);
      requireMarket(source, symbol);
      const candles = await source.fetchCandles(symbol, timeframe, since, limit);
      return { symbol, timeframe, candles };
    },

    'market.watch': async ({ accountId, symbols, candles }, ctx) => {
      const source = await sourceFor(accountId);
      const known = symbols.filter((s) => source.hasMarket(s));
      if (candles) requireMarket(source, candles.symbol);
      deps.watches.set(ctx.sessionId, known, candles);
      return { symbols: known };
    },
  };
}
