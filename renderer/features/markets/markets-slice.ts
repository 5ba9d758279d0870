import type { Market, MethodOutput, Ticker, VenueTicker } from '../../../shared/ipc/contract';
import type { Timeframe } from '../../../shared/domain/types';
import type { LoadStatus, SliceCreator } from '../../store/slice';

export type MarketList = MethodOutput<'markets.list'>;

export interface MarketsSlice {
  /** The account whose list `markets` holds (or is loading). */
  marketsAccountId: string | null;
  marketsStatus: LoadStatus;
  marketsError: string | null;
  exchangeId: string | null;
  /** The stream the markets account's prices come from; `tickers` of other venues are ignored. */
  marketsVenue: string | null;
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
  /** Keeps the tickers of the markets account's venue: another venue's price of the same symbol is not this market's. */
  applyTickers(tickers: readonly VenueTicker[]): void;
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

const PREFERRED_SYMBOL = 'BTC/USDT';
const PREFERRED_TIMEFRAME: Timeframe = '1h';

/** Keeps the chart on its market across reloads; otherwise BTC/USDT, else the first active market. */
export function defaultSymbol(markets: readonly Market[], current: string | null): string | null {
  if (current && markets.some((market) => market.symbol === current)) return current;
  if (markets.some((market) => market.symbol === PREFERRED_SYMBOL)) return PREFERRED_SYMBOL;
  return (markets.find((market) => market.active) ?? markets[0])?.symbol ?? null;
}

export function defaultTimeframe(timeframes: readonly Timeframe[], current: Timeframe): Timeframe {
  if (timeframes.length === 0 || timeframes.includes(current)) return current;
  return timeframes.includes(PREFERRED_TIMEFRAME) ? PREFERRED_TIMEFRAME : (timeframes[0] ?? current);
}

export const createMarketsSlice: SliceCreator<MarketsSlice> = (set, get) => ({
  marketsAccountId: null,
  marketsStatus: 'idle',
  marketsError: null,
  exchangeId: null,
  marketsVenue: null,
  markets: [],
  marketsBySymbol: {},
  timeframes: [],
  tickers: {},
  searchQuery: '',
  selectedSymbol: null,
  timeframe: PREFERRED_TIMEFRAME,
  favouritesAccountId: null,
  favourites: [],
  favouriteSymbols: {},
  favouritesLoaded: false,
  favouritesError: null,
  marketsView: 'all',

  beginMarketsLoad: (accountId) =>
    set((state) =>
      state.marketsAccountId === accountId
        ? { marketsStatus: 'loading', marketsError: null }
        : // Another account may sit on another exchange: its markets must not linger meanwhile.
          {
            marketsAccountId: accountId,
            marketsStatus: 'loading',
            marketsError: null,
            exchangeId: null,
            marketsVenue: null,
            markets: [],
            marketsBySymbol: {},
            tickers: {},
            favouritesAccountId: accountId,
            favourites: [],
            favouriteSymbols: {},
            favouritesLoaded: false,
            favouritesError: null,
          },
    ),

  setMarketList: (accountId, list) => {
    const state = get();
    if (state.marketsAccountId !== accountId) return;
    const marketsBySymbol: Record<string, Market> = {};
    for (const market of list.markets) marketsBySymbol[market.symbol] = market;
    const tickers: Record<string, Ticker> = {};
    for (const ticker of list.tickers) if (marketsBySymbol[ticker.symbol]) tickers[ticker.symbol] = ticker;
    set({
      marketsStatus: 'ready',
      marketsError: null,
      exchangeId: list.exchangeId,
      marketsVenue: list.venue,
      markets: list.markets,
      marketsBySymbol,
      timeframes: list.timeframes,
      tickers,
      selectedSymbol: defaultSymbol(list.markets, state.selectedSymbol),
      timeframe: defaultTimeframe(list.timeframes, state.timeframe),
    });
  },

  failMarketsLoad: (accountId, message) => {
    if (get().marketsAccountId !== accountId) return;
    set({ marketsStatus: 'error', marketsError: message });
  },

  applyTickers: (incoming) =>
    set((state) => {
      let next: Record<string, Ticker> | null = null;
      for (const ticker of incoming) {
        if (ticker.venue !== state.marketsVenue || !state.marketsBySymbol[ticker.symbol]) continue;
        const previous = (next ?? state.tickers)[ticker.symbol];
        // Batches can overtake each other around reconnects; never step a price back in time.
        if (previous && previous.timestamp > ticker.timestamp) continue;
        next ??= { ...state.tickers };
        next[ticker.symbol] = ticker;
      }
      // Returning the same state object tells zustand nothing changed: no re-render.
      return next ? { tickers: next } : state;
    }),

  setSearchQuery: (searchQuery) => set({ searchQuery }),

  selectSymbol: (symbol) => {
    if (!get().marketsBySymbol[symbol]) return;
    set({ selectedSymbol: symbol });
  },

  selectTimeframe: (timeframe) => {
    const { timeframes } = get();
    if (timeframes.length > 0 && !timeframes.includes(timeframe)) return;
    set({ timeframe });
  },

  setFavourites: (accountId, symbols) => {
    if (get().favouritesAccountId !== accountId) return;
    set({ favourites: [...symbols], favouriteSymbols: symbolSet(symbols), favouritesLoaded: true, favouritesError: null });
  },

  setFavourite: (accountId, symbol, favourite) => {
    const state = get();
    if (state.favouritesAccountId !== accountId || Boolean(state.favouriteSymbols[symbol]) === favourite) return;
    const favourites = favourite ? [...state.favourites, symbol] : state.favourites.filter((s) => s !== symbol);
    set({ favourites, favouriteSymbols: symbolSet(favourites) });
  },

  failFavourites: (accountId, message) => {
    if (get().favouritesAccountId !== accountId) return;
    set({ favouritesError: message });
  },

  setMarketsView: (marketsView) => set({ marketsView }),
});

function symbolSet(symbols: readonly string[]): Record<string, true> {
  const result: Record<string, true> = {};
  for (const symbol of symbols) result[symbol] = true;
  return result;
}
