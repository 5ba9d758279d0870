import type {
  Account,
  Market,
  MarketDataStatus,
  MethodInput,
  MethodOutput,
  PortfolioSnapshot,
  Ticker,
} from '../../shared/ipc/contract';
import type { AccountDetail } from '../../shared/ipc/schemas/accounts';
import type { Timeframe } from '../../shared/domain/types';
import type { ConnectionState } from '../lib/ipc/connection';
import type { WorkspaceId } from './workspaces';
import type { StrategiesSlice } from '../features/strategies/store/strategies-slice';
import type { BotsSlice } from './bots-slice';

export type AppInfo = MethodOutput<'app.info'>;
export type MarketList = MethodOutput<'markets.list'>;
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
/** The currencies core can value a portfolio in (USDT, USD, EUR, BTC). */
export type QuoteCurrency = NonNullable<MethodInput<'portfolio.history'>['quote']>;

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
  /** The account `favourites` belong to; reset with the market list when the account changes. */
  favouritesAccountId: string | null;
  /** Starred symbols, oldest first (core's order). */
  favourites: string[];
  /** The same set for O(1) lookups from each row. */
  favouriteSymbols: Record<string, true>;
  /** Whether `favourites` were read from core for `favouritesAccountId` (not just starred meanwhile). */
  favouritesLoaded: boolean;
  favouritesError: string | null;
  marketsView: MarketsView;
  /** Ignored when `accountId` is no longer the markets account. */
  setFavourites(accountId: string, symbols: readonly string[]): void;
  /** Optimistic star/unstar before core confirms. */
  setFavourite(accountId: string, symbol: string, favourite: boolean): void;
  failFavourites(accountId: string, message: string | null): void;
  setMarketsView(view: MarketsView): void;
}

export type MarketsView = 'all' | 'favourites';

export interface PortfolioSlice {
  portfolio: PortfolioSnapshot | null;
  /** The currency balances are valued in, everywhere (Portfolio workspace and the Trade balances panel). */
  portfolioQuote: QuoteCurrency;
  portfolioStatus: LoadStatus;
  portfolioError: string | null;
  beginPortfolioLoad(): void;
  /** Ignores a snapshot older than the one shown, or valued in a currency no longer chosen. */
  setPortfolio(snapshot: PortfolioSnapshot): void;
  failPortfolioLoad(message: string): void;
  setPortfolioQuote(quote: QuoteCurrency): void;
}

/** Exchange accounts with their keys' summaries and states. Never holds a secret: core sends none. */
export interface AccountDetailsSlice {
  accountDetails: AccountDetail[];
  accountDetailsStatus: LoadStatus;
  accountDetailsError: string | null;
  beginAccountDetailsLoad(): void;
  setAccountDetails(details: AccountDetail[]): void;
  failAccountDetailsLoad(message: string): void;
}

export interface WorkspaceSlice {
  /** Which workspace fills the main area (switched by the top bar's tabs). */
  workspace: WorkspaceId;
  setWorkspace(workspace: WorkspaceId): void;
}

export type Store = AppSlice & AccountsSlice & MarketsSlice & PortfolioSlice & AccountDetailsSlice & WorkspaceSlice & StrategiesSlice & BotsSlice;
