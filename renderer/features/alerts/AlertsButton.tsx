import { useEffect, useId, useState } from 'react';
import type { AlertRuleView } from '../../../shared/ipc/schemas/alerts';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { AlertFormDialog } from './AlertFormDialog';
import { onAlertFormRequest, type AlertFormRequest } from './alert-form-requests';
import { AlertsPanel } from './AlertsPanel';
import { useAlerts } from './use-alerts';
import './alerts.css';

type FormState = { editing: AlertRuleView | null; prefill: AlertFormRequest | null } | null;

/**
 * The top bar's Alerts button (with how many are watching) and the Alerts dialog: the rule list
 * and the create/edit form. The chart's "Alert at this price" opens the form here, prefilled.
 */
export function AlertsButton() {
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<FormState>(null);
  const { rules, error, reload } = useAlerts();
  const accountId = useStore((state) => state.selectedAccountId);
  const symbol = useStore((state) => state.selectedSymbol);
  useEffect(() => onAlertFormRequest((request) => setForm({ editing: null, prefill: request })), []);
  const watching = rules?.filter((rule) => rule.state === 'active').length ?? 0;
  return (
    <>
      <button
        type="button"
        className="badge alerts-button"
        aria-label={watching > 0 ? `Alerts, ${watching} watching` : 'Alerts'}
        data-testid="alerts-button"
        onClick={() => setOpen(true)}
      >
        Alerts{watching > 0 ? <span className="alerts-count num">{watching}</span> : null}
      </button>
      {open && form === null ? (
        <Dialog labelledBy={titleId} onDismiss={() => setOpen(false)} className="dialog--alerts">
          <h2 className="dialog-title" id={titleId}>
            Alerts
          </h2>
          <AlertsPanel
            rules={rules}
            error={error}
            onRetry={reload}
            onCreate={() => setForm({ editing: null, prefill: symbol ? { symbol } : null })}
            onEdit={(rule) => setForm({ editing: rule, prefill: null })}
          />
          <div className="dialog-actions">
            <button type="button" className="button" data-autofocus onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </Dialog>
      ) : null}
      {form !== null && accountId !== null ? (
        <AlertFormDialog
          accountId={form.editing?.accountId ?? accountId}
          editing={form.editing}
          prefill={form.prefill}
          onClose={() => setForm(null)}
        />
      ) : null}
    </>
  );
}
