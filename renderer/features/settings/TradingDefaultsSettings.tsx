import { useId, useState, type FormEvent } from 'react';
import { useDecimalSeparator } from '../../lib/number-format/use-decimal-separator';
import { useStore } from '../../store';
import { SaveStatus } from './SaveStatus';
import { SettingsGroup } from './SettingsSection';
import { DEFAULTS_FIELDS, readDefaultsForm, toForm, type DefaultsField, type DefaultsForm } from './trading-defaults-form';
import { useSaveSettings } from './use-save-settings';

/**
 * Default fee and slippage: paper fills charge them (accounts without their own slippage), the
 * strategy lab starts new runs with them. Messages appear under a field once it was left or the
 * form was submitted, never before anything was typed.
 */
export function TradingDefaultsSettings() {
  const defaults = useStore((state) => state.settings?.trading ?? null);
  const separator = useDecimalSeparator();
  const { save, state } = useSaveSettings();
  const [form, setForm] = useState<DefaultsForm | null>(null);
  const [touched, setTouched] = useState<Partial<Record<DefaultsField, boolean>>>({});
  const baseId = useId();
  if (defaults === null) return <SettingsGroup title="Fees and slippage">{null}</SettingsGroup>;
  const shown = form ?? toForm(defaults, separator);
  const read = readDefaultsForm(shown, separator);
  const errors = read.ok ? {} : read.errors;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched({ paperFeePct: true, paperSlippageBps: true, backtestFeePct: true, backtestSlippageBps: true });
    if (!read.ok) return;
    void save({ trading: read.value }).then((saved) => {
      if (saved) setForm(null);
    });
  };

  return (
    <SettingsGroup title="Fees and slippage">
      <form className="settings-defaults" onSubmit={onSubmit} noValidate aria-label="Default fees and slippage">
        {DEFAULTS_FIELDS.map(({ field, label, unit }) => {
          const error = touched[field] ? errors[field] : undefined;
          const errorId = `${baseId}-${field}-error`;
          return (
            <label key={field} className="field settings-defaults-field">
              <span className="field-label">
                {label} ({unit})
              </span>
              <input
                className="input input--narrow num"
                inputMode="decimal"
                value={shown[field]}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                onChange={(event) => setForm({ ...shown, [field]: event.target.value })}
                onBlur={() => setTouched((current) => ({ ...current, [field]: true }))}
              />
              {error ? (
                <span className="settings-field-error" id={errorId}>
                  {error}
                </span>
              ) : null}
            </label>
          );
        })}
        <div className="settings-defaults-actions">
          <button type="submit" className="button" disabled={state.saving || form === null}>
            Save fees and slippage
          </button>
          <p className="field-hint">Paper fills use these from the next order; the strategy lab from the next run.</p>
        </div>
      </form>
      <SaveStatus state={state} />
    </SettingsGroup>
  );
}
