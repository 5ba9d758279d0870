import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

interface RemoveAccountDialogProps {
  account: AccountDetail;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function RemoveAccountDialog({ account, busy, error, onConfirm, onCancel }: RemoveAccountDialogProps) {
  return (
    <ConfirmDialog
      title={`Remove ${account.label}?`}
      confirmLabel="Remove account"
      busyLabel="Removing…"
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        Every API key of {account.label} ({account.exchangeName}) is deleted from the OS keychain and Tradewind stops monitoring it. Funds
        on the exchange are not touched.
      </p>
      <p>Also delete the key on the exchange if you no longer use it.</p>
    </ConfirmDialog>
  );
}
