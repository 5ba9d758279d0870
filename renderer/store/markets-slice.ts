import type { StateCreator } from 'zustand';
import type { Market, Ticker } from '../../shared/ipc/contract';
import type { Timeframe } from '../../shared/domain/types';
import type { MarketsSlice, Store } from './types';

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

export const createMarketsSlice: StateCreator<Store, [], [], MarketsSlice> = (set, get) => ({
  marketsAccountId: null,
  marketsStatus: 'idle',
  marketsError: null,
  exchangeId: null,
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
        if (!state.marketsBySymbol[ticker.symbol]) continue;
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
