/** The app's identity towards the OS. Must equal `appId` in electron-builder.yml (packaging.test.ts). */
export const APP_ID = 'app.tradewind.terminal';

/**
 * Windows shows an app's toast notifications only under an AppUserModelID that a Start-menu
 * shortcut carries. The installer's shortcut carries APP_ID; run from source (`npm start`) there is
 * no such shortcut, and Electron's own executable path is the ID Windows can attribute.
 */
export function windowsAppUserModelId(isPackaged: boolean, execPath: string): string {
  return isPackaged ? APP_ID : execPath;
}
