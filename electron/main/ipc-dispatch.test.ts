import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../core/types';
import { appUrlFor } from './app-url';
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import { createIpcDispatcher, type ContentsLike, type FrameLike, type IpcEventLike } from './ipc-dispatch';

const APP_URL = appUrlFor('/app/dist/renderer/index.html');

function fakeCore() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const core = {
    dataDir: '/tmp',
    invoke: vi.fn(async (method: string, input: unknown, ctx: { sessionId: string }) => ({
      ok: true as const,
      value: { method, input, sessionId: ctx.sessionId },
    })),
    subscribe: vi.fn((topic: string, listener: (p: unknown) => void) => {
      const set = listeners.get(topic) ?? new Set();
      set.add(listener);
      listeners.set(topic, set);
      return () => set.delete(listener);
    }),
    endSession: vi.fn(),
    sessionState: vi.fn(() => ({ watchSessions: 0, eventListeners: 0, csvUploads: 0 })),
    close: vi.fn(async () => {}),
  };
  const emit = (topic: string, payload: unknown) => listeners.get(topic)?.forEach((l) => l(payload));
  const count = (topic: string) => listeners.get(topic)?.size ?? 0;
  return { core: core as unknown as Core & typeof core, emit, count };
}

function fakeWindow(id: number, url = APP_URL) {
  const mainFrame: FrameLike = { url, parent: null, routingId: 1, processId: 10 + id };
  const contents = { id, mainFrame, destroyed: false, isDestroyed: () => contents.destroyed, send: vi.fn() };
  const event = (frame: FrameLike | null = mainFrame): IpcEventLike => ({ sender: { id }, senderFrame: frame });
  return { contents: contents as ContentsLike & typeof contents, event };
}

