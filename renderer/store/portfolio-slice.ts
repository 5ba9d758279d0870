import type { StateCreator } from 'zustand';
import type { PortfolioSlice, Store } from './types';

export const DEFAULT_PORTFOLIO_QUOTE = 'USDT';

export const createPortfolioSlice: StateCreator<Store, [], [], PortfolioSlice> = (set) => ({
  portfolio: null,
  portfolioQuote: DEFAULT_PORTFOLIO_QUOTE,
  portfolioStatus: 'idle',
  portfolioError: null,
  // The previous snapshot stays visible while a refresh is in flight.
  beginPortfolioLoad: () => set({ portfolioStatus: 'loading', portfolioError: null }),
  setPortfolio: (portfolio) =>
    set((state) => {
      // A reply to a request made before the person switched currency: another request follows.
      if (portfolio.quote !== state.portfolioQuote) return state;
      // Overlapping refreshes can answer out of order; an older snapshot never replaces a newer one.
      const older = state.portfolio?.quote === portfolio.quote && state.portfolio.updatedAt > portfolio.updatedAt;
      return older
        ? { portfolioStatus: 'ready', portfolioError: null }
        : { portfolio, portfolioStatus: 'ready', portfolioError: null };
    }),
  failPortfolioLoad: (message) => set({ portfolioStatus: 'error', portfolioError: message }),
  setPortfolioQuote: (portfolioQuote) => set({ portfolioQuote }),
});
