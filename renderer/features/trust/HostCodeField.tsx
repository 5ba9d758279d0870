import { useId, useState } from 'react';
import './host-code.css';

interface HostCodeFieldProps {
  /** What the host asked to confirm, in its words. */
  message: string;
  /** The previous code was wrong. */
  error: string | null;
  onSubmit(code: string): void;
  onCancel(): void;
}

const CODE = /^\d{3}[- ]?\d{3}$/;

/** "Enter the code printed by the host": the headless host's one-time code, typed by the person who can read its terminal. */
export function HostCodeField({ message, error, onSubmit, onCancel }: HostCodeFieldProps) {
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const inputId = useId();
  const messageId = useId();
  const valid = CODE.test(code.trim());

  const submit = () => {
    if (!valid || sent) return;
    setSent(true);
    onSubmit(code.trim());
  };

  return (
    // A group, not a form: it sits inside the forms and dialogs that asked (nested forms are invalid).
    <div className="host-code" role="group" aria-label="Confirm on the host">
      <p className="host-code-message" id={messageId}>
        {message}
      </p>
      <label htmlFor={inputId}>Enter the code printed by the host</label>
      <div className="host-code-row">
        <input
          id={inputId}
          className="input host-code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder="123-456"
          maxLength={7}
          value={code}
          aria-describedby={messageId}
          aria-invalid={error ? true : undefined}
          data-autofocus
          autoFocus
          disabled={sent}
          onChange={(event) => setCode(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault(); // never submits the form around it
              submit();
            } else if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              onCancel();
            }
          }}
        />
        <button type="button" className="button button--primary" onClick={submit} disabled={!valid || sent}>
          {sent ? 'Checking…' : 'Confirm code'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={sent}>
          Cancel
        </button>
      </div>
      {error ? (
        <p className="host-code-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
