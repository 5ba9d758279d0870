import type { Notification } from '../../../shared/ipc/schemas/bots';

/** Every word of the query appears (any case) in the title, the body or the kind. */
export function matchesNotification(notification: Notification, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = `${notification.title}\n${notification.body}\n${notification.kind ?? ''}`.toLowerCase();
  return words.every((word) => text.includes(word));
}
