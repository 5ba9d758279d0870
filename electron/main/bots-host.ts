/**
 * The Electron host's side of bots: OS notifications, the tray (show, kill switch, the "keep bots
 * running" preference, quit), hiding the window to the tray on close, and the question before
 * quitting with live bots. The decisions live in close-policy.ts; this file applies them.
 */
import { Menu, Notification, Tray, dialog, type BrowserWindow } from 'electron';
import type { KillSwitchSummary } from '../../shared/ipc/schemas/bots';
import type { Core } from '../core/types';
import { MAIN_SESSION, trackBotCensus } from './bot-census';
import { decideOnClose, keepRunningPrompt, killSwitchPrompt, killSwitchReport, quitPrompt } from './close-policy';
import { bindOsNotifications, type OsNotifier } from './os-notifications';
import { loadPreferences, preferencesFile, savePreferences, type MainPreferences } from './preferences';
import { trayIcon } from './tray-icon';
import { trayMenuTemplate, trayStatus } from './tray-menu';

export interface BotsHost {
  /** Routes the window's close through the tray preference. */
  attachWindow(win: BrowserWindow): void;
  /** True when quitting may go on: no live bot runs, or the person confirmed. */
  confirmQuit(): Promise<boolean>;
  /** The app is really quitting: windows close without asking. */
  markQuitting(): void;
  dispose(): void;
}

interface BotsHostOptions {
  core: Core;
  /** Shows (or re-creates) the main window. */
  showWindow(): void;
  /** Quits the app (through the quit confirmation). */
  quit(): void;
  log(line: string): void;
}

/** Electron's Notification behind the structural interface; kept referenced until closed so click handlers survive GC. */
function electronNotifier(): OsNotifier {
  const alive = new Set<Notification>();
  return {
    isSupported: () => Notification.isSupported(),
    show({ title, body, urgent }, onClick) {
      const note = new Notification({ title, body, urgency: urgent ? 'critical' : 'normal' });
      alive.add(note);
      note.on('click', onClick);
      note.on('close', () => alive.delete(note));
      note.show();
    },
  };
}

export function installBotsHost({ core, showWindow, quit, log }: BotsHostOptions): BotsHost {
  const file = preferencesFile(core.dataDir);
  let preferences: MainPreferences = loadPreferences(file, log);
  let quitting = false;
  let hintShown = false;
  const census = trackBotCensus(core, log);
  const notifier = electronNotifier();

  const setPreferences = (changes: Partial<MainPreferences>) => {
    preferences = { ...preferences, ...changes };
    try {
      // Merged into the file as it is now: the update menu keeps its own preferences there too.
      preferences = savePreferences(file, changes, log);
    } catch (err) {
      log(`preferences: cannot save ${file}: ${String(err)}`);
    }
    refreshTray();
  };

  // Without a tray the window must never hide (nothing could bring it back but a second launch).
  let tray: Tray | null = null;
  try {
    tray = new Tray(trayIcon());
    tray.on('click', () => showWindow());
  } catch (err) {
    log(`tray: cannot create the tray icon (${String(err)}); closing the window will not hide it`);
  }
  function refreshTray(): void {
    if (!tray) return;
    const current = census.current();
    tray.setToolTip(`Tradewind · ${trayStatus(current)}`);
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(
          { census: current, keepBotsInTray: preferences.keepBotsInTray === true },
          {
            show: showWindow,
            quit,
            killSwitch: () => void runKillSwitch(),
            setKeepBotsInTray: (keep) => setPreferences({ keepBotsInTray: keep }),
          },
        ),
      ),
    );
  }
  refreshTray();
  const offCensus = census.onChange(refreshTray);
  void census.refresh();

  const offNotifications = bindOsNotifications(core, notifier, () => showWindow(), log);

  async function runKillSwitch(): Promise<void> {
    const { response } = await dialog.showMessageBox(killSwitchPrompt(await census.refresh()));
    if (response !== 0) return;
    const reply = await core.invoke('bots.killSwitch', undefined, { sessionId: MAIN_SESSION });
    await dialog.showMessageBox(killSwitchReport(reply.ok ? { ok: true, value: reply.value as KillSwitchSummary } : reply));
    await census.refresh();
  }

  const hideToTray = (win: BrowserWindow) => {
    win.hide();
    if (hintShown || !notifier.isSupported()) return;
    hintShown = true;
    notifier.show(
      { title: 'Tradewind is still running', body: 'Bots keep trading. Open Tradewind or quit it from the tray icon.', urgent: false },
      showWindow,
    );
  };

  return {
    attachWindow(win) {
      win.on('close', (event) => {
        if (quitting) return;
        const decision = decideOnClose(tray ? preferences.keepBotsInTray : false, census.current());
        if (decision === 'close') {
          // Closing the last window quits (except on macOS): with live bots, quit through the
          // confirmation while the window is still there, so Cancel leaves everything as it was.
          if (process.platform !== 'darwin' && census.current().live > 0) {
            event.preventDefault();
            quit();
          }
          return;
        }
        event.preventDefault();
        if (decision === 'hide') {
          hideToTray(win);
          return;
        }
        void dialog.showMessageBox(win, keepRunningPrompt(census.current())).then(({ response, checkboxChecked }) => {
          const keep = response === 0;
          if (checkboxChecked) setPreferences({ keepBotsInTray: keep });
          if (keep) hideToTray(win);
          else quit();
        });
      });
    },
    async confirmQuit() {
      const prompt = quitPrompt(await census.refresh());
      if (!prompt) return true;
      const { response } = await dialog.showMessageBox(prompt);
      return response === 0;
    },
    markQuitting() {
      quitting = true;
    },
    dispose() {
      offCensus();
      offNotifications();
      census.dispose();
      tray?.destroy();
    },
  };
}
