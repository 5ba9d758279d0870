import type {
  Account,
  Market,
  MarketDataStatus,
  MethodOutput,
  PortfolioSnapshot,
  Ticker,
} from '../../shared/ipc/contract';
import type { Timeframe } from '../../shared/domain/types';
import type { ConnectionState } from '../lib/ipc/connection';

export type AppInfo = MethodOutput<'app.info'>;
export type MarketList = MethodOutput<'markets.list'>;
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AppSlice {
  appInfo: AppInfo | null;
  /** Seeded from app.info, then kept current by the `marketData.status` event. */
  marketData: MarketDataStatus | null;
  connection: ConnectionState;
  /** Counts transitions to `open`; panels refetch what they may have missed when it grows past 1. */
  connectionEpoch: number;
  /** Start-up failed (host unreachable, no account): the app shows it instead of empty panels. */
  bootError: string | null;
  setAppInfo(info: AppInfo): void;
  setMarketDataStatus(status: MarketDataStatus): void;
  setConnection(state: ConnectionState): void;
  setBootError(message: string | null): void;
}

export interface AccountsSlice {
  accounts: Account[];
  selectedAccountId: string | null;
  /** Keeps the current selection when it still exists, else picks the first paper account. */
  setAccounts(accounts: Account[]): void;
  selectAccount(accountId: string): void;
}

export interface MarketsSlice {
  /** The account whose list `markets` holds (or is loading). */
  marketsAccountId: string | null;
  marketsStatus: LoadStatus;
  marketsError: string | null;
  exchangeId: string | null;
  markets: Market[];
  marketsBySymbol: Record<string, Market>;
  timeframes: Timeframe[];
  tickers: Record<string, Ticker>;
  searchQuery: string;
  selectedSymbol: string | null;
  timeframe: Timeframe;
  beginMarketsLoad(accountId: string): void;
  /** Ignored when `accountId` is no longer the one being loaded (the user switched meanwhile). */
  setMarketList(accountId: string, list: MarketList): void;
  failMarketsLoad(accountId: string, message: string): void;
  /** Merges a ticker batch; older or unknown tickers are dropped. */
  applyTickers(tickers: readonly Ticker[]): void;
  setSearchQuery(query: string): void;
  selectSymbol(symbol: string): void;
  selectTimeframe(timeframe: Timeframe): void;
}

export interface PortfolioSlice {
  portfolio: PortfolioSnapshot | null;
  portfolioStatus: LoadStatus;
  portfolioError: string | null;
  beginPortfolioLoad(): void;
  /** Ignores a snapshot older than the one shown. */
  setPortfolio(snapshot: PortfolioSnapshot): void;
  failPortfolioLoad(message: string): void;
}

export type Store = AppSlice & AccountsSlice & MarketsSlice & PortfolioSlice;
