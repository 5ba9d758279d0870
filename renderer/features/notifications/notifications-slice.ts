/**
 * Notifications from core (fills, errors, stops): the centre's list and the toasts on screen.
 * Kept in the store so the top bar's centre and the toasts stack read the same list.
 */
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { SliceCreator } from '../../store/slice';

/** The centre keeps this many; older ones stay in core (`notifications.list`). */
export const NOTIFICATION_KEEP = 200;
/** More toasts than this at once would cover the workspace: the oldest make way. */
export const TOAST_MAX = 4;

export interface NotificationsSlice {
  /** Newest first, one entry per id. */
  notifications: Notification[];
  /** Ids of the notifications shown as toasts, oldest first. */
  toastIds: string[];
  /** How many arrived since the centre was last opened. */
  unreadNotifications: number;
  /** The list read at start-up; events that arrived meanwhile are kept. */
  setNotifications(list: readonly Notification[]): void;
  /** A `notification` event: into the centre and onto the screen as a toast (ignored when already known). */
  pushNotification(notification: Notification): void;
  dismissToast(id: string): void;
  markNotificationsRead(): void;
}

function merge(current: readonly Notification[], incoming: readonly Notification[]): Notification[] {
  const byId = new Map<string, Notification>();
  for (const notification of [...current, ...incoming]) byId.set(notification.id, notification);
  return [...byId.values()].sort((a, b) => b.at - a.at).slice(0, NOTIFICATION_KEEP);
}

export const createNotificationsSlice: SliceCreator<NotificationsSlice> = (set) => ({
  notifications: [],
  toastIds: [],
  unreadNotifications: 0,
  setNotifications: (list) => set((state) => ({ notifications: merge(state.notifications, list) })),
  pushNotification: (notification) =>
    set((state) => {
      if (state.notifications.some((known) => known.id === notification.id)) return state;
      return {
        notifications: merge(state.notifications, [notification]),
        toastIds: [...state.toastIds, notification.id].slice(-TOAST_MAX),
        unreadNotifications: state.unreadNotifications + 1,
      };
    }),
  dismissToast: (id) => set((state) => ({ toastIds: state.toastIds.filter((toastId) => toastId !== id) })),
  markNotificationsRead: () => set({ unreadNotifications: 0 }),
});
