import type { KeyVersion } from '../../../../shared/ipc/schemas/accounts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';

interface RevokeKeyDialogProps {
  keyVersion: KeyVersion;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Emergency revoke: the key leaves the keychain at once. Revoking the active key pauses trading. */
export function RevokeKeyDialog({ keyVersion, busy, error, onConfirm, onCancel }: RevokeKeyDialogProps) {
  const { version, status, last4 } = keyVersion;
  return (
    <ConfirmDialog
      title={`Revoke key v${version}?`}
      confirmLabel="Revoke now"
      busyLabel="Revoking…"
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        {status === 'active'
          ? "It is deleted from the keychain at once and this account's trading and bots pause until a new key is added."
          : 'It is deleted from the keychain at once; the active key keeps working.'}
      </p>
      <p>Key …{last4}. Also delete or disable it on the exchange, so a leaked copy stops working there too.</p>
    </ConfirmDialog>
  );
}
