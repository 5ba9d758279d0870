import type { botMethods } from '../../../shared/ipc/schemas/bots';
import type { AuditLog } from '../audit/audit-log';
import type { BotRuntime } from '../bots/bot-runtime';
import { decodeCursor, encodeCursor } from '../../../shared/ipc/schemas/paging';
import type { Handlers } from './dispatch';
import { keysetPage, rowsToRead } from './keyset-page';

type BotHandlers = Pick<Handlers, keyof typeof botMethods>;

/** Bots, their guards, the kill switch, the reconciliation report and notifications over the contract; thin calls into the runtime. */
export function createBotHandlers(bots: BotRuntime, audit: AuditLog, afterKillSwitch: () => void = () => {}): BotHandlers {
  return {
    'bots.list': () => bots.list(),
    'bots.get': ({ id, events }) => bots.get(id, events),
    'bots.events': ({ id, limit, cursor }) => {
      const rows = bots.eventLog(id, rowsToRead(limit), cursor === undefined ? undefined : decodeCursor('botEvents', cursor).id);
      return keysetPage(
        rows,
        limit,
        (e) => e,
        (e) => encodeCursor('botEvents', { time: 0, id: e.seq }),
      );
    },
    'bots.validate': ({ input }) => bots.validate(input),
    'bots.create': (input) => bots.create(input),
    'bots.update': async ({ id, input }) => {
      const view = await bots.update(id, input);
      const { capitalCap, maxOpenOrders, maxDailyLoss } = view.risk;
      audit.append(
        'settings.changed',
        `Bot "${view.name}" (${view.mode}, ${view.symbol}) settings saved: ${view.config.kind} settings, capital cap ${capitalCap}, max open orders ${maxOpenOrders}, max daily loss ${maxDailyLoss ?? 'none'}`,
        view.accountId,
      );
      return view;
    },
    'bots.start': ({ id, confirmed, confirmationCode }) => bots.start(id, confirmed, confirmationCode),
    'bots.pause': ({ id }) => bots.pause(id),
    'bots.stop': ({ id, holdings }) => bots.stop(id, 'manual', undefined, holdings),
    'bots.duplicate': ({ id, name }) => bots.duplicate(id, name),
    'bots.delete': ({ id }) => bots.delete(id),
    'bots.killSwitch': async () => {
      const summary = await bots.killSwitch();
      afterKillSwitch();
      return summary;
    },
    'bots.reconciliation': () => bots.reconciliation(),
    'bots.resolveOrphan': ({ accountId, clientOrderId, action }) => bots.resolveOrphan(accountId, clientOrderId, action),
    'bots.circuits': () => bots.circuitStates(),
    'notifications.list': (input) => bots.notifications(input?.limit),
  };
}
