import { useEffect, useState } from 'react';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useHostCode } from '../trust/use-host-code';

/**
 * Per live account: ask before each order is sent (on by default in core). Turning it OFF is
 * confirmed by the host (native dialog, or the code the headless host printed), not here.
 */
export function LiveConfirmToggle({ accountId, onChange }: { accountId: string; onChange: () => void }) {
  const client = useRpcClient();
  const [state, setState] = useState<{ accountId: string; confirm: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hostCode = useHostCode();

  useEffect(() => {
    let cancelled = false;
    client.call('orders.settings', { accountId }).then(
      (settings) => {
        if (!cancelled) setState({ accountId, confirm: settings.confirmOrders });
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, accountId]);

  const current = state?.accountId === accountId ? state.confirm : null;
  const toggle = (confirmOrders: boolean) => {
    setBusy(true);
    setError(null);
    hostCode
      .run((confirmationCode) =>
        client.call('orders.updateSettings', { accountId, confirmOrders, ...(confirmationCode ? { confirmationCode } : {}) }),
      )
      .then(
        (settings) => {
          setState({ accountId, confirm: settings.confirmOrders });
          setBusy(false);
          onChange();
        },
        (failure: unknown) => {
          setError(describeError(failure));
          setBusy(false);
        },
      );
  };

  return (
    <div className="ticket-live-confirm">
      <label className="choice">
        <input
          type="checkbox"
          checked={current ?? true}
          disabled={current === null || busy}
          onChange={(event) => toggle(event.target.checked)}
        />
        Confirm live orders
      </label>
      {hostCode.field}
      {error ? (
        <p className="ticket-issue" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
