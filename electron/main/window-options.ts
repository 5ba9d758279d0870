import type { BrowserWindowConstructorOptions } from 'electron';

/** Painted before the renderer's first frame, so a dark UI never flashes white. */
export const WINDOW_BACKGROUND = '#0b0e11';

/**
 * Options of every Tradewind window. Pure and electron-free at runtime so the hardening flags are
 * unit-tested rather than trusted: the renderer is treated as potentially compromised.
 */
export function createWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Tradewind',
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on 'ready-to-show' to avoid an empty frame while the renderer boots.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
