import type { copyMethods } from '../../../shared/ipc/schemas/copy';
import type { copyStatsMethods } from '../../../shared/ipc/schemas/copy-stats';
import type { CopyService } from '../copy/copy-service';
import type { Handlers } from './dispatch';

type CopyHandlers = Pick<Handlers, keyof typeof copyMethods | keyof typeof copyStatsMethods>;

/** Follow links, their positions and the copy log (copy/). */
export function createCopyHandlers(copy: CopyService): CopyHandlers {
  return {
    'copy.links.list': () => copy.list(),
    'copy.links.create': ({ confirmationCode, ...input }) => copy.create(input, confirmationCode),
    'copy.links.update': ({ id, name, rules, confirmationCode }) => copy.update(id, name, rules, confirmationCode),
    'copy.links.setStatus': ({ id, status, confirmationCode }) => copy.setStatus(id, status, confirmationCode),
    'copy.links.delete': async ({ id }) => ({ deleted: await copy.delete(id) }),
    'copy.positions.close': ({ id, symbol }) => copy.closePosition(id, symbol),
    'copy.links.closeAll': ({ id }) => copy.closeAll(id),
    'copy.log': (input) => copy.log(input?.limit ?? 100, input?.linkId),
    'copy.stats': ({ id, period }) => copy.stats(id, period),
  };
}
