import { useId, useState } from 'react';
import type { ParamSpec, ParamValue } from '../../../../shared/strategy/block-types';

interface ParamFieldProps {
  spec: ParamSpec;
  value: ParamValue;
  /** Every change that parses; the editor validates the range (an out-of-range value shows as an error). */
  onChange(value: ParamValue): void;
  /** The field lost focus: the edits typed in it are one undo step. */
  onDone(): void;
}

/**
 * One block parameter, edited on the node. Number fields keep what is typed (an empty or
 * half-typed number is not a value yet) and take the catalogue's min, max and step.
 */
export function ParamField({ spec, value, onChange, onDone }: ParamFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState({ text: String(value), value });
  // Undo/redo or a paste changed the value under the field: show the new one.
  if (draft.value !== value) setDraft({ text: String(value), value });

  const unit = spec.kind === 'choice' ? undefined : spec.unit;
  return (
    <div className="param-field nodrag">
      <label className="param-label" htmlFor={id} title={spec.description}>
        {spec.title}
        {unit ? <span className="param-unit"> ({unit})</span> : null}
      </label>
      {spec.kind === 'choice' ? (
        <select
          id={id}
          className="select param-input"
          value={String(value)}
          onChange={(event) => {
            onChange(event.target.value);
            onDone();
          }}
        >
          {spec.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.title}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className="input param-input num"
          type="number"
          inputMode="decimal"
          min={spec.min}
          max={spec.max}
          step={spec.step}
          value={draft.text}
          aria-invalid={draft.text.trim() === '' || !Number.isFinite(Number(draft.text)) || undefined}
          onChange={(event) => {
            const text = event.target.value;
            const parsed = Number(text);
            const valid = text.trim() !== '' && Number.isFinite(parsed);
            setDraft({ text, value: valid ? parsed : draft.value });
            if (valid) onChange(parsed);
          }}
          onBlur={() => {
            if (draft.text.trim() === '' || !Number.isFinite(Number(draft.text))) setDraft({ text: String(value), value });
            onDone();
          }}
        />
      )}
    </div>
  );
}
