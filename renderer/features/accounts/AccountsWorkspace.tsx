import { useId, useState } from 'react';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { PanelMessage } from '../../ui/PanelMessage';
import { AccountCard } from './AccountCard';
import { AddAccountDialog } from './AddAccountDialog';
import { KeysPanel } from './keys/KeysPanel';
import { RemoveAccountDialog } from './RemoveAccountDialog';
import { useAccountDetails } from './use-account-details';
import '../../ui/controls.css';
import '../../ui/workspace.css';
import './accounts.css';

function addedNotice(account: AccountDetail): string {
  const key = account.activeKey;
  if (!key) return `Added ${account.label}.`;
  const { read, trade, withdraw } = key.rights;
  return `Added ${account.label}: key …${key.last4} verified (read ${read}, trade ${trade}, withdraw ${withdraw}).`;
}

/** Exchange accounts: add, inspect states and keys, rotate, revoke, remove. */
export function AccountsWorkspace() {
  const client = useRpcClient();
  const refresh = useAccountDetails();
  const accounts = useStore((state) => state.accountDetails);
  const status = useStore((state) => state.accountDetailsStatus);
  const error = useStore((state) => state.accountDetailsError);
  const keysPanelId = useId();

  const [adding, setAdding] = useState(false);
  const [keysFor, setKeysFor] = useState<string | null>(null);
  const [rotateRequest, setRotateRequest] = useState(0);
  const [removing, setRemoving] = useState<AccountDetail | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const keysAccount = accounts.find((account) => account.id === keysFor && account.kind === 'live') ?? null;
  const hasLiveAccount = accounts.some((account) => account.kind === 'live');

  const openRotate = (account: AccountDetail) => {
    setKeysFor(account.id);
    setRotateRequest((count) => count + 1);
  };
  const toggleKeys = (account: AccountDetail) => {
    setRotateRequest(0);
    setKeysFor((current) => (current === account.id ? null : account.id));
  };
  const askRemove = (account: AccountDetail) => {
    setRemoveError(null);
    setRemoving(account);
  };
  const confirmRemove = async () => {
    if (!removing) return;
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      const result = await client.call('accounts.remove', { accountId: removing.id });
      setNotice(`Removed ${removing.label}; ${result.deletedKeys} key version(s) deleted from the keychain.`);
      if (keysFor === removing.id) setKeysFor(null);
      setRemoving(null);
      refresh();
    } catch (failure) {
      setRemoveError(describeError(failure));
    } finally {
      setRemoveBusy(false);
    }
  };

  let list;
  if (accounts.length === 0) {
    list =
      status === 'error' ? (
        <PanelMessage tone="error" action={{ label: 'Retry', onClick: refresh }}>
          Could not load accounts: {error}
        </PanelMessage>
      ) : (
        <PanelMessage>Loading accounts…</PanelMessage>
      );
  } else {
    list = (
      <ul className="account-list">
        {accounts.map((account) => (
          <li key={account.id}>
            <AccountCard
              account={account}
              keysOpen={keysAccount?.id === account.id}
              keysPanelId={keysPanelId}
              onRotate={() => openRotate(account)}
              onToggleKeys={() => toggleKeys(account)}
              onRemove={() => askRemove(account)}
            />
          </li>
        ))}
      </ul>
    );
  }

  return (
    <section className="accounts-workspace" aria-labelledby="accounts-title">
      <header className="workspace-header">
        <h2 className="workspace-title" id="accounts-title">
          Accounts
        </h2>
        <span className="workspace-meta num">{accounts.length > 0 ? `${accounts.length} accounts` : null}</span>
        <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
          Add account
        </button>
      </header>
      {notice ? (
        <p className="note note--ok accounts-notice" role="status">
          {notice}
        </p>
      ) : null}
      {status === 'error' && accounts.length > 0 ? (
        <PanelMessage tone="error" action={{ label: 'Retry', onClick: refresh }}>
          Accounts may be out of date: {error}
        </PanelMessage>
      ) : null}
      <div className="accounts-layout">
        <div className="accounts-column">
          {list}
          {accounts.length > 0 && !hasLiveAccount ? (
            <p className="note">
              Only the paper account so far. Choose Add account to connect an exchange: its key is kept in your OS keychain, and its
              balances join the portfolio.
            </p>
          ) : null}
        </div>
        {keysAccount ? (
          <KeysPanel
            key={keysAccount.id}
            account={keysAccount}
            panelId={keysPanelId}
            rotateRequest={rotateRequest}
            onClose={() => setKeysFor(null)}
            onAccountChanged={refresh}
          />
        ) : (
          <div className="panel keys-placeholder">
            <PanelMessage>
              Choose Keys on a live account to see its key versions, rotate or revoke a key, or change its live order limits.
            </PanelMessage>
          </div>
        )}
      </div>
      {adding ? (
        <AddAccountDialog
          onClose={() => setAdding(false)}
          onAdded={(account) => {
            setAdding(false);
            setNotice(addedNotice(account));
            refresh();
          }}
        />
      ) : null}
      {removing ? (
        <RemoveAccountDialog
          account={removing}
          busy={removeBusy}
          error={removeError}
          onConfirm={() => void confirmRemove()}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
    </section>
  );
}
