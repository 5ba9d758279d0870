import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { WINDOW_BACKGROUND } from './window-options';

/** The blank page a detached dock panel opens in, next to index.html in the renderer build. */
export const POPOUT_PAGE = 'popout.html';

export function popoutUrlFor(rendererIndex: string): string {
  return pathToFileURL(join(dirname(rendererIndex), POPOUT_PAGE)).href;
}

/**
 * A detached panel's window: the main window's webPreferences flag for flag (window.ts), written
 * out here for the same reviewer and scanner. It gets no preload: the page runs no code of its
 * own (the opener moves the panel's elements into it), and IPC trusts only the main window.
 */
export function popoutWindowOptions(devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 720,
    height: 520,
    minWidth: 320,
    minHeight: 240,
    title: 'Tradewind',
    backgroundColor: WINDOW_BACKGROUND,
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  };
}
