import { useId } from 'react';
import { Dialog } from '../../ui/Dialog';

export interface ConfirmRow {
  label: string;
  value: string;
}

interface ConfirmOrderDialogProps {
  rows: readonly ConfirmRow[];
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The last look before a live order leaves: what, where, how much. "Cancel" has the focus. */
export function ConfirmOrderDialog({ rows, busy, error, onConfirm, onCancel }: ConfirmOrderDialogProps) {
  const titleId = useId();
  return (
    <Dialog labelledBy={titleId} onDismiss={onCancel} busy={busy} className="dialog--confirm">
      <h2 className="dialog-title" id={titleId}>
        Confirm order
      </h2>
      <dl className="ticket-confirm-list">
        {rows.map((row) => (
          <div key={row.label} className="ticket-confirm-row">
            <dt>{row.label}</dt>
            <dd className="num">{row.value}</dd>
          </div>
        ))}
      </dl>
      {error ? (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" data-autofocus onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={onConfirm} disabled={busy}>
          {busy ? 'Placing…' : 'Place order'}
        </button>
      </div>
    </Dialog>
  );
}
