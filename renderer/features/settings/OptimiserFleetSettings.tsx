import { useId, useState, type FormEvent } from 'react';
import { redisSettingUrlProblem } from '../../../shared/strategy/redis-url-check';
import { useStore } from '../../store';
import { SaveStatus } from './SaveStatus';
import { SettingsGroup } from './SettingsSection';
import { useSaveSettings } from './use-save-settings';

/**
 * Where optimiser sweeps run: this machine, or a fleet of `tradewind worker` processes that take
 * chunks from a Redis server. No password here (settings are not secret storage): a protected
 * server is given through TRADEWIND_REDIS_URL, which wins over this field.
 */
export function OptimiserFleetSettings() {
  const optimiser = useStore((state) => state.settings?.optimiser ?? null);
  const { save, state } = useSaveSettings();
  const [url, setUrl] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const errorId = useId();
  if (optimiser === null) return <SettingsGroup title="Optimiser worker fleet">{null}</SettingsGroup>;
  const shown = url ?? optimiser.redisUrl ?? '';
  const trimmed = shown.trim();
  const problem = trimmed === '' ? null : redisSettingUrlProblem(trimmed);
  const error = touched ? problem : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    void save({ optimiser: { redisUrl: trimmed === '' ? null : trimmed } }).then((saved) => {
      if (saved) setUrl(null);
    });
  };

  return (
    <SettingsGroup title="Optimiser worker fleet">
      <form className="settings-defaults" onSubmit={onSubmit} noValidate aria-label="Optimiser worker fleet">
        <label className="field settings-defaults-field">
          <span className="field-label">Redis URL of the fleet</span>
          <input
            className="input num"
            aria-label="Redis URL of the fleet"
            placeholder="empty: sweeps run on this machine"
            value={shown}
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => setUrl(event.target.value)}
            onBlur={() => setTouched(true)}
          />
          {error ? (
            <span className="settings-field-error" id={errorId}>
              {error}
            </span>
          ) : null}
        </label>
        <div className="settings-defaults-actions">
          <button type="submit" className="button" disabled={state.saving || url === null}>
            Save Redis URL
          </button>
          <p className="field-hint">
            Start workers on any machine that reaches the server with <code>tradewind worker --redis {trimmed || 'redis://HOST:6379'}</code>{' '}
            (one per core). A password-protected server: start Tradewind with TRADEWIND_REDIS_URL=redis://:PASSWORD@HOST:6379 instead; it
            wins over this field.
          </p>
        </div>
        <label className="choice">
          <input
            type="checkbox"
            checked={optimiser.fallbackLocal}
            disabled={state.saving}
            onChange={(event) => void save({ optimiser: { fallbackLocal: event.target.checked } })}
          />
          Run on this machine when the fleet is unavailable (otherwise the optimiser run fails and says why)
        </label>
      </form>
      <SaveStatus state={state} />
    </SettingsGroup>
  );
}
