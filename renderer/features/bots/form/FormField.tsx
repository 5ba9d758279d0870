import { useId, type ReactNode } from 'react';
import type { BotIssue } from '../../../../shared/ipc/schemas/bots';

/** The issues of one field, announced with it (aria-describedby) and shown under it. */
export function FieldIssues({ id, issues }: { id: string; issues: readonly BotIssue[] | undefined }) {
  if (!issues || issues.length === 0) return null;
  return (
    <ul className="bot-field-issues" id={id} data-testid="field-issues">
      {issues.map((issue, index) => (
        <li key={index} className={`bot-field-issue bot-field-issue--${issue.severity}`}>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

interface InputFieldProps {
  label: string;
  /** The dotted setting path (`config.levels`): core's issues for it show here. */
  path: string;
  value: string;
  onChange(value: string): void;
  issues: ReadonlyMap<string, BotIssue[]>;
  /** Unit or hint after the label: "USDT", "%", "optional". */
  unit?: string;
  hint?: ReactNode;
  inputMode?: 'decimal' | 'numeric' | 'text';
  list?: string;
  placeholder?: string;
  /** Takes the focus when the dialog opens. */
  autoFocus?: boolean;
}

/** A labelled text input for a number (or text) setting with its issues. */
export function InputField({
  label,
  path,
  value,
  onChange,
  issues,
  unit,
  hint,
  inputMode = 'decimal',
  list,
  placeholder,
  autoFocus = false,
}: InputFieldProps) {
  const id = useId();
  const issueId = useId();
  const hintId = useId();
  const fieldIssues = issues.get(path);
  const hasError = fieldIssues?.some((issue) => issue.severity === 'error') ?? false;
  const describedBy = [fieldIssues ? issueId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field bot-field" data-field={path}>
      <label className="field-label" htmlFor={id}>
        {label}
        {unit ? <span className="bot-field-unit"> ({unit})</span> : null}
      </label>
      <input
        id={id}
        className="input num"
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        value={value}
        list={list}
        placeholder={placeholder}
        data-autofocus={autoFocus || undefined}
        aria-invalid={hasError || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldIssues id={issueId} issues={fieldIssues} />
    </div>
  );
}

interface SelectFieldProps {
  label: string;
  path: string;
  value: string;
  onChange(value: string): void;
  issues: ReadonlyMap<string, BotIssue[]>;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: ReactNode;
}

export function SelectField({ label, path, value, onChange, issues, options, hint }: SelectFieldProps) {
  const id = useId();
  const issueId = useId();
  const hintId = useId();
  const fieldIssues = issues.get(path);
  const describedBy = [fieldIssues ? issueId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field bot-field" data-field={path}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="select"
        value={value}
        aria-invalid={fieldIssues?.some((issue) => issue.severity === 'error') || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldIssues id={issueId} issues={fieldIssues} />
    </div>
  );
}

interface ChoiceFieldProps<T extends string> {
  legend: string;
  path: string;
  value: T;
  onChange(value: T): void;
  issues: ReadonlyMap<string, BotIssue[]>;
  options: ReadonlyArray<{ value: T; label: string }>;
}

/** A radio group (kind, mode, spacing): every choice visible, arrow keys move between them. */
export function ChoiceField<T extends string>({ legend, path, value, onChange, issues, options }: ChoiceFieldProps<T>) {
  const name = useId();
  const issueId = useId();
  const fieldIssues = issues.get(path);
  return (
    <fieldset className="fieldset bot-choice" data-field={path} aria-describedby={fieldIssues ? issueId : undefined}>
      <legend className="fieldset-legend">{legend}</legend>
      <div className="bot-choice-options">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
      <FieldIssues id={issueId} issues={fieldIssues} />
    </fieldset>
  );
}

/** A labelled checkbox for a yes/no setting, with its issues (e.g. a confirmation core asks for). */
export function CheckField({
  label,
  path,
  checked,
  onChange,
  issues,
}: {
  label: string;
  path: string;
  checked: boolean;
  onChange(checked: boolean): void;
  issues: ReadonlyMap<string, BotIssue[]>;
}) {
  const id = useId();
  const issueId = useId();
  const fieldIssues = issues.get(path);
  return (
    <div className="field bot-field" data-field={path}>
      <FieldIssues id={issueId} issues={fieldIssues} />
      <label className="choice" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={fieldIssues ? issueId : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />{' '}
        {label}
      </label>
    </div>
  );
}
