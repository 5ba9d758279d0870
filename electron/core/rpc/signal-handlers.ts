import type { signalMethods } from '../../../shared/ipc/schemas/signals';
import type { SignalService } from '../signals/signal-service';
import type { Handlers } from './dispatch';

type SignalHandlers = Pick<Handlers, keyof typeof signalMethods>;

/** Signal sources, the listener switch and the signal log; a source's secret is in create/rotate answers only. */
export function createSignalHandlers(signals: SignalService): SignalHandlers {
  return {
    'signals.settings': () => signals.settings(),
    'signals.setSettings': (patch) => signals.setSettings(patch),
    'signals.sources.list': () => signals.list(),
    'signals.sources.create': (input) => signals.create(input),
    'signals.sources.rotate': ({ id }) => signals.rotate(id),
    'signals.sources.setEnabled': ({ id, enabled }) => signals.setEnabled(id, enabled),
    'signals.sources.delete': ({ id }) => signals.delete(id),
    'signals.log': (input) => signals.log(input?.limit ?? 100, input?.sourceId),
  };
}
