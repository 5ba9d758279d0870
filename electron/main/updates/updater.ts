/**
 * Auto-update with electron-updater, opt-in: automatic checks only when the person turned them on;
 * "Check for updates…" checks once when asked. Nothing is downloaded without a yes, and the update
 * is installed on "Restart and install" (after the usual question about running bots) or on the
 * next quit. The decisions and wording live in update-policy.ts.
 */
import type { MessageBoxOptions } from 'electron';
import type { AppUpdater } from 'electron-updater';
import type { MainPreferences } from '../preferences';
import {
  AUTO_CHECK_INTERVAL_MS,
  checksAutomatically,
  chooseFeed,
  notInstalledPrompt,
  updateAvailablePrompt,
  updateErrorPrompt,
  updateReadyPrompt,
  upToDatePrompt,
} from './update-policy';

/** The part of electron-updater's AppUpdater used here (tests drive a stand-in feed through it). */
export type UpdaterPort = Pick<
  AppUpdater,
  'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall' | 'setFeedURL' | 'autoDownload' | 'autoInstallOnAppQuit' | 'logger'
>;

/** First automatic check this long after start, so it never competes with start-up. */
export const FIRST_AUTO_CHECK_DELAY_MS = 60_000;

export interface UpdateControllerDeps {
  /** electron-updater's autoUpdater, loaded on first use (never in a run that does not check). */
  loadUpdater(): Promise<UpdaterPort>;
  preferences(): MainPreferences;
  savePreferences(changes: Partial<MainPreferences>): void;
  packaged: boolean;
  currentVersion: string;
  platform: NodeJS.Platform;
  /** Shows a native dialog; resolves to the index of the button chosen. */
  ask(options: MessageBoxOptions): Promise<number>;
  /** The quit question (running bots); true when quitting may go on. */
  confirmQuit(): Promise<boolean>;
  log(line: string): void;
}

export interface UpdateController {
  /** "Check for updates…": says what it found, including "up to date" and errors. */
  checkNow(): Promise<void>;
  automatic(): boolean;
  /** The menu's "Check for updates automatically" checkbox: saved, and the schedule follows. */
  setAutomatic(on: boolean): void;
  dispose(): void;
}

export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  let updater: Promise<UpdaterPort> | null = null;
  let busy = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** A version declined in this session is not offered again by automatic checks. */
  let declined: string | null = null;
  let disposed = false;

  const getUpdater = (): Promise<UpdaterPort> => {
    updater ??= deps.loadUpdater().then((loaded) => {
      // Asked before downloading; installed on quit once downloaded.
      loaded.autoDownload = false;
      loaded.autoInstallOnAppQuit = true;
      // Into main's log rather than stdout.
      const line = (message: unknown) => deps.log(`updates: ${String(message)}`);
      loaded.logger = { info: line, warn: line, error: line };
      return loaded;
    });
    return updater;
  };

  async function check(manual: boolean): Promise<void> {
    if (busy) {
      deps.log('updates: a check is already running');
      return;
    }
    const feed = chooseFeed(deps.preferences());
    if (feed.kind === 'invalid') {
      deps.log(`updates: not checking: ${feed.reason}`);
      if (manual) await deps.ask(updateErrorPrompt('check', `${feed.reason} (in electron-preferences.json in the data folder).`));
      return;
    }
    busy = true;
    try {
      const loaded = await getUpdater();
      // Set on every check: the preference may have changed since the last one.
      if (feed.kind === 'override') loaded.setFeedURL({ provider: 'generic', url: feed.url });
      let result: Awaited<ReturnType<UpdaterPort['checkForUpdates']>>;
      try {
        result = await loaded.checkForUpdates();
      } catch (err) {
        deps.log(`updates: check failed: ${String(err)}`);
        if (manual) await deps.ask(updateErrorPrompt('check', err instanceof Error ? err.message : String(err)));
        return;
      }
      if (!result) {
        if (manual) await deps.ask(notInstalledPrompt());
        return;
      }
      const { version } = result.updateInfo;
      if (!result.isUpdateAvailable) {
        deps.log(`updates: ${deps.currentVersion} is the latest (feed has ${version})`);
        if (manual) await deps.ask(upToDatePrompt(deps.currentVersion));
        return;
      }
      if (!manual && declined === version) return;
      deps.log(`updates: ${version} is available`);
      if ((await deps.ask(updateAvailablePrompt(result.updateInfo, deps.currentVersion, deps.platform))) !== 0) {
        declined = version;
        return;
      }
      try {
        await loaded.downloadUpdate();
      } catch (err) {
        deps.log(`updates: download failed: ${String(err)}`);
        await deps.ask(updateErrorPrompt('download', err instanceof Error ? err.message : String(err)));
        return;
      }
      if ((await deps.ask(updateReadyPrompt(version))) !== 0) return;
      if (!(await deps.confirmQuit())) return;
      loaded.quitAndInstall();
    } finally {
      busy = false;
    }
  }

  const schedule = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (disposed || !checksAutomatically(deps.preferences(), deps.packaged)) return;
    timer = setTimeout(() => {
      timer = null;
      void check(false)
        .catch((err: unknown) => deps.log(`updates: ${String(err)}`))
        .finally(() => {
          if (!timer) schedule(AUTO_CHECK_INTERVAL_MS);
        });
    }, delay);
  };
  schedule(FIRST_AUTO_CHECK_DELAY_MS);

  return {
    checkNow: () => check(true),
    automatic: () => deps.preferences().autoUpdate,
    setAutomatic(on) {
      deps.savePreferences({ autoUpdate: on });
      deps.log(`updates: automatic checks ${on ? 'on' : 'off'}`);
      schedule(FIRST_AUTO_CHECK_DELAY_MS);
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
