import type { MethodInput } from '../../../shared/ipc/contract';

/** The contract's valuation currency (the store re-exports it; importing it from there would close a cycle). */
export type QuoteCurrency = NonNullable<MethodInput<'portfolio.history'>['quote']>;

/**
 * The valuation currencies, in menu order. A keyed copy of the contract's QUOTE_CURRENCIES: tsc
 * fails here when core adds one, and importing the value would pull zod into the renderer bundle.
 */
const QUOTES: Record<QuoteCurrency, string> = {
  USDT: 'USDT (Tether)',
  USD: 'USD',
  EUR: 'EUR',
  BTC: 'BTC',
};

export const QUOTE_CURRENCIES = Object.keys(QUOTES) as QuoteCurrency[];

export function quoteLabel(quote: QuoteCurrency): string {
  return QUOTES[quote];
}

export function isQuoteCurrency(value: string): value is QuoteCurrency {
  return Object.prototype.hasOwnProperty.call(QUOTES, value);
}
