import type { layoutMethods } from '../../../shared/ipc/schemas/layouts';
import type { LayoutStore } from '../workspace/layout-store';
import type { Handlers } from './dispatch';

type LayoutHandlers = Pick<Handlers, keyof typeof layoutMethods>;

/** The docking workspace's layouts (inputs already checked against the contract). */
export function createLayoutHandlers(layouts: LayoutStore): LayoutHandlers {
  return {
    'layouts.get': () => layouts.get(),
    'layouts.saveCurrent': ({ layout }) => {
      layouts.saveCurrent(layout);
      return { saved: true as const };
    },
    'layouts.saveNamed': ({ name, layout }) => layouts.saveNamed(name, layout),
    'layouts.deleteNamed': ({ name }) => layouts.deleteNamed(name),
  };
}
