import { useId, useState } from 'react';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { parseDecimal } from '../../lib/number-format/number-format';
import { useDecimalSeparator } from '../../lib/number-format/use-decimal-separator';
import { PaperResetSchema } from '../../../shared/ipc/schemas/settings';
import { Dialog } from '../../ui/Dialog';
import { SettingsGroup } from './SettingsSection';

/** What the starting balance field says is wrong, or the amount (checked with core's schema). */
export function readStartingBalance(
  text: string,
  separator: 'point' | 'comma',
): { ok: true; value: number } | { ok: false; message: string } {
  const parsed = parseDecimal(text, separator);
  if (!parsed.ok) return { ok: false, message: parsed.empty ? 'Enter the starting balance in USDT.' : parsed.message };
  const checked = PaperResetSchema.shape.startingBalance.safeParse(parsed.value);
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? 'not a valid balance';
    return { ok: false, message: `${message.charAt(0).toUpperCase()}${message.slice(1)}.` };
  }
  return { ok: true, value: checked.data };
}

/**
 * Starts the paper account over with a chosen USDT balance. Destructive (the balances and open
 * paper orders go), so it asks in a dialog where RESET must be typed; core refuses it while a
 * paper bot or smart trade is working and says which.
 */
export function PaperResetSettings() {
  const client = useRpcClient();
  const separator = useDecimalSeparator();
  const [amount, setAmount] = useState('10000');
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const titleId = useId();
  const errorId = useId();
  const read = readStartingBalance(amount, separator);
  const fieldError = touched && !read.ok ? read.message : null;

  const reset = () => {
    if (!read.ok) return;
    setBusy(true);
    setError(null);
    client.call('settings.resetPaper', { startingBalance: read.value, confirmation: 'RESET' }).then(
      (result) => {
        setBusy(false);
        setConfirming(false);
        setTyped('');
        setDone(
          `The paper account starts over with ${result.startingBalance.toLocaleString('en-US')} ${result.asset}${result.cancelledOrders > 0 ? `; ${result.cancelledOrders} open paper order${result.cancelledOrders === 1 ? ' was' : 's were'} cancelled` : ''}.`,
        );
      },
      (failure: unknown) => {
        setBusy(false);
        setError(describeError(failure));
      },
    );
  };

  return (
    <SettingsGroup title="Paper account">
      <div className="settings-inline">
        <label className="field">
          <span className="field-label">Starting balance (USDT)</span>
          <input
            className="input input--narrow num"
            inputMode="decimal"
            value={amount}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? errorId : undefined}
            onChange={(event) => setAmount(event.target.value)}
            onBlur={() => setTouched(true)}
          />
          {fieldError ? (
            <span className="settings-field-error" id={errorId}>
              {fieldError}
            </span>
          ) : null}
        </label>
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            setTouched(true);
            setDone(null);
            setError(null);
            if (read.ok) setConfirming(true);
          }}
        >
          Reset paper account…
        </button>
      </div>
      <p className="field-hint">Play money against live prices or the offline replay. Trade and order history stay.</p>
      {done ? (
        <p className="settings-status" role="status">
          {done}
        </p>
      ) : null}
      {confirming && read.ok ? (
        <Dialog role="alertdialog" labelledBy={titleId} onDismiss={() => setConfirming(false)} busy={busy} className="dialog--confirm">
          <h2 className="dialog-title" id={titleId}>
            Reset the paper account?
          </h2>
          <div className="dialog-message">
            <p>
              Every paper balance is replaced by {read.value.toLocaleString('en-US')} USDT and the open paper orders are cancelled. Live
              accounts are not touched.
            </p>
            <label className="field">
              <span className="field-label">Type RESET to confirm</span>
              <input className="input" value={typed} autoComplete="off" data-autofocus onChange={(event) => setTyped(event.target.value)} />
            </label>
          </div>
          {error ? (
            <p className="dialog-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
            <button type="button" className="button button--danger" onClick={reset} disabled={busy || typed.trim() !== 'RESET'}>
              {busy ? 'Resetting…' : 'Reset paper account'}
            </button>
          </div>
        </Dialog>
      ) : null}
    </SettingsGroup>
  );
}
