// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { readPersistedChoice, resetPersistedChoices, setPersistedChoice } from '../../lib/hooks/use-persisted-choice';
import { createAppStore } from '../../store';
import { PORTFOLIO_QUOTE_KEY } from './portfolio-slice';

afterEach(() => {
  localStorage.clear();
  resetPersistedChoices();
});

describe('the valuation currency', () => {
  it('is remembered across a reload', () => {
    const first = createAppStore();
    expect(first.getState().portfolioQuote).toBe('USDT');
    first.getState().setPortfolioQuote('EUR');
    expect(readPersistedChoice(PORTFOLIO_QUOTE_KEY)).toBe('EUR');
    resetPersistedChoices(); // a reload: only localStorage is left
    expect(createAppStore().getState().portfolioQuote).toBe('EUR');
  });

  it('ignores a stored value that is no longer a valuation currency', () => {
    setPersistedChoice(PORTFOLIO_QUOTE_KEY, 'DOGE');
    expect(createAppStore().getState().portfolioQuote).toBe('USDT');
  });
});
