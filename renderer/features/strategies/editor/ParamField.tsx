import { useId, useState } from 'react';
import type { ParamSpec, ParamValue, TextParamSpec } from '../../../../shared/strategy/block-types';
import { useSignalSourceOptions } from './signal-source-options';
import { useStore } from '../../../store';

interface ParamFieldProps {
  spec: ParamSpec;
  value: ParamValue;
  /** Every change that parses; the editor validates the range (an out-of-range value shows as an error). */
  onChange(value: ParamValue): void;
  /** The field lost focus: the edits typed in it are one undo step. */
  onDone(): void;
  /** The block runs on this higher timeframe: a count of bars is a count of its bars ("4h bars"). */
  barTimeframe?: string | undefined;
}

/**
 * One block parameter, edited on the node. Number fields keep what is typed (an empty or
 * half-typed number is not a value yet) and take the catalogue's min, max and step.
 */
export function ParamField({ spec, value, onChange, onDone, barTimeframe }: ParamFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState({ text: String(value), value });
  // Undo/redo or a paste changed the value under the field: show the new one.
  if (draft.value !== value) setDraft({ text: String(value), value });

  if (spec.kind === 'text') return <TextParamField spec={spec} value={String(value)} onChange={onChange} onDone={onDone} />;
  const unit = spec.kind === 'choice' ? undefined : spec.unit === 'bars' && barTimeframe ? `${barTimeframe} bars` : spec.unit;
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

/** A signal source picked from the configured ones, or a market typed as the exchange writes it. */
function TextParamField({
  spec,
  value,
  onChange,
  onDone,
}: { spec: TextParamSpec; value: string } & Pick<ParamFieldProps, 'onChange' | 'onDone'>) {
  const id = useId();
  const sources = useSignalSourceOptions();
  const [draft, setDraft] = useState({ text: value, value });
  if (draft.value !== value) setDraft({ text: value, value });
  const label = (
    <label className="param-label" htmlFor={id} title={spec.description}>
      {spec.title}
    </label>
  );
  if (spec.format === 'signalSource') {
    const known = sources.some((s) => s.id === value);
    return (
      <div className="param-field nodrag">
        {label}
        <select
          id={id}
          className="select param-input"
          value={value}
          aria-invalid={!known || undefined}
          onChange={(event) => {
            onChange(event.target.value);
            onDone();
          }}
        >
          <option value="">{sources.length === 0 ? 'No sources: create one under Signals' : 'Choose a source…'}</option>
          {!known && value !== '' ? <option value={value}>Deleted source ({value})</option> : null}
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <div className="param-field nodrag">
      {label}
      <input
        id={id}
        className="input param-input"
        type="text"
        spellCheck={false}
        placeholder={spec.optional ? "Strategy's market" : 'e.g. BTC/USDT'}
        list={spec.format === 'market' ? `${id}-markets` : undefined}
        aria-invalid={(!spec.optional && draft.text.trim() === '') || undefined}
        value={draft.text}
        onChange={(event) => {
          const text = event.target.value;
          setDraft({ text, value: text.trim() });
          onChange(text.trim());
        }}
        onBlur={onDone}
      />
      {spec.format === 'market' ? <MarketOptions id={`${id}-markets`} /> : null}
    </div>
  );
}

/**
 * The markets of the venue the app has loaded (the markets account's), offered as the field's
 * suggestions; before a list is loaded the field takes any market typed as the exchange writes it.
 */
function MarketOptions({ id }: { id: string }) {
  const markets = useStore((s) => s.markets);
  if (markets.length === 0) return null;
  return (
    <datalist id={id}>
      {markets.map((m) => (
        <option key={m.symbol} value={m.symbol} />
      ))}
    </datalist>
  );
}
