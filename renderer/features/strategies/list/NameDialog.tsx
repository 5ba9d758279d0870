import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { STRATEGY_NAME_MAX } from '../../../../shared/ipc/schemas/strategies';
import { describeError } from '../../../lib/ipc/rpc-error';
import { Dialog } from '../../../ui/Dialog';

interface NameDialogProps {
  title: string;
  submitLabel: string;
  initialName: string;
  /** Name optional: an empty field lets core pick a free one. */
  optional?: boolean;
  children?: ReactNode;
  onSubmit(name: string): Promise<void>;
  onClose(): void;
}

/** Asks for a strategy name (new, rename); core's refusal (a taken name) is shown in place. */
export function NameDialog({ title, submitLabel, initialName, optional = false, children, onSubmit, onClose }: NameDialogProps) {
  const titleId = useId();
  const fieldId = useId();
  const [name, setName] = useState(initialName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!optional && name.trim() === '') {
      setError('A strategy needs a name.');
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
            Name{optional ? ' (optional)' : ''}
          </label>
          <input
            id={fieldId}
            className="input"
            value={name}
            maxLength={STRATEGY_NAME_MAX}
            onChange={(event) => setName(event.target.value)}
            data-autofocus
            aria-invalid={error ? true : undefined}
          />
        </div>
        {error ? (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
