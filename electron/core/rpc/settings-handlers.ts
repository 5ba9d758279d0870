import type { settingsMethods } from '../../../shared/ipc/schemas/settings';
import type { SettingsService } from '../settings/settings-service';
import type { Handlers } from './dispatch';

type SettingsHandlers = Pick<Handlers, keyof typeof settingsMethods>;

/** The app's settings document (values already checked against the contract) and the paper reset. */
export function createSettingsHandlers(deps: {
  settings: SettingsService;
  resetPaper: (startingBalance: number) => Promise<{ startingBalance: number; asset: string; cancelledOrders: number }>;
}): SettingsHandlers {
  return {
    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => deps.settings.update(patch),
    'settings.resetPaper': ({ startingBalance }) => deps.resetPaper(startingBalance),
  };
}
