import { BrowserWindow, dialog } from 'electron';
import type { IpcDispatcher } from './ipc-dispatch';
import { trustWindow } from './ipc';
import { WINDOW_BACKGROUND } from './window-options';

export interface MainWindowOptions {
  preloadPath: string;
  rendererIndex: string;
  /** DevTools only in development: a packaged build has no way to open them (`app.isPackaged`). */
  devTools: boolean;
}

/**
 * The renderer is treated as potentially compromised, so its webPreferences are written out here,
 * literally at the `new BrowserWindow` call, where a reviewer and a scanner (Electronegativity runs
 * in `npm run lint`) see every flag; window.test.ts checks what Electron receives.
 */
export function createMainWindow(options: MainWindowOptions, dispatcher: IpcDispatcher, log: (line: string) => void): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Tradewind',
    // Painted before the renderer's first frame, so a dark UI never flashes white.
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on 'ready-to-show' to avoid an empty frame while the renderer boots.
    show: false,
    // The packaged menu bar (app-menu.ts) stays out of the way until Alt is pressed.
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  trustWindow(win.webContents, dispatcher);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => log(`renderer gone: ${details.reason}`));
  // The renderer refuses to unload while a strategy has unsaved edits; Electron shows no prompt of its own.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Discard changes and leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'The open strategy has unsaved changes.',
      detail: 'Leaving now discards them. Stay to save them first.',
    });
    // preventDefault here overrides the renderer's refusal: the window unloads.
    if (choice === 0) event.preventDefault();
  });
  win.loadFile(options.rendererIndex).catch((err: unknown) => {
    log(`cannot load ${options.rendererIndex}: ${String(err)} (run \`npm run build\` first)`);
    win.show();
  });
  return win;
}
