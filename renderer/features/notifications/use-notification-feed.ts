import { useEffect } from 'react';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';

/** How many past notifications the centre shows after start-up. */
export const NOTIFICATION_HISTORY = 100;

/**
 * Feeds the store: past notifications from `notifications.list` (on mount and after a reconnect,
 * never as toasts) and every `notification` event as it comes (into the centre and as a toast).
 */
export function useNotificationFeed(): void {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  useEffect(() => {
    let cancelled = false;
    client.call('notifications.list', { limit: NOTIFICATION_HISTORY }).then(
      (list) => {
        if (!cancelled) useStore.getState().setNotifications(list);
      },
      (error: unknown) => console.warn(`Reading notifications failed: ${describeError(error)}`),
    );
    return () => {
      cancelled = true;
    };
  }, [client, epoch]);
  useRpcEvent('notification', (notification) => useStore.getState().pushNotification(notification));
}
