import { useState } from 'react';
import type { BotReconciliation, Orphan } from '../../../../shared/ipc/schemas/bots';
import { formatAmount, formatPrice } from '../../../lib/format/numbers';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';
import { TYPE_NAMES } from '../../orders/format';
import { formatUtcMinute } from '../../../lib/format/time';

const REASONS: Record<Orphan['reason'], string> = {
  unknown_to_ledger: 'On the exchange, not in the ledger',
  bot_deleted: 'Its bot was deleted',
};
const RESOLUTIONS: Record<Orphan['resolution'], string> = { pending: 'Waiting for you', adopted: 'Adopted', cancelled: 'Cancelled' };

/**
 * What start-up reconciliation found, per account (checked / updated / fills adopted / failed),
 * and the orphan orders with Adopt (track it in the ledger) or Cancel (on the exchange).
 */
export function ReconciliationReport({ report }: { report: BotReconciliation }) {
  const client = useRpcClient();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);

  const resolve = (orphan: Orphan, action: 'adopt' | 'cancel') => {
    const key = `${orphan.accountId}:${orphan.order.clientOrderId}`;
    setBusy((current) => new Set(current).add(key));
    setError(null);
    const done = () =>
      setBusy((current) => {
        const next = new Set(current);
        next.delete(key);
        return next;
      });
    client.call('bots.resolveOrphan', { accountId: orphan.accountId, clientOrderId: orphan.order.clientOrderId, action }).then(
      (resolved) => {
        done();
        const current = useStore.getState().reconciliation;
        if (!current) return;
        useStore.getState().setReconciliation({
          ...current,
          orphans: current.orphans.map((candidate) =>
            candidate.accountId === resolved.accountId && candidate.order.clientOrderId === resolved.order.clientOrderId
              ? resolved
              : candidate,
          ),
        });
      },
      (failure: unknown) => {
        done();
        setError(`Could not ${action} ${orphan.order.clientOrderId}: ${describeError(failure)}`);
      },
    );
  };

  const label = (accountId: string) => report.accounts.find((account) => account.accountId === accountId)?.accountLabel ?? accountId;
  return (
    <div className="reconciliation" data-testid="reconciliation-report">
      <p className="field-hint">
        {report.at === null
          ? 'No reconciliation has run yet.'
          : `Checked at ${formatUtcMinute(report.at)}. ${report.resumed.length} bot${report.resumed.length === 1 ? '' : 's'} resumed afterwards.`}
      </p>
      {report.accounts.length > 0 ? (
        <table className="data-table num">
          <caption className="visually-hidden">Accounts checked</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Checked</th>
              <th scope="col">Updated</th>
              <th scope="col">Fills adopted</th>
              <th scope="col">Failed</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.accounts.map((account) => (
              <tr key={account.accountId}>
                <td className="cell-text">{account.accountLabel}</td>
                <td>{account.checked}</td>
                <td>{account.updated}</td>
                <td>{account.fillsAdopted}</td>
                <td className={account.failed > 0 ? 'is-down' : undefined}>{account.failed}</td>
                <td className="cell-text">{account.error ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {error ? (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      ) : null}
      {report.orphans.length === 0 ? (
        <p className="field-hint">No orphan orders: the exchanges and the ledger agree.</p>
      ) : (
        <table className="data-table num">
          <caption className="reconciliation-caption">Orphan orders</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Order</th>
              <th scope="col">Market</th>
              <th scope="col">Side</th>
              <th scope="col">Type</th>
              <th scope="col">Price</th>
              <th scope="col">Amount</th>
              <th scope="col">Why</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {report.orphans.map((orphan) => {
              const key = `${orphan.accountId}:${orphan.order.clientOrderId}`;
              const working = busy.has(key);
              return (
                <tr key={key} data-testid="orphan-row" data-resolution={orphan.resolution}>
                  <td className="cell-text">{label(orphan.accountId)}</td>
                  <td className="cell-text">{orphan.order.clientOrderId}</td>
                  <td className="cell-text">{orphan.order.symbol}</td>
                  <td className={`cell-text orders-side--${orphan.order.side}`}>{orphan.order.side === 'buy' ? 'Buy' : 'Sell'}</td>
                  <td className="cell-text">{TYPE_NAMES[orphan.order.type]}</td>
                  <td>{formatPrice(orphan.order.price, null)}</td>
                  <td>{formatAmount(orphan.order.amount)}</td>
                  <td className="cell-text">{REASONS[orphan.reason]}</td>
                  <td className="cell-text">
                    {orphan.resolution === 'pending' ? (
                      <span className="reconciliation-actions">
                        <button
                          type="button"
                          className="button"
                          disabled={working}
                          aria-label={`Adopt ${orphan.order.clientOrderId}`}
                          onClick={() => resolve(orphan, 'adopt')}
                        >
                          Adopt
                        </button>
                        <button
                          type="button"
                          className="button button--danger"
                          disabled={working}
                          aria-label={`Cancel ${orphan.order.clientOrderId} on the exchange`}
                          onClick={() => resolve(orphan, 'cancel')}
                        >
                          Cancel order
                        </button>
                      </span>
                    ) : (
                      RESOLUTIONS[orphan.resolution]
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
