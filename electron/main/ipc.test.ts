import { EventEmitter } from 'node:events';
import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import { bindIpc, trustWindow } from './ipc';
import type { IpcDispatcher } from './ipc-dispatch';

function fakeDispatcher(): IpcDispatcher & Record<string, ReturnType<typeof vi.fn>> {
  return {
    register: vi.fn(),
    unregister: vi.fn(),
    invoke: vi.fn(async () => ({ ok: true as const, value: 'invoked' })),
    subscribe: vi.fn(() => ({ ok: true as const, value: null })),
    unsubscribe: vi.fn(() => ({ ok: true as const, value: null })),
    dispose: vi.fn(),
  };
}

describe('bindIpc', () => {
  it('handles exactly the three request channels and routes them to the dispatcher', async () => {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: (channel: string, h: (...args: unknown[]) => unknown) => handlers.set(channel, h),
      removeHandler: (channel: string) => handlers.delete(channel),
    };
    const dispatcher = fakeDispatcher();
    const unbind = bindIpc(ipcMain as unknown as IpcMain, dispatcher);
    expect([...handlers.keys()].sort()).toEqual([IPC_CHANNELS.invoke, IPC_CHANNELS.sub, IPC_CHANNELS.unsub].sort());

    const event = { sender: { id: 1 }, senderFrame: null };
    expect(await handlers.get(IPC_CHANNELS.invoke)?.(event, 'app.info', { a: 1 })).toEqual({ ok: true, value: 'invoked' });
    expect(dispatcher.invoke).toHaveBeenCalledWith(event, 'app.info', { a: 1 });
    handlers.get(IPC_CHANNELS.sub)?.(event, 'tickers');
    handlers.get(IPC_CHANNELS.unsub)?.(event, 'tickers');
    expect(dispatcher.subscribe).toHaveBeenCalledWith(event, 'tickers');
    expect(dispatcher.unsubscribe).toHaveBeenCalledWith(event, 'tickers');

    unbind();
    expect(handlers.size).toBe(0);
  });
});

describe('trustWindow', () => {
  it('registers the webContents and unregisters it once destroyed', () => {
    const contents = Object.assign(new EventEmitter(), { id: 7 });
    const dispatcher = fakeDispatcher();
    trustWindow(contents as unknown as WebContents, dispatcher);
    expect(dispatcher.register).toHaveBeenCalledWith(contents);
    contents.emit('destroyed');
    expect(dispatcher.unregister).toHaveBeenCalledWith(7);
  });
});
