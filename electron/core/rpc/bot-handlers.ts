import type { botMethods } from '../../../shared/ipc/schemas/bots';
import type { BotRuntime } from '../bots/bot-runtime';
import type { Handlers } from './dispatch';

type BotHandlers = Pick<Handlers, keyof typeof botMethods>;

/** Bots, their guards, the kill switch, the reconciliation report and notifications over the contract; thin calls into the runtime. */
export function createBotHandlers(bots: BotRuntime): BotHandlers {
  return {
    'bots.list': () => bots.list(),
    'bots.get': ({ id, events }) => bots.get(id, events),
    'bots.validate': ({ input }) => bots.validate(input),
    'bots.create': (input) => bots.create(input),
    'bots.update': ({ id, input }) => bots.update(id, input),
    'bots.start': ({ id, confirmed }) => bots.start(id, confirmed),
    'bots.pause': ({ id }) => bots.pause(id),
    'bots.stop': ({ id }) => bots.stop(id),
    'bots.duplicate': ({ id, name }) => bots.duplicate(id, name),
    'bots.delete': ({ id }) => bots.delete(id),
    'bots.killSwitch': () => bots.killSwitch(),
    'bots.reconciliation': () => bots.reconciliation(),
    'bots.resolveOrphan': ({ accountId, clientOrderId, action }) => bots.resolveOrphan(accountId, clientOrderId, action),
    'bots.circuits': () => bots.circuitStates(),
    'notifications.list': (input) => bots.notifications(input?.limit),
  };
}