describe('IPC dispatcher', () => {
  it('passes trusted calls to core with a per-window session', async () => {
    const { core } = fakeCore();
    const ipc = createIpcDispatcher(core, APP_URL);
    const a = fakeWindow(1);
    const b = fakeWindow(2);
    ipc.register(a.contents);
    ipc.register(b.contents);
    const ra = await ipc.invoke(a.event(), 'app.info', { x: 1 });
    const rb = await ipc.invoke(b.event(), 'app.info', undefined);
    expect(ra).toMatchObject({ ok: true, value: { method: 'app.info', input: { x: 1 } } });
    const sid = (r: typeof ra) => (r.ok ? (r.value as { sessionId: string }).sessionId : '');
    expect(sid(ra)).not.toBe(sid(rb));
    expect(sid(ra)).toBe(sid(await ipc.invoke(a.event(), 'accounts.list', undefined)));
  });

  it.each([
    ['an unregistered webContents', (w: ReturnType<typeof fakeWindow>) => ({ sender: { id: 99 }, senderFrame: w.contents.mainFrame })],
    ['a missing frame', (w: ReturnType<typeof fakeWindow>) => w.event(null)],
    ['a subframe', (w: ReturnType<typeof fakeWindow>) => w.event({ ...w.contents.mainFrame, parent: w.contents.mainFrame, routingId: 7 })],
    ['a frame of another process', (w: ReturnType<typeof fakeWindow>) => w.event({ ...w.contents.mainFrame, processId: 999 })],
    [
      'a foreign page in the main frame',
      (w: ReturnType<typeof fakeWindow>) => w.event({ ...w.contents.mainFrame, url: 'https://evil.example/' }),
    ],
    ['another local file', (w: ReturnType<typeof fakeWindow>) => w.event({ ...w.contents.mainFrame, url: 'file:///tmp/evil.html' })],
  ])('refuses %s with a permission error and never reaches core', async (_label, makeEvent) => {
    const { core } = fakeCore();
    const ipc = createIpcDispatcher(core, APP_URL);
    const w = fakeWindow(1);
    ipc.register(w.contents);
    const event = makeEvent(w);
    expect(await ipc.invoke(event, 'app.info', undefined)).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(ipc.subscribe(event, 'tickers')).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(ipc.unsubscribe(event, 'tickers')).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(core.invoke).not.toHaveBeenCalled();
    expect(core.subscribe).not.toHaveBeenCalled();
  });

  it('refuses a destroyed window', async () => {
    const { core } = fakeCore();
    const ipc = createIpcDispatcher(core, APP_URL);
    const w = fakeWindow(1);
    ipc.register(w.contents);
    w.contents.destroyed = true;
    expect(await ipc.invoke(w.event(), 'app.info', undefined)).toMatchObject({ ok: false, error: { code: 'permission' } });
  });

  it.each([5, null, '', 'm'.repeat(129), {}])('refuses method %j as invalid_input', async (method) => {
    const { core } = fakeCore();
    const ipc = createIpcDispatcher(core, APP_URL);
    const w = fakeWindow(1);
    ipc.register(w.contents);
    expect(await ipc.invoke(w.event(), method, undefined)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('turns a throwing core into an internal error', async () => {
    const { core } = fakeCore();
    core.invoke.mockRejectedValueOnce(new Error('boom'));
    const ipc = createIpcDispatcher(core, APP_URL);
    const w = fakeWindow(1);
    ipc.register(w.contents);
    expect(await ipc.invoke(w.event(), 'app.info', undefined)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error' },
    });
  });

  it('forwards events of subscribed topics to that window only', () => {
    const { core, emit, count } = fakeCore();
    const ipc = createIpcDispatcher(core, APP_URL);
    const a = fakeWindow(1);
    const b = fakeWindow(2);
    ipc.register(a.contents);
    ipc.register(b.contents);
    expect(ipc.subscribe(a.event(), 'tickers')).toEqual({ ok: true, value: null });
    expect(ipc.subscribe(a.event(), 'tickers')).toEqual({ ok: true, value: null });
    expect(count('tickers')).toBe(1);
    emit('tickers', { tickers: [] });
    expect(a.contents.send).toHaveBeenCalledWith(IPC_CHANNELS.event, 'tickers', { tickers: [] });
    expect(b.contents.send).not.toHaveBeenCalled();

    expect(ipc.unsubscribe(a.event(), 'tickers')).toEqual({ ok: true, value: null });
    expect(count('tickers')).toBe(0);
  });

  it.each(['nope', '__proto__', 'constructor', '', 7, 'x'.repeat(200)])('refuses topic %j', (topic) => {
    const { core } = fakeCore();
    const ipc = createIpcDispatcher(core, APP_URL);
    const w = fakeWindow(1);
    ipc.register(w.contents);
    expect(ipc.subscribe(w.event(), topic)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(ipc.unsubscribe(w.event(), topic)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.subscribe).not.toHaveBeenCalled();
  });

  it('does not send to a destroyed webContents, and cleans up on unregister', () => {
    const { core, emit, count } = fakeCore();
    const ipc = createIpcDispatcher(core, APP_URL);
    const w = fakeWindow(1);
    ipc.register(w.contents);
    ipc.subscribe(w.event(), 'candles');
    ipc.subscribe(w.event(), 'portfolio.changed');
    w.contents.destroyed = true;
    emit('candles', { updates: [] });
    expect(w.contents.send).not.toHaveBeenCalled();
    ipc.unregister(1);
    expect(count('candles') + count('portfolio.changed')).toBe(0);
    expect(core.endSession).toHaveBeenCalledTimes(1);
  });

  it('ends the session again when a call finishes after its window closed', async () => {
    const { core } = fakeCore();
    let finish: () => void = () => {};
    core.invoke.mockImplementationOnce(
      (method, input, ctx) =>
        new Promise((resolve) => {
          finish = () => resolve({ ok: true as const, value: { method, input, sessionId: ctx.sessionId } });
        }),
    );
    const ipc = createIpcDispatcher(core, APP_URL);
    const w = fakeWindow(1);
    ipc.register(w.contents);
    const pending = ipc.invoke(w.event(), 'market.watch', { accountId: 'paper', symbols: [] });
    ipc.unregister(1);
    expect(core.endSession).toHaveBeenCalledTimes(1);
    finish();
    await pending;
    // The late call may have given the dead session a watch set; it is released once more.
    expect(core.endSession).toHaveBeenCalledTimes(2);
    expect(core.endSession.mock.calls[1]).toEqual(core.endSession.mock.calls[0]);
  });

  it('survives a send that throws', () => {
    const { core, emit } = fakeCore();
    const ipc = createIpcDispatcher(core, APP_URL);
    const w = fakeWindow(1);
    w.contents.send.mockImplementation(() => {
      throw new Error('object could not be cloned');
    });
    ipc.register(w.contents);
    ipc.subscribe(w.event(), 'tickers');
    expect(() => emit('tickers', { tickers: [] })).not.toThrow();
  });

  it('dispose ends every session', () => {
    const { core } = fakeCore();
    const ipc = createIpcDispatcher(core, APP_URL);
    ipc.register(fakeWindow(1).contents);
    ipc.register(fakeWindow(2).contents);
    ipc.dispose();
    expect(core.endSession).toHaveBeenCalledTimes(2);
  });
});
