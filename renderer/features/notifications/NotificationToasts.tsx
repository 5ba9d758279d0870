import { useEffect } from 'react';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import { useStore } from '../../store';
import { useNotificationFeed } from './use-notification-feed';
import './notifications.css';

/** How long a toast stays; errors and stops stay longer because they usually need action. */
export const TOAST_MS: Record<Notification['level'], number> = { info: 6000, fill: 6000, warning: 10_000, error: 12_000 };

function Toast({ notification }: { notification: Notification }) {
  const dismiss = useStore((state) => state.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(notification.id), TOAST_MS[notification.level]);
    return () => clearTimeout(timer);
  }, [dismiss, notification.id, notification.level]);
  return (
    <li className={`toast toast--${notification.level}`} data-testid="toast" data-level={notification.level}>
      <div className="toast-text">
        <strong className="toast-title">{notification.title}</strong>
        {notification.body ? <span className="toast-body">{notification.body}</span> : null}
      </div>
      {notification.botId ? (
        <button
          type="button"
          className="toast-open"
          aria-label={`Open the bot: ${notification.title}`}
          onClick={() => {
            const state = useStore.getState();
            state.setWorkspace('bots');
            state.selectBot(notification.botId);
            dismiss(notification.id);
          }}
        >
          Open
        </button>
      ) : null}
      <button type="button" className="toast-close" aria-label={`Dismiss: ${notification.title}`} onClick={() => dismiss(notification.id)}>
        ×
      </button>
    </li>
  );
}

/**
 * In-app toasts for core's notifications (fills, errors, stops). Always shown, so the person sees
 * them even where the OS refuses notifications. The list is a polite live region: screen readers
 * read each new toast once.
 */
export function NotificationToasts() {
  useNotificationFeed();
  const toastIds = useStore((state) => state.toastIds);
  const notifications = useStore((state) => state.notifications);
  const toasts = toastIds
    .map((id) => notifications.find((notification) => notification.id === id))
    .filter((n): n is Notification => n !== undefined);
  return (
    <ol className="toasts" aria-live="polite" aria-label="Notifications" data-testid="toasts">
      {toasts.map((notification) => (
        <Toast key={notification.id} notification={notification} />
      ))}
    </ol>
  );
}
