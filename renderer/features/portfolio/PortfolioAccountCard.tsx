import { useId } from 'react';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { formatMoney } from '../../lib/format/numbers';
import { AccountStateBadge } from '../accounts/AccountStateBadge';
import { formatUtcClock } from '../../lib/format/time';

type AccountEntry = PortfolioSnapshot['accounts'][number];

interface PortfolioAccountCardProps {
  entry: AccountEntry;
  quote: string;
  /** "Binance", "Paper"… */
  exchangeLabel: string;
}

/** One account's share of the portfolio with its own state: a failing account never hides the others. */
export function PortfolioAccountCard({ entry, quote, exchangeLabel }: PortfolioAccountCardProps) {
  const titleId = useId();
  const neverRead = entry.balancesAt === null && entry.balances.length === 0;
  const holdings = entry.balances.filter((balance) => balance.total !== 0).length;
  return (
    <article
      className="portfolio-account"
      aria-labelledby={titleId}
      data-testid="portfolio-account"
      data-account-id={entry.accountId}
      data-state={entry.state.status}
    >
      <header className="portfolio-account-header">
        <h3 className="portfolio-account-title" id={titleId}>
          {entry.label}
        </h3>
        <span className="portfolio-account-exchange">{exchangeLabel}</span>
        <AccountStateBadge state={entry.state} />
      </header>
      <strong className="portfolio-account-total num" data-testid="portfolio-account-total">
        {neverRead ? '—' : formatMoney(entry.totalValue, quote)}
      </strong>
      <span className="portfolio-account-meta num">
        {entry.balancesAt === null ? 'No balances read yet' : `balances from ${formatUtcClock(entry.balancesAt)}`}
        {holdings > 0 ? ` · ${holdings} ${holdings === 1 ? 'asset' : 'assets'}` : ''}
      </span>
      {entry.stalePricesSince ? (
        <span className="portfolio-account-meta num" data-testid="portfolio-account-stale-prices">
          valued at prices from {formatUtcClock(entry.stalePricesSince)}, not refreshed since
        </span>
      ) : null}
      {entry.unpricedHoldings && entry.unpricedHoldings.length > 0 ? (
        <span className="portfolio-account-meta">
          excludes {entry.unpricedHoldings.map((h) => h.asset).join(', ')} (not priced in {quote})
        </span>
      ) : null}
      {entry.state.status !== 'ok' ? <p className="portfolio-account-message">{entry.state.message}</p> : null}
    </article>
  );
}
