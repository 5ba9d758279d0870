import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WatchLoop, type WatchLoopState } from './watch-loop';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A watch function scripted by the test: each call waits for the test to settle it. */
function scriptedWatch() {
  const calls: Array<{ resolve: (v: number) => void; reject: (e: Error) => void }> = [];
  const watch = () => new Promise<number>((resolve, reject) => calls.push({ resolve, reject }));
  return { calls, watch };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('WatchLoop', () => {
  it('hands on every resolution, backs off exponentially up to the cap after failures, and resets after a success', async () => {
    const { calls, watch } = scriptedWatch();
    const data: number[] = [];
    const states: WatchLoopState[] = [];
    const loop = new WatchLoop<number>({
      watch,
      onData: (d) => data.push(d),
      onState: (l) => states.push(l.state),
      backoff: { initialMs: 100, maxMs: 300 },
    });
    await flush();
    calls[0]!.resolve(1);
    await flush();
    expect(data).toEqual([1]);
    expect(loop.state).toBe('streaming');
    expect(loop.failing).toBe(false);

    const retryDelays: number[] = [];
    for (let failure = 0; failure < 4; failure++) {
      const before = Date.now();
      calls.at(-1)!.reject(new Error(`socket closed ${failure}`));
      await flush();
      expect(loop.state).toBe('backoff');
      expect(loop.lastError).toBe(`socket closed ${failure}`);
      retryDelays.push(loop.retryAt - before);
      const callsBefore = calls.length;
      await vi.advanceTimersByTimeAsync(loop.retryAt - before - 1);
      expect(calls.length).toBe(callsBefore); // not a moment early
      await vi.advanceTimersByTimeAsync(1);
      expect(calls.length).toBe(callsBefore + 1);
      expect(loop.state).toBe('connecting');
      // A retry is still a failure until a watch resolves.
      expect(loop.failing).toBe(true);
    }
    expect(retryDelays).toEqual([100, 200, 300, 300]);

    calls.at(-1)!.resolve(2);
    await flush();
    expect(loop.state).toBe('streaming');
    expect(loop.failing).toBe(false);
    expect(loop.lastError).toBeNull();
    const before = Date.now();
    calls.at(-1)!.reject(new Error('again'));
    await flush();
    expect(loop.retryAt - before).toBe(100);
    expect(states).toEqual([
      'streaming',
      'backoff',
      'connecting',
      'backoff',
      'connecting',
      'backoff',
      'connecting',
      'backoff',
      'connecting',
      'streaming',
      'backoff',
    ]);
    loop.stop();
  });

  it('stop() ends the loop, during backoff and with a watch pending, and ignores what arrives later', async () => {
    const { calls, watch } = scriptedWatch();
    const data: number[] = [];
    const loop = new WatchLoop<number>({ watch, onData: (d) => data.push(d), onState: () => {}, backoff: { initialMs: 100, maxMs: 100 } });
    await flush();
    calls[0]!.reject(new Error('refused'));
    await flush();
    loop.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);

    const second = new WatchLoop<number>({
      watch,
      onData: (d) => data.push(d),
      onState: () => {},
      backoff: { initialMs: 100, maxMs: 100 },
    });
    await flush();
    second.stop();
    calls[1]!.resolve(5);
    await flush();
    expect(data).toEqual([]);
    expect(calls).toHaveLength(2);
    expect(second.running).toBe(false);
  });
});
