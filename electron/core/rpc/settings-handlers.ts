import { TradewindError } from '../../../shared/ipc/errors';
import type { settingsMethods } from '../../../shared/ipc/schemas/settings';
import type { SettingsService } from '../settings/settings-service';
import type { Handlers } from './dispatch';

type SettingsHandlers = Pick<Handlers, keyof typeof settingsMethods>;

/** The app's settings document (values already checked against the contract) and the paper reset. */
export function createSettingsHandlers(deps: {
  settings: SettingsService;
  resetPaper: (startingBalance: number) => Promise<{ startingBalance: number; asset: string; cancelledOrders: number }>;
  dataDir: string;
  /** The host's way to show a folder (Electron: shell.openPath, '' or an error text); none on the headless host. */
  openFolder?: ((dir: string) => Promise<string>) | undefined;
  log: (line: string) => void;
}): SettingsHandlers {
  return {
    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => deps.settings.update(patch),
    'settings.resetPaper': ({ startingBalance }) => deps.resetPaper(startingBalance),
    'settings.openDataFolder': async () => {
      if (!deps.openFolder) {
        deps.log(`the data folder is ${deps.dataDir}`);
        return { dir: deps.dataDir, opened: false };
      }
      const failure = await deps.openFolder(deps.dataDir);
      if (failure) throw new TradewindError('unavailable', `Could not open ${deps.dataDir}: ${failure}. Open it in your file manager.`);
      return { dir: deps.dataDir, opened: true };
    },
  };
}
