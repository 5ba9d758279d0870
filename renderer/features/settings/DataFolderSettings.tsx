import { useState } from 'react';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { SettingsGroup } from './SettingsSection';

/** Where the database, backups and logs live: shown read-only, with copy and open (the headless host names it on its terminal). */
export function DataFolderSettings() {
  const client = useRpcClient();
  const dataDir = useStore((state) => state.appInfo?.dataDir ?? null);
  const [message, setMessage] = useState<{ tone: 'status' | 'alert'; text: string } | null>(null);

  const copy = () => {
    if (!dataDir) return;
    navigator.clipboard.writeText(dataDir).then(
      () => setMessage({ tone: 'status', text: 'Path copied.' }),
      () => setMessage({ tone: 'alert', text: 'The clipboard refused the path: select it in the field and copy it.' }),
    );
  };
  const open = () => {
    client.call('settings.openDataFolder').then(
      (result) =>
        setMessage({
          tone: 'status',
          text: result.opened ? 'Opened in the file manager.' : 'This host has no desktop: the path was printed on its terminal.',
        }),
      (failure: unknown) => setMessage({ tone: 'alert', text: describeError(failure) }),
    );
  };

  return (
    <SettingsGroup title="Data folder">
      <div className="settings-inline">
        <input className="input settings-path" readOnly value={dataDir ?? 'Loading…'} aria-label="Data folder path" />
        <button type="button" className="button" onClick={copy} disabled={!dataDir}>
          Copy path
        </button>
        <button type="button" className="button" onClick={open} disabled={!dataDir}>
          Open folder
        </button>
      </div>
      <p className="field-hint">
        The database, its backups and the logs. API secrets are not in it: they stay in the OS keychain (or the encrypted store, if you
        chose it).
      </p>
      {message ? (
        <p className={message.tone === 'alert' ? 'settings-status settings-status--error' : 'settings-status'} role={message.tone}>
          {message.text}
        </p>
      ) : null}
    </SettingsGroup>
  );
}
