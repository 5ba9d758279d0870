import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { PanelMessage } from '../../ui/PanelMessage';
import './builtin-sections';
import { loadSettings } from './load-settings';
import { settingsSections, subscribeSettingsSections } from './settings-sections';
import './settings.css';

/** The Settings dialog: every registered section, grouped, in one scrollable column; Escape closes. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const client = useRpcClient();
  const titleId = useId();
  const sections = useSyncExternalStore(subscribeSettingsSections, settingsSections, settingsSections);
  const loaded = useStore((state) => state.settings !== null);
  const [loadError, setLoadError] = useState<string | null>(null);

  // Start-up reads the settings; if that failed (an older host, a dropped socket), try again here and say why.
  useEffect(() => {
    if (loaded) return;
    loadSettings(client, useStore).catch((failure: unknown) => setLoadError(describeError(failure)));
  }, [client, loaded]);

  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} className="dialog--settings">
      <div className="settings-header">
        <h2 className="dialog-title" id={titleId}>
          Settings
        </h2>
        <button type="button" className="button" onClick={onClose} aria-label="Close settings">
          Close
        </button>
      </div>
      {loadError && !loaded ? (
        <PanelMessage tone="error">Could not read the settings: {loadError}</PanelMessage>
      ) : (
        <div className="settings-sections">
          {sections.map(({ id, Component }) => (
            <Component key={id} />
          ))}
        </div>
      )}
    </Dialog>
  );
}
