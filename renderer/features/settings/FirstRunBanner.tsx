import { useStore } from '../../store';
import { useSaveSettings } from './use-save-settings';
import './first-run.css';

/**
 * The first start's note: what the paper account and the offline replay are, and how to connect
 * an exchange. "Got it" (or Skip) is saved in core's settings, so it stays dismissed in every
 * window and after a restart. Nothing shows until the settings are known (no flash on reload).
 */
export function FirstRunBanner() {
  const settings = useStore((state) => state.settings);
  const setWorkspace = useStore((state) => state.setWorkspace);
  const { save, state } = useSaveSettings();
  if (!settings || settings.firstRunDismissed) return null;
  const dismiss = () => void save({ firstRunDismissed: true });
  return (
    <aside className="first-run" aria-label="Welcome to Tradewind">
      <div className="first-run-text">
        <p>
          <strong>Welcome.</strong> You start with a <strong>paper account</strong>: 10,000 play USDT that trades against real prices, so
          nothing here costs money. Offline, prices come from an <strong>offline replay</strong> of real recorded markets (the badge at the
          top says which).
        </p>
        <p>
          To trade for real, add an exchange under <strong>Accounts</strong> with an API key without withdrawal rights; keys stay in your OS
          keychain. Press <kbd className="first-run-kbd">Ctrl+K</kbd> to jump anywhere, <kbd className="first-run-kbd">?</kbd> for every
          shortcut.
        </p>
        {state.error ? (
          <p className="settings-field-error" role="alert">
            Could not save that: {state.error}
          </p>
        ) : null}
      </div>
      <div className="first-run-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            setWorkspace('accounts');
            dismiss();
          }}
        >
          Connect an exchange
        </button>
        <button type="button" className="button button--primary" onClick={dismiss} disabled={state.saving}>
          Got it
        </button>
      </div>
    </aside>
  );
}
