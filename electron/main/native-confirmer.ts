/**
 * The desktop app's trusted confirmation: a native message box from the main process, modal to
 * the window. The renderer can ask core for a weakening action, but only the person clicking
 * "Allow" in this dialog (which no page script can reach or fake) lets core do it.
 */
import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import type { TrustedConfirmer, TrustedRequest, TrustedVerdict } from '../core/trust/trusted-confirmer';

/** The slice of Electron's `dialog` this needs (the fake Electron in tests has the same shape). */
export interface MessageBoxHost {
  showMessageBox(window: BrowserWindow, options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
  showMessageBox(options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
}

const ALLOW = 1;

export function nativeDialogOptions(request: TrustedRequest): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Tradewind — confirm',
    message: `${request.title}?`,
    detail: `${request.detail}.\n\nAllow this only if you asked for it in Tradewind just now.`,
    buttons: ['Cancel', 'Allow'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

export function createNativeConfirmer(deps: { dialog: MessageBoxHost; window: () => BrowserWindow | null }): TrustedConfirmer {
  return {
    async confirm(request: TrustedRequest): Promise<TrustedVerdict> {
      const options = nativeDialogOptions(request);
      const window = deps.window();
      const { response } =
        window && !window.isDestroyed() ? await deps.dialog.showMessageBox(window, options) : await deps.dialog.showMessageBox(options);
      if (response === ALLOW) return { approved: true, how: "in the desktop app's native dialog" };
      return {
        approved: false,
        code: 'confirmation_denied',
        message: `${request.title} was cancelled in Tradewind's confirmation dialog, so it was not done.`,
      };
    },
  };
}
