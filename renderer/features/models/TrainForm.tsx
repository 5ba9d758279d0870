import { useId, type ReactNode } from 'react';
import type { LabelKind } from '../../../shared/ml/model-spec';
import { kindTitle, trainableKinds } from './model-kinds';
import { PARAM_INPUTS, paramGroupOf, type ParamField } from './kind-params';
import { LABEL_OPTIONS, withLabel, type SpecErrors, type SpecField, type SpecForm } from './spec-form';

interface TrainFormProps {
  form: SpecForm;
  errors: SpecErrors;
  disabled: boolean;
  onChange(form: SpecForm): void;
}

/** One labelled field with its error below it (announced, and tied to the control). */
function Field({ label, error, children }: { label: string; error?: string; children: (id: string, errorId: string) => ReactNode }) {
  const id = useId();
  const errorId = useId();
  return (
    <div className="field models-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children(id, errorId)}
      {error ? (
        <span className="field-hint is-down" id={errorId} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The model's definition: kind, label and horizon, walk-forward windows, purge, lags, seed, and the kind's own settings. */
export function TrainForm({ form, errors, disabled, onChange }: TrainFormProps) {
  const input = (field: SpecField, label: string, value: string, update: (text: string) => SpecForm, hint?: string) => (
    <Field key={field} label={label} error={errors[field]}>
      {(id, errorId) => (
        <input
          id={id}
          className="input num"
          inputMode="decimal"
          value={value}
          title={hint}
          disabled={disabled}
          aria-invalid={errors[field] ? true : undefined}
          aria-describedby={errors[field] ? errorId : undefined}
          onChange={(e) => onChange(update(e.target.value))}
        />
      )}
    </Field>
  );
  const number = (field: Exclude<SpecField, 'kind' | 'label' | ParamField>, label: string, hint?: string) =>
    input(field, label, form[field], (text) => ({ ...form, [field]: text }), hint);
  const group = paramGroupOf(form.kind);
  return (
    <fieldset className="models-spec" disabled={disabled}>
      <legend className="lab-subtitle">Model definition</legend>
      <Field label="Kind" error={errors.kind}>
        {(id, errorId) => (
          <select
            id={id}
            className="select"
            value={form.kind}
            aria-invalid={errors.kind ? true : undefined}
            aria-describedby={errors.kind ? errorId : undefined}
            onChange={(e) => onChange({ ...form, kind: e.target.value })}
          >
            {trainableKinds().map((kind) => (
              <option key={kind} value={kind}>
                {kindTitle(kind)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Label" error={errors.label}>
        {(id) => (
          <select id={id} className="select" value={form.label} onChange={(e) => onChange(withLabel(form, e.target.value as LabelKind))}>
            {LABEL_OPTIONS.map((option) => (
              <option key={option.kind} value={option.kind}>
                {option.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      {number('horizon', 'Horizon N (bars)', 'Bars between a row and the close its label reads')}
      {form.label === 'aboveThreshold' ? number('thresholdPct', 'Threshold (%)') : null}
      {number('trainBars', 'Training window (bars)')}
      {number('testBars', 'Test window K (bars)', 'Bars each trained model predicts before it is retrained')}
      {number('purgeBars', 'Purge gap (bars)', 'Bars left out between training and prediction: at least the horizon')}
      {number('lags', 'Lags', 'Each feature also enters as its values 1 … L bars ago')}
      {number('seed', 'Seed')}
      {group
        ? PARAM_INPUTS[group].map(({ field, label, hint }) =>
            input(field, label, form.params[field], (text) => ({ ...form, params: { ...form.params, [field]: text } }), hint),
          )
        : null}
    </fieldset>
  );
}
