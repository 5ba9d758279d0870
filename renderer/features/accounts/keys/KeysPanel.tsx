import { useId, useState } from 'react';
import type { AccountDetail, KeyVersion } from '../../../../shared/ipc/schemas/accounts';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { PanelMessage } from '../../../ui/PanelMessage';
import { useExchangeCatalog } from '../use-exchange-catalog';
import { LiveLimitsForm } from '../limits/LiveLimitsForm';
import { KeyReminderForm } from './KeyReminderForm';
import { KeyVersionsTable } from './KeyVersionsTable';
import { RevokeKeyDialog } from './RevokeKeyDialog';
import { RotateKeyForm } from './RotateKeyForm';
import { rotationSummary } from './rotation-summary';
import { useAccountKeys } from './use-account-keys';
import '../../../ui/data-table.css';
import './keys.css';

interface KeysPanelProps {
  account: AccountDetail;
  panelId: string;
  /** Grows each time "Rotate key" is pressed on the account's card. */
  rotateRequest: number;
  onClose: () => void;
  /** The account's details changed here (reminder age): re-read them. */
  onAccountChanged: () => void;
}

/** An account's key versions with revoke, the rotate form and the rotation reminder setting. */
export function KeysPanel({ account, panelId, rotateRequest, onClose, onAccountChanged }: KeysPanelProps) {
  const client = useRpcClient();
  const titleId = useId();
  const keys = useAccountKeys(account.id);
  const catalog = useExchangeCatalog();
  const fields = catalog.catalog?.find((entry) => entry.id === account.exchangeId)?.credentials;
  const [notice, setNotice] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<KeyVersion | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const askRevoke = (key: KeyVersion) => {
    setRevokeError(null);
    setRevoking(key);
  };
  const confirmRevoke = async () => {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      keys.replace(await client.call('accounts.revokeKey', { accountId: account.id, version: revoking.version }));
      setNotice(`Key v${revoking.version} …${revoking.last4} was revoked and deleted from the keychain.`);
      setRevoking(null);
    } catch (error) {
      setRevokeError(describeError(error));
    } finally {
      setRevokeBusy(false);
    }
  };

  let table;
  if (keys.status === 'error' && keys.keys.length === 0) {
    table = (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: keys.retry }}>
        Could not load the keys: {keys.error}
      </PanelMessage>
    );
  } else if (keys.status === 'loading' && keys.keys.length === 0) {
    table = <PanelMessage>Loading key versions…</PanelMessage>;
  } else if (keys.keys.length === 0) {
    table = <PanelMessage>This account has no key yet. Add one with the rotate form below.</PanelMessage>;
  } else {
    table = <KeyVersionsTable accountLabel={account.label} keys={keys.keys} onRevoke={askRevoke} />;
  }

  let rotateForm;
  if (fields) {
    rotateForm = (
      <RotateKeyForm
        account={account}
        fields={fields}
        focusRequest={rotateRequest}
        onRotated={(next) => {
          keys.replace(next);
          setNotice(rotationSummary(next));
        }}
      />
    );
  } else if (catalog.status === 'error') {
    rotateForm = (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: catalog.retry }}>
        Could not load {account.exchangeName}&apos;s credential fields: {catalog.error}
      </PanelMessage>
    );
  } else if (catalog.status === 'ready') {
    rotateForm = <PanelMessage>ccxt no longer lists {account.exchangeId}, so its key cannot be rotated here.</PanelMessage>;
  } else {
    rotateForm = <PanelMessage>Loading {account.exchangeName}&apos;s credential fields…</PanelMessage>;
  }

  return (
    <section className="panel keys-panel" id={panelId} aria-labelledby={titleId}>
      <header className="panel-header">
        <h3 className="panel-title" id={titleId}>
          Keys of {account.label}
        </h3>
        <button type="button" className="button keys-close" onClick={onClose}>
          Close keys
        </button>
      </header>
      <div className="keys-body">
        {notice ? (
          <p className="note note--ok" role="status" data-testid="keys-notice">
            {notice}
          </p>
        ) : null}
        {keys.status === 'error' && keys.keys.length > 0 ? (
          <PanelMessage tone="error" action={{ label: 'Retry', onClick: keys.retry }}>
            Key versions may be out of date: {keys.error}
          </PanelMessage>
        ) : null}
        {table}
        <div className="keys-forms">
          {rotateForm}
          <KeyReminderForm account={account} onSaved={onAccountChanged} />
          <LiveLimitsForm account={account} />
        </div>
      </div>
      {revoking ? (
        <RevokeKeyDialog
          keyVersion={revoking}
          busy={revokeBusy}
          error={revokeError}
          onConfirm={() => void confirmRevoke()}
          onCancel={() => setRevoking(null)}
        />
      ) : null}
    </section>
  );
}
