import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import { createBridge, type IpcPort } from './bridge';

function fakeIpc() {
  let onEvent: ((event: unknown, ...args: unknown[]) => void) | null = null;
  const port = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]): Promise<unknown> => ({ ok: true, value: { channel, args } })),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      if (channel === IPC_CHANNELS.event) onEvent = listener;
    }),
  };
  const push = (topic: unknown, payload: unknown) => onEvent?.({ sender: 'SECRET-SENDER', senderId: 0 }, topic, payload);
  return { port: port as IpcPort & typeof port, push };
}

describe('preload bridge', () => {
  it('exposes exactly invoke and subscribe', () => {
    const bridge = createBridge(fakeIpc().port);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('invokes over the invoke channel and returns the envelope', async () => {
    const { port } = fakeIpc();
    const bridge = createBridge(port);
    expect(await bridge.invoke('app.info', { a: 1 })).toEqual({
      ok: true,
      value: { channel: IPC_CHANNELS.invoke, args: ['app.info', { a: 1 }] },
    });
  });

  it.each([5, '', 'm'.repeat(129), null, {}])('refuses method %j without sending', async (method) => {
    const { port } = fakeIpc();
    const bridge = createBridge(port);
    expect(await bridge.invoke(method as string, undefined)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(port.invoke).not.toHaveBeenCalled();
  });

  it('maps unclonable input and transport failures to envelopes', async () => {
    const { port } = fakeIpc();
    const bridge = createBridge(port, () => {});
    port.invoke.mockImplementationOnce(() => {
      throw new Error('An object could not be cloned.');
    });
    expect(await bridge.invoke('app.info', { f: () => 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    port.invoke.mockRejectedValueOnce(new Error('no handler'));
    expect(await bridge.invoke('app.info', undefined)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers only the payload, never the IPC event', () => {
    const { port, push } = fakeIpc();
    const bridge = createBridge(port);
    const seen: unknown[][] = [];
    bridge.subscribe('tickers', (...args: unknown[]) => seen.push(args));
    push('tickers', { tickers: [1] });
    push('candles', { updates: [] });
    push(42, 'junk');
    expect(seen).toEqual([[{ tickers: [1] }]]);
  });

  it('subscribes a topic once in main, and unsubscribes after the last listener', () => {
    const { port, push } = fakeIpc();
    const bridge = createBridge(port);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.subscribe('tickers', a);
    const offB = bridge.subscribe('tickers', b);
    const offA2 = bridge.subscribe('tickers', a);
    expect(port.invoke.mock.calls).toEqual([[IPC_CHANNELS.sub, 'tickers']]);
    push('tickers', 1);
    expect(a).toHaveBeenCalledTimes(2);
    expect(b).toHaveBeenCalledTimes(1);
    offA();
    offA();
    offB();
    expect(port.invoke).toHaveBeenCalledTimes(1);
    offA2();
    expect(port.invoke.mock.calls.at(-1)).toEqual([IPC_CHANNELS.unsub, 'tickers']);
    push('tickers', 2);
    expect(a).toHaveBeenCalledTimes(2);
  });

  it('keeps delivering when one listener throws', () => {
    const { port, push } = fakeIpc();
    const report = vi.fn();
    const bridge = createBridge(port, report);
    const good = vi.fn();
    bridge.subscribe('tickers', () => {
      throw new Error('panel bug');
    });
    bridge.subscribe('tickers', good);
    push('tickers', 1);
    expect(good).toHaveBeenCalledWith(1);
    expect(report).toHaveBeenCalled();
  });

  it('reports a refused subscription', async () => {
    const { port } = fakeIpc();
    port.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'invalid_input', message: "unknown topic 'x'" } });
    const reported = new Promise<string>((resolve) => createBridge(port, resolve).subscribe('x', () => {}));
    expect(await reported).toContain("unknown topic 'x'");
  });

  it('rejects bad topics and listeners synchronously', () => {
    const bridge = createBridge(fakeIpc().port);
    expect(() => bridge.subscribe('', () => {})).toThrow(TypeError);
    expect(() => bridge.subscribe('t'.repeat(129), () => {})).toThrow(TypeError);
    expect(() => bridge.subscribe('tickers', 'nope' as never)).toThrow(TypeError);
  });
});
