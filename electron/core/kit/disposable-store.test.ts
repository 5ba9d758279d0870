import { describe, expect, it } from 'vitest';
import { DisposableStore, DisposeError } from './disposable-store';

describe('DisposableStore', () => {
  it('runs every disposer in reverse order, awaiting async ones, even when some throw, and reports every failure', async () => {
    const store = new DisposableStore();
    const ran: string[] = [];
    store.add('database', () => void ran.push('database'));
    store.add('market data', async () => {
      await Promise.resolve();
      ran.push('market data');
      throw new Error('socket already closed');
    });
    store.add('bots', async () => {
      await Promise.resolve();
      ran.push('bots');
    });
    store.add('timer', () => {
      ran.push('timer');
      throw new Error('timer gone');
    });

    const error = await store.dispose().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ran).toEqual(['timer', 'bots', 'market data', 'database']);
    expect(error).toBeInstanceOf(DisposeError);
    const failure = error as DisposeError;
    expect(failure.failures.map((f) => f.label)).toEqual(['timer', 'market data']);
    expect(failure.errors.map((e: Error) => e.message)).toEqual(['timer gone', 'socket already closed']);
    expect(failure.message).toBe(
      '2 of the shutdown steps failed (the others still ran): timer: timer gone; market data: socket already closed',
    );
  });

  it('disposes once: a second call runs nothing and shares the outcome; adding afterwards is refused', async () => {
    const store = new DisposableStore();
    let runs = 0;
    store.add('counter', () => void runs++);
    const first = store.dispose();
    const second = store.dispose();
    expect(second).toBe(first);
    await first;
    await store.dispose();
    expect(runs).toBe(1);
    expect(store.disposed).toBe(true);
    expect(() => store.add('late', () => {})).toThrow('Cannot add "late" to a store that is already disposed; dispose it directly.');
  });
});
