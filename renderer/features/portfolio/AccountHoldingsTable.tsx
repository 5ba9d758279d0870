import { Fragment } from 'react';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { formatAmount, formatShare, formatValue } from '../../lib/format/numbers';
import { AccountStateBadge } from '../accounts/AccountStateBadge';
import { priceSourceText, priceSourceTitle } from './price-source';

interface AccountHoldingsTableProps {
  snapshot: PortfolioSnapshot;
  exchangeLabel: (accountId: string, exchangeId: string) => string;
}

/**
 * The same holdings grouped by account: a header row per account (venue, state, value) and its
 * balances under it, each with the prices that valued it. A failing account keeps its last rows.
 */
export function AccountHoldingsTable({ snapshot, exchangeLabel }: AccountHoldingsTableProps) {
  const { quote } = snapshot;
  const share = (value: number | null) => (value === null || snapshot.totalValue <= 0 ? null : value / snapshot.totalValue);
  return (
    <div className="asset-scroll">
      <table className="data-table asset-table num" data-testid="account-holdings">
        <caption className="visually-hidden">Holdings grouped by account, valued in {quote}</caption>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col">Free</th>
            <th scope="col">Used</th>
            <th scope="col">Total</th>
            <th scope="col">Value ({quote})</th>
            <th scope="col">Share</th>
            <th scope="col">Priced by</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.accounts.map((account) => {
            const held = account.balances.filter((b) => b.total !== 0);
            return (
              <Fragment key={account.accountId}>
                <tr
                  className="account-group-row"
                  data-testid="account-group"
                  data-account-id={account.accountId}
                  data-state={account.state.status}
                >
                  <th scope="rowgroup" colSpan={4}>
                    <span className="account-group-head">
                      <span className="account-group-label">{account.label}</span>
                      <span className="account-group-venue">{exchangeLabel(account.accountId, account.exchangeId)}</span>
                      <AccountStateBadge state={account.state} />
                    </span>
                  </th>
                  <td>{account.balancesAt === null && held.length === 0 ? '—' : formatValue(account.totalValue, quote)}</td>
                  <td>{formatShare(share(account.totalValue))}</td>
                  <td>{account.state.status === 'ok' ? '' : account.state.message}</td>
                </tr>
                {held.length === 0 ? (
                  <tr className="account-holding-row">
                    <td colSpan={7} className="account-holding-empty">
                      {account.balancesAt === null ? 'No balances read yet.' : 'No holdings on this account.'}
                    </td>
                  </tr>
                ) : (
                  held.map((balance) => (
                    <tr key={balance.asset} className="account-holding-row" data-testid="account-holding" data-asset={balance.asset}>
                      <th scope="row">{balance.asset}</th>
                      <td>{formatAmount(balance.free)}</td>
                      <td>{formatAmount(balance.used)}</td>
                      <td>{formatAmount(balance.total)}</td>
                      <td title={balance.value === null ? `No price in ${quote}` : undefined}>{formatValue(balance.value, quote)}</td>
                      <td>{formatShare(share(balance.value))}</td>
                      <td className="price-source" title={priceSourceTitle(balance.source)}>
                        {priceSourceText(balance.source)}
                      </td>
                    </tr>
                  ))
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
