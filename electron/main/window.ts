import { BrowserWindow } from 'electron';
import type { IpcDispatcher } from './ipc-dispatch';
import { trustWindow } from './ipc';
import { createWindowOptions } from './window-options';

export function createMainWindow(
  preloadPath: string,
  rendererIndex: string,
  dispatcher: IpcDispatcher,
  log: (line: string) => void,
): BrowserWindow {
  const win = new BrowserWindow(createWindowOptions(preloadPath));
  trustWindow(win.webContents, dispatcher);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => log(`renderer gone: ${details.reason}`));
  win.loadFile(rendererIndex).catch((err: unknown) => {
    log(`cannot load ${rendererIndex}: ${String(err)} (run \`npm run build\` first)`);
    win.show();
  });
  return win;
}
