import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { describeError } from '../lib/ipc/rpc-error';
import { Dialog } from './Dialog';

export interface NameDialogProps {
  title: string;
  submitLabel: string;
  /** The submit button's text while core answers (defaults to `submitLabel`). */
  busyLabel?: string;
  /** The field's label ("Name", "Layout name"). */
  fieldLabel?: string;
  initialName: string;
  maxLength: number;
  /** Name optional: an empty field is submitted as '' (core picks a free one). */
  optional?: boolean;
  /** Said when a required name is left empty. */
  emptyMessage?: string;
  /** Shown above the field (a note, or more fields such as a template choice). */
  children?: ReactNode;
  onSubmit(name: string): Promise<void>;
  onClose(): void;
}

/**
 * Asks for a name (new, rename, save as): the trimmed name goes to `onSubmit`, and core's refusal
 * (a taken name, too many) is shown in place with the field kept, so nothing typed is lost.
 */
export function NameDialog({
  title,
  submitLabel,
  busyLabel = submitLabel,
  fieldLabel = 'Name',
  initialName,
  maxLength,
  optional = false,
  emptyMessage = 'Enter a name.',
  children,
  onSubmit,
  onClose,
}: NameDialogProps) {
  const titleId = useId();
  const fieldId = useId();
  const errorId = useId();
  const [name, setName] = useState(initialName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!optional && name.trim() === '') {
      setError(emptyMessage);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(name.trim());
      onClose();
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };
  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} busy={busy}>
      <form className="dialog-form" onSubmit={(event) => void submit(event)}>
        <h2 className="dialog-title" id={titleId}>
          {title}
        </h2>
        {children}
        <div className="field">
          <label className="field-label" htmlFor={fieldId}>
            {fieldLabel}
            {optional ? ' (optional)' : ''}
          </label>
          <input
            id={fieldId}
            className="input"
            value={name}
            maxLength={maxLength}
            onChange={(event) => setName(event.target.value)}
            data-autofocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </div>
        {error ? (
          <p className="dialog-error" id={errorId} role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? busyLabel : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
