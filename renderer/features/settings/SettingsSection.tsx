import { useId, type ReactNode } from 'react';

/** One titled group of the Settings dialog (a region named by its heading). */
export function SettingsGroup({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="settings-group" aria-labelledby={headingId}>
      <h3 className="settings-group-title" id={headingId}>
        {title}
      </h3>
      <div className="settings-group-body">{children}</div>
    </section>
  );
}

/** A labelled row of radio choices that saves as soon as one is picked. */
export function ChoiceRow<T extends string>({
  legend,
  name,
  value,
  choices,
  disabled,
  onPick,
}: {
  legend: string;
  name: string;
  value: T | null;
  choices: ReadonlyArray<{ value: T; label: string; hint?: string }>;
  disabled: boolean;
  onPick: (value: T) => void;
}) {
  return (
    <fieldset className="settings-choice-row">
      <legend className="fieldset-legend">{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="choice" title={choice.hint}>
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={value === choice.value}
            disabled={disabled}
            onChange={() => onPick(choice.value)}
          />
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}
