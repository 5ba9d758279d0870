import { memo, useMemo } from 'react';
import type { Balance } from '../../../shared/ipc/contract';
import { formatAmount, formatMoney, formatValue } from '../../lib/format/numbers';
import { useStore } from '../../store';
import { PanelMessage } from '../../ui/PanelMessage';
import { AccountStateBadge } from '../accounts/AccountStateBadge';
import { usePortfolio } from './use-portfolio';
import { totalText } from '../portfolio/valuation-note';
import './balances.css';

/** Largest holdings first; assets without a price sink below the valued ones. */
function byValue(a: Balance, b: Balance): number {
  if (a.value === null && b.value === null) return b.total - a.total;
  if (a.value === null) return 1;
  if (b.value === null) return -1;
  return b.value - a.value;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
});

/** One holding; memoised so a refresh re-renders only the rows whose numbers changed. */
const BalanceRow = memo(function BalanceRow({ asset, free, used, total, value, quote }: Balance & { quote: string }) {
  return (
    <tr>
      <th scope="row" className="balances-col-asset" title={asset}>
        {asset}
      </th>
      <td className="balances-col-free" title={formatAmount(free)}>
        {formatAmount(free)}
      </td>
      <td className="balances-col-used" title={formatAmount(used)}>
        {formatAmount(used)}
      </td>
      <td title={formatAmount(total)}>{formatAmount(total)}</td>
      <td className="balances-col-value" title={value === null ? `No price in ${quote}` : `${formatValue(value, quote)} ${quote}`}>
        {formatValue(value, quote)}
      </td>
    </tr>
  );
});

/** The selected account's balances, valued in the chosen currency, with its state when it is not OK. */
export function BalancesPanel() {
  const retry = usePortfolio();
  const snapshot = useStore((state) => state.portfolio);
  // Only the error state shows; following 'loading' too would re-render the panel twice per read.
  const failed = useStore((state) => state.portfolioStatus === 'error');
  const error = useStore((state) => state.portfolioError);
  const accountId = useStore((state) => state.selectedAccountId);
  const account = useStore((state) => state.accounts.find((candidate) => candidate.id === state.selectedAccountId));

  const entry = snapshot?.accounts.find((candidate) => candidate.accountId === accountId);
  const balances = useMemo(() => (entry ? entry.balances.filter((balance) => balance.total !== 0).sort(byValue) : []), [entry]);
  const chosenQuote = useStore((state) => state.portfolioQuote);
  const quote = snapshot?.quote ?? chosenQuote;

  let body;
  if (!snapshot) {
    body = failed ? (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: retry }}>
        Could not load balances: {error}
      </PanelMessage>
    ) : (
      <PanelMessage>Loading balances…</PanelMessage>
    );
  } else if (balances.length === 0) {
    body = (
      <PanelMessage>
        {account?.kind === 'live'
          ? `No assets on ${account.label} yet. Deposit funds on ${account.exchangeId}; balances refresh here automatically.`
          : `No assets in ${account?.label ?? 'this account'} yet. Fund the account and balances appear here as soon as they change.`}
      </PanelMessage>
    );
  } else {
    body = (
      // The table re-renders with every balance re-read: its scroller is placed absolutely and
      // contained, so a new value re-lays out the table, not the whole window.
      <div className="balances-body">
        <div className="balances-scroll">
          <table className="balances-table num">
            <caption className="visually-hidden">Balances of {entry?.label ?? account?.label}</caption>
            <thead>
              <tr>
                <th scope="col" className="balances-col-asset">
                  Asset
                </th>
                <th scope="col" className="balances-col-free">
                  Free
                </th>
                <th scope="col" className="balances-col-used">
                  Used
                </th>
                <th scope="col">Total</th>
                <th scope="col" className="balances-col-value">
                  Value<span className="visually-hidden"> ({quote})</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {balances.map((balance) => (
                <BalanceRow key={balance.asset} {...balance} quote={quote} />
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }

  return (
    <section className="panel balances-panel" aria-labelledby="balances-title">
      <header className="panel-header">
        <h2 className="panel-title" id="balances-title">
          Balances
        </h2>
        <span className="panel-meta">{account?.label}</span>
      </header>
      {snapshot ? (
        <div className="balances-summary">
          <span className="balances-summary-label" id="balances-total-label">
            Total value · {quote}
          </span>
          <strong className="balances-total num live-box" data-testid="balances-total" aria-labelledby="balances-total-label">
            <span className="live-text">{entry ? totalText(entry.totalValue, quote, entry.unpriced ?? []) : formatMoney(0, quote)}</span>
          </strong>
          {snapshot.accounts.length > 1 ? (
            <span className="balances-all num live-box">
              <span className="live-text">All accounts: {formatMoney(snapshot.totalValue, quote)}</span>
            </span>
          ) : null}
          <span className="balances-updated num live-box">
            <span className="live-text">Updated {timeFormat.format(snapshot.updatedAt)} UTC</span>
          </span>
        </div>
      ) : null}
      {entry && entry.state.status !== 'ok' ? (
        <div className="balances-state" data-testid="balances-account-state">
          <AccountStateBadge state={entry.state} />
          <p className="balances-state-message">{entry.state.message}</p>
        </div>
      ) : null}
      {snapshot && failed ? (
        <PanelMessage tone="error" action={{ label: 'Retry', onClick: retry }}>
          Balances may be out of date: {error}
        </PanelMessage>
      ) : null}
      {body}
    </section>
  );
}
