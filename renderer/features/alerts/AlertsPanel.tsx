import { useState } from 'react';
import type { AlertRuleView } from '../../../shared/ipc/schemas/alerts';
import { formatPrice } from '../../lib/format/numbers';
import { formatTime } from '../../lib/format/time';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { PanelMessage } from '../../ui/PanelMessage';

const STATE_LABELS: Record<AlertRuleView['state'], string> = {
  active: 'Watching',
  triggered: 'Fired',
  expired: 'Expired',
  disabled: 'Off',
};

/** The alert rules: state, last trigger, switch on/off, edit, delete. */
export function AlertsPanel({
  rules,
  error,
  onRetry,
  onCreate,
  onEdit,
}: {
  rules: AlertRuleView[] | null;
  error: string | null;
  onRetry(): void;
  onCreate(): void;
  onEdit(rule: AlertRuleView): void;
}) {
  const client = useRpcClient();
  const [actionError, setActionError] = useState<string | null>(null);
  const act = (request: Promise<unknown>) =>
    request.then(
      () => setActionError(null),
      (failure: unknown) => setActionError(describeError(failure)),
    );

  if (rules === null) {
    return error ? (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: onRetry }}>
        Could not load alerts: {error}
      </PanelMessage>
    ) : (
      <PanelMessage>Loading alerts…</PanelMessage>
    );
  }
  return (
    <div className="alerts-panel">
      <div className="alerts-toolbar">
        <button type="button" className="button button--primary" onClick={onCreate}>
          New alert
        </button>
      </div>
      {actionError ? (
        <p className="dialog-error" role="alert">
          {actionError}
        </p>
      ) : null}
      {rules.length === 0 ? (
        <PanelMessage>
          No alerts yet. Choose New alert, or right-click the chart and pick “Alert at this price”. Alerts run in Tradewind’s core, so they
          fire with this window closed.
        </PanelMessage>
      ) : (
        <table className="data-table alerts-table" aria-label="Alert rules">
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">State</th>
              <th scope="col">Last fired</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id} data-testid="alert-row" data-state={rule.state}>
                <th scope="row" className="alerts-col-name">
                  <span className="alerts-name">{rule.name}</span>
                  {rule.name !== rule.summary ? <span className="alerts-summary">{rule.summary}</span> : null}
                </th>
                <td>
                  <span className={`chip alerts-state alerts-state--${rule.state}`}>{STATE_LABELS[rule.state]}</span>
                  {rule.repeat.mode === 'repeat' ? <span className="alerts-summary">repeats</span> : null}
                </td>
                <td className="num">
                  {rule.lastTriggeredAt === null
                    ? '—'
                    : `${formatTime(rule.lastTriggeredAt)}${rule.lastValue !== null ? ` · ${formatPrice(rule.lastValue, null)}` : ''}`}
                </td>
                <td className="alerts-actions">
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={rule.enabled && rule.state !== 'triggered' && rule.state !== 'expired'}
                      aria-label={`Alert ${rule.name} on`}
                      onChange={(event) => act(client.call('alerts.setEnabled', { id: rule.id, enabled: event.target.checked }))}
                    />
                    On
                  </label>
                  <button type="button" className="button" aria-label={`Edit alert ${rule.name}`} onClick={() => onEdit(rule)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button--danger"
                    aria-label={`Delete alert ${rule.name}`}
                    onClick={() => act(client.call('alerts.delete', { id: rule.id }))}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
