import type { StateCreator } from 'zustand';
import type { PortfolioSlice, Store } from './types';

export const createPortfolioSlice: StateCreator<Store, [], [], PortfolioSlice> = (set) => ({
  portfolio: null,
  portfolioStatus: 'idle',
  portfolioError: null,
  // The previous snapshot stays visible while a refresh is in flight.
  beginPortfolioLoad: () => set({ portfolioStatus: 'loading', portfolioError: null }),
  setPortfolio: (portfolio) =>
    set((state) =>
      // Overlapping refreshes can answer out of order; an older snapshot never replaces a newer one.
      state.portfolio && state.portfolio.updatedAt > portfolio.updatedAt
        ? { portfolioStatus: 'ready', portfolioError: null }
        : { portfolio, portfolioStatus: 'ready', portfolioError: null },
    ),
  failPortfolioLoad: (message) => set({ portfolioStatus: 'error', portfolioError: message }),
});
