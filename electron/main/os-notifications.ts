/**
 * Core's notifications (fills, errors, stops) as OS notifications, where the OS lets us. Where it
 * does not, nothing is lost: the renderer shows every notification as an in-app toast anyway.
 */
import type { Notification as TradewindNotification } from '../../shared/ipc/schemas/bots';
import type { Core } from '../core/types';

/** What main needs from Electron's Notification class (structural, so it is tested without Electron). */
export interface OsNotifier {
  isSupported(): boolean;
  show(notification: { title: string; body: string; urgent: boolean }, onClick: () => void): void;
}

export function bindOsNotifications(
  core: Pick<Core, 'subscribe'>,
  notifier: OsNotifier,
  onClick: (notification: TradewindNotification) => void,
  log: (line: string) => void,
): () => void {
  const supported = notifier.isSupported();
  if (!supported) log('notifications: the OS does not support notifications here; the app shows them in-app only');
  return core.subscribe('notification', (notification) => {
    if (!supported) return;
    try {
      notifier.show({ title: notification.title, body: notification.body, urgent: notification.level === 'error' }, () =>
        onClick(notification),
      );
    } catch (err) {
      log(`notifications: could not show "${notification.title}": ${String(err)}`);
    }
  });
}
