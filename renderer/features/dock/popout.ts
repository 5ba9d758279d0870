import type { DockviewApi, IDockviewPanel } from 'dockview';

/**
 * The page a detached panel opens in: a blank same-origin page (renderer/popout.html) that
 * dockview moves the panel's group into. In Electron, main allows exactly this URL to open a
 * window (with the main window's hardening); every other window.open stays denied.
 */
export const POPOUT_PATH = 'popout.html';

export function popoutUrl(): string {
  return new URL(POPOUT_PATH, window.location.href).pathname;
}

/** Detaches the panel into its own window; false when the window could not be opened (blocked). */
export function popOut(api: DockviewApi, panel: IDockviewPanel): Promise<boolean> {
  return api.addPopoutGroup(panel, { popoutUrl: popoutUrl() });
}
