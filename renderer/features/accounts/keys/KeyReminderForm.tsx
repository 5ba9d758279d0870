import { useId, useState, type FormEvent } from 'react';
import type { AccountDetail } from '../../../../shared/ipc/schemas/accounts';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';

const MAX_DAYS = 3650;

interface KeyReminderFormProps {
  account: AccountDetail;
  onSaved: () => void;
}

/** How old the active key may get before the account shows a rotation reminder. */
export function KeyReminderForm({ account, onSaved }: KeyReminderFormProps) {
  const client = useRpcClient();
  const titleId = useId();
  const inputId = useId();
  const [days, setDays] = useState(String(account.keyMaxAgeDays));
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = Number(days);
    if (!Number.isInteger(value) || value < 1 || value > MAX_DAYS) {
      setMessage({ tone: 'error', text: `Enter a whole number of days from 1 to ${MAX_DAYS}.` });
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      const updated = await client.call('accounts.update', { accountId: account.id, keyMaxAgeDays: value });
      setMessage({ tone: 'ok', text: `Reminder set: rotate keys older than ${updated.keyMaxAgeDays} days.` });
      onSaved();
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="keys-form key-reminder-form" aria-labelledby={titleId} onSubmit={(event) => void onSubmit(event)} noValidate>
      <h4 className="keys-form-title" id={titleId}>
        Rotation reminder
      </h4>
      <div className="keys-form-row">
        <div className="field">
          <label className="field-label" htmlFor={inputId}>
            Remind after (days)
          </label>
          <input
            id={inputId}
            className="input input--narrow num"
            type="number"
            min={1}
            max={MAX_DAYS}
            step={1}
            value={days}
            disabled={saving}
            onChange={(event) => setDays(event.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : 'Save reminder'}
        </button>
      </div>
      {message ? (
        <p className={`note note--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
