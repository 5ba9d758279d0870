import { useEffect, useId, useState } from 'react';
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/ipc/schemas/alerts';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';

/**
 * One switch per kind of event: a muted kind is not stored or sent anywhere (in-app, OS, Telegram,
 * webhook, e-mail) until unmuted. Storage and backup problems cannot be muted.
 */
export function NotificationMutes() {
  const client = useRpcClient();
  const headingId = useId();
  const [muted, setMuted] = useState<ReadonlySet<NotificationKind> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    client.call('notifications.mutes', undefined).then(
      (answer) => {
        if (!cancelled) setMuted(new Set(answer.muted));
      },
      (failure: unknown) => {
        if (!cancelled) setError(`Could not read the muted kinds: ${describeError(failure)}`);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client]);
  const toggle = (kind: NotificationKind, mute: boolean) =>
    client.call('notifications.setMuted', { kind, muted: mute }).then(
      (answer) => {
        setMuted(new Set(answer.muted));
        setError(null);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  return (
    <details className="notification-mutes">
      <summary id={headingId}>Mute kinds of notification{muted && muted.size > 0 ? ` (${muted.size} muted)` : ''}</summary>
      {error ? (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      ) : null}
      {muted === null ? null : (
        <ul className="notification-mute-list" aria-labelledby={headingId}>
          {NOTIFICATION_KINDS.map((kind) => (
            <li key={kind}>
              <label className="choice">
                <input type="checkbox" checked={muted.has(kind)} onChange={(event) => void toggle(kind, event.target.checked)} />
                Mute {NOTIFICATION_KIND_LABELS[kind].toLowerCase()}
              </label>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
