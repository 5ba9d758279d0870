import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { readPersistedChoice, setPersistedChoice } from '../../lib/hooks/use-persisted-choice';
import type { LoadStatus, SliceCreator } from '../../store/slice';
import { isQuoteCurrency, type QuoteCurrency } from './quotes';

/** The currencies core can value a portfolio in (USDT, USD, EUR, BTC). */
export type { QuoteCurrency };

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

export const DEFAULT_PORTFOLIO_QUOTE = 'USDT';
/** The chosen valuation currency survives a reload (a UI choice, kept with the other persisted choices). */
export const PORTFOLIO_QUOTE_KEY = 'portfolio.quote';

function savedQuote(): QuoteCurrency {
  const stored = readPersistedChoice(PORTFOLIO_QUOTE_KEY);
  return stored !== null && isQuoteCurrency(stored) ? stored : DEFAULT_PORTFOLIO_QUOTE;
}

export const createPortfolioSlice: SliceCreator<PortfolioSlice> = (set) => ({
  portfolio: null,
  portfolioQuote: savedQuote(),
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
      return older ? { portfolioStatus: 'ready', portfolioError: null } : { portfolio, portfolioStatus: 'ready', portfolioError: null };
    }),
  failPortfolioLoad: (message) => set({ portfolioStatus: 'error', portfolioError: message }),
  setPortfolioQuote: (portfolioQuote) => {
    setPersistedChoice(PORTFOLIO_QUOTE_KEY, portfolioQuote);
    set({ portfolioQuote });
  },
});
