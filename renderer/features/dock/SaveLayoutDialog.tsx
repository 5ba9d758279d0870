import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../../lib/ipc/rpc-error';
import { Dialog } from '../../ui/Dialog';

/** Asks for the name to save the dock's layout under; core's refusal (too many, bad name) is shown in place. */
export function SaveLayoutDialog({
  initialName,
  onSave,
  onClose,
}: {
  initialName: string;
  onSave(name: string): Promise<void>;
  onClose(): void;
}) {
  const titleId = useId();
  const fieldId = useId();
  const errorId = useId();
  const [name, setName] = useState(initialName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError('Give the layout a name (1–40 characters).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(name.trim());
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
          Save layout
        </h2>
        <p className="dock-dialog-note">
          Saves the panels, their places and sizes, and the colour groups' markets. A name in use is replaced.
        </p>
        <div className="field">
          <label className="field-label" htmlFor={fieldId}>
            Layout name
          </label>
          <input
            id={fieldId}
            className="input"
            value={name}
            maxLength={40}
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
            {busy ? 'Saving…' : 'Save layout'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
