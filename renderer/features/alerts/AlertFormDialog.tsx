import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AlertRuleView } from '../../../shared/ipc/schemas/alerts';
import type { BotIssue } from '../../../shared/ipc/schemas/bots';
import type { StrategySummary } from '../../../shared/ipc/schemas/strategies';
import type { Timeframe } from '../../../shared/domain/types';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useDecimalSeparator } from '../../lib/number-format/use-decimal-separator';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { ChoiceField, InputField, SelectField } from '../bots/form/FormField';
import { alertFormFrom, checkAlertForm, CONDITION_TYPES, emptyAlertForm, type AlertFormValues } from './alert-form-state';

const DIRECTIONS = [
  { value: 'up', label: 'Upwards' },
  { value: 'down', label: 'Downwards' },
  { value: 'either', label: 'Either way' },
] as const;

/** Create (prefilled from the chart, or blank) or edit an alert rule on the selected account. */
export function AlertFormDialog({
  accountId,
  editing,
  prefill,
  onClose,
}: {
  accountId: string;
  editing: AlertRuleView | null;
  prefill: { symbol: string; level?: number } | null;
  onClose(): void;
}) {
  const client = useRpcClient();
  const titleId = useId();
  const separator = useDecimalSeparator();
  const timeframes = useStore((state) => state.timeframes);
  const markets = useStore((state) => state.markets);
  const [values, setValues] = useState<AlertFormValues>(() =>
    editing ? alertFormFrom(editing, separator) : emptyAlertForm(prefill?.symbol ?? '', prefill?.level, separator),
  );
  const [issues, setIssues] = useState<Map<string, BotIssue[]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [strategies, setStrategies] = useState<StrategySummary[] | null>(null);
  const patch = (next: Partial<AlertFormValues>) => setValues((current) => ({ ...current, ...next }));

  useEffect(() => {
    if (values.type !== 'condition' || strategies !== null) return;
    client
      .call('strategies.list')
      .then(setStrategies, (failure: unknown) => setError(`Could not load saved strategies: ${describeError(failure)}`));
  }, [client, values.type, strategies]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkAlertForm(values, accountId, Date.now(), separator);
    if (!checked.ok) {
      setIssues(checked.issues);
      return;
    }
    setIssues(new Map());
    setSaving(true);
    setError(null);
    const request = editing
      ? client.call('alerts.update', { id: editing.id, input: checked.input })
      : client.call('alerts.create', checked.input);
    request.then(
      () => onClose(),
      (failure: unknown) => {
        setSaving(false);
        setError(describeError(failure));
      },
    );
  };

  const timeframeOptions = (timeframes.length > 0 ? timeframes : (['5m'] as Timeframe[])).map((tf) => ({ value: tf, label: tf }));
  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} busy={saving} className="dialog--alert-form">
      <form className="alert-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
        <h2 className="dialog-title" id={titleId}>
          {editing ? `Edit alert: ${editing.name}` : 'New alert'}
        </h2>
        <fieldset className="fieldset alert-form-body" disabled={saving}>
          <div className="alert-form-grid">
            <InputField
              label="Market"
              path="symbol"
              inputMode="text"
              list={`${titleId}-markets`}
              value={values.symbol}
              onChange={(symbol) => patch({ symbol: symbol.toUpperCase() })}
              issues={issues}
            />
            <datalist id={`${titleId}-markets`}>
              {markets.slice(0, 500).map((market) => (
                <option key={market.symbol} value={market.symbol} />
              ))}
            </datalist>
            <InputField
              label="Name"
              path="name"
              inputMode="text"
              value={values.name}
              onChange={(name) => patch({ name })}
              issues={issues}
              hint="Optional; made from the condition when empty."
            />
          </div>
          <SelectField
            label="Condition"
            path="type"
            value={values.type}
            onChange={(type) => patch({ type: type as AlertFormValues['type'] })}
            issues={issues}
            options={CONDITION_TYPES}
          />
          <div className="alert-form-grid">
            {values.type === 'price_cross' ? (
              <InputField
                label="Price level"
                path="level"
                value={values.level}
                onChange={(level) => patch({ level })}
                issues={issues}
                autoFocus
              />
            ) : null}
            {values.type === 'pct_move' ? (
              <>
                <InputField label="Move" unit="%" path="pct" value={values.pct} onChange={(pct) => patch({ pct })} issues={issues} />
                <InputField
                  label="Within"
                  unit="minutes"
                  path="windowMinutes"
                  inputMode="numeric"
                  value={values.windowMinutes}
                  onChange={(windowMinutes) => patch({ windowMinutes })}
                  issues={issues}
                />
              </>
            ) : null}
            {values.type === 'volume_spike' || values.type === 'condition' ? (
              <SelectField
                label="Timeframe"
                path="timeframe"
                value={values.timeframe}
                onChange={(timeframe) => patch({ timeframe: timeframe as Timeframe })}
                issues={issues}
                options={timeframeOptions}
              />
            ) : null}
            {values.type === 'volume_spike' ? (
              <>
                <InputField
                  label="Volume at least"
                  unit="× average"
                  path="factor"
                  value={values.factor}
                  onChange={(factor) => patch({ factor })}
                  issues={issues}
                />
                <InputField
                  label="Average of"
                  unit="bars"
                  path="bars"
                  inputMode="numeric"
                  value={values.bars}
                  onChange={(bars) => patch({ bars })}
                  issues={issues}
                />
              </>
            ) : null}
            {values.type === 'condition' ? (
              <>
                <SelectField
                  label="Strategy"
                  path="strategyId"
                  value={values.strategyId}
                  onChange={(strategyId) => patch({ strategyId })}
                  issues={issues}
                  options={[
                    { value: '', label: strategies === null ? 'Loading…' : strategies.length === 0 ? 'No saved strategies' : 'Pick one' },
                    ...(strategies ?? []).map((s) => ({ value: s.id, label: s.name })),
                  ]}
                  hint={
                    strategies?.length === 0
                      ? 'Build one in the Strategy lab first; its entry or exit blocks are the condition.'
                      : undefined
                  }
                />
                <SelectField
                  label="Signal"
                  path="signal"
                  value={values.signal}
                  onChange={(signal) => patch({ signal: signal as 'enter' | 'exit' })}
                  issues={issues}
                  options={[
                    { value: 'enter', label: 'Entry condition turns true' },
                    { value: 'exit', label: 'Exit condition turns true' },
                  ]}
                />
              </>
            ) : null}
          </div>
          {values.type === 'price_cross' || values.type === 'pct_move' ? (
            <ChoiceField
              legend="Direction"
              path="direction"
              value={values.direction}
              onChange={(direction) => patch({ direction })}
              issues={issues}
              options={DIRECTIONS}
            />
          ) : null}
          <ChoiceField
            legend="Fires"
            path="repeat"
            value={values.repeat}
            onChange={(repeat) => patch({ repeat })}
            issues={issues}
            options={[
              { value: 'once', label: 'Once' },
              { value: 'repeat', label: 'Every time, after a cool-down' },
            ]}
          />
          <div className="alert-form-grid">
            {values.repeat === 'repeat' ? (
              <InputField
                label="Cool-down"
                unit="minutes"
                path="cooldownMinutes"
                inputMode="numeric"
                value={values.cooldownMinutes}
                onChange={(cooldownMinutes) => patch({ cooldownMinutes })}
                issues={issues}
              />
            ) : null}
            <InputField
              label="Expires"
              unit="UTC, optional"
              path="expiresAt"
              inputMode="text"
              placeholder="2026-12-31T18:00"
              value={values.expiresAt}
              onChange={(expiresAt) => patch({ expiresAt })}
              issues={issues}
            />
          </div>
        </fieldset>
        {error ? (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {editing ? 'Save alert' : 'Create alert'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
