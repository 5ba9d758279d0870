import type { IpcMain, WebContents } from 'electron';
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import type { IpcDispatcher } from './ipc-dispatch';

/** The whole IPC surface: three handled channels, plus events pushed on IPC_CHANNELS.event. */
export function bindIpc(ipcMain: IpcMain, dispatcher: IpcDispatcher): () => void {
  ipcMain.handle(IPC_CHANNELS.invoke, (event, method: unknown, input: unknown) => dispatcher.invoke(event, method, input));
  ipcMain.handle(IPC_CHANNELS.sub, (event, topic: unknown) => dispatcher.subscribe(event, topic));
  ipcMain.handle(IPC_CHANNELS.unsub, (event, topic: unknown) => dispatcher.unsubscribe(event, topic));
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.invoke);
    ipcMain.removeHandler(IPC_CHANNELS.sub);
    ipcMain.removeHandler(IPC_CHANNELS.unsub);
  };
}

/** Trusts a window's main frame for as long as its webContents lives. */
export function trustWindow(contents: WebContents, dispatcher: IpcDispatcher): void {
  const id = contents.id;
  dispatcher.register(contents);
  contents.once('destroyed', () => dispatcher.unregister(id));
}
