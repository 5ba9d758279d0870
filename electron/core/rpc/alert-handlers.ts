import type { alertMethods } from '../../../shared/ipc/schemas/alerts';
import type { AlertService } from '../alerts/alert-service';
import type { NotificationMutes } from '../alerts/notification-mutes';
import type { Handlers } from './dispatch';

type AlertHandlers = Pick<Handlers, keyof typeof alertMethods>;

/** Alert rules and the notification centre's per-kind mutes; thin calls into the alerts service. */
export function createAlertHandlers(deps: { alerts: AlertService; mutes: NotificationMutes }): AlertHandlers {
  const { alerts, mutes } = deps;
  return {
    'alerts.list': () => alerts.list(),
    'alerts.create': (input) => alerts.create(input),
    'alerts.update': ({ id, input }) => alerts.update(id, input),
    'alerts.setEnabled': ({ id, enabled }) => alerts.setEnabled(id, enabled),
    'alerts.delete': ({ id }) => alerts.delete(id),
    'alerts.history': (input) => alerts.history(input?.id, input?.limit),
    'notifications.mutes': () => ({ muted: mutes.list() }),
    'notifications.setMuted': ({ kind, muted }) => ({ muted: mutes.set(kind, muted) }),
  };
}
