import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue } from './keyed-serial-queue';

/** A promise the test settles by hand: the readiness signal instead of a sleep. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('KeyedSerialQueue', () => {
  it('runs tasks of one key one at a time, in order, and other keys alongside', async () => {
    const queue = new KeyedSerialQueue();
    const seen: string[] = [];
    const first = gate();
    const a1 = queue.run('a', async () => {
      seen.push('a1 start');
      await first.promise;
      seen.push('a1 end');
      return 1;
    });
    const a2 = queue.run('a', () => {
      seen.push('a2');
      return 2;
    });
    const b1 = queue.run('b', () => {
      seen.push('b1');
      return 'b';
    });
    await b1;
    // b did not wait for a; a2 has not started while a1 is still running.
    expect(seen).toEqual(['a1 start', 'b1']);
    first.open();
    expect(await Promise.all([a1, a2])).toEqual([1, 2]);
    expect(seen).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('gives each caller its own error and keeps running the tasks queued after a failure', async () => {
    const queue = new KeyedSerialQueue();
    const failing = queue.run('a', () => Promise.reject(new Error('exchange refused')));
    const sync = queue.run('a', () => {
      throw new Error('bad settings');
    });
    const after = queue.run('a', () => 'still runs');
    await expect(failing).rejects.toThrow('exchange refused');
    await expect(sync).rejects.toThrow('bad settings');
    await expect(after).resolves.toBe('still runs');
  });

  it('idle() waits for work queued while it waits, and an idle queue holds no keys', async () => {
    const queue = new KeyedSerialQueue();
    const seen: string[] = [];
    void queue.run('a', async () => {
      seen.push('first');
      void queue.run('b', () => void seen.push('queued by first'));
    });
    expect(queue.size).toBe(1);
    await queue.idle();
    expect(seen).toEqual(['first', 'queued by first']);
    expect(queue.size).toBe(0);
  });

  it('runAll holds every key: work sharing a key waits, work on other keys runs meanwhile, in the order queued, whatever order the keys are given in', async () => {
    const queue = new KeyedSerialQueue();
    const ab = gate();
    const seen: string[] = [];
    const first = queue.runAll(['b', 'a'], async () => {
      seen.push('a+b start');
      await ab.promise;
      seen.push('a+b end');
    });
    const sharing = queue.runAll(['a', 'c'], () => void seen.push('a+c'));
    const reversed = queue.runAll(['c', 'b'], () => void seen.push('c+b'));
    const apart = queue.runAll(['d', 'e'], () => void seen.push('d+e'));
    await apart;
    expect(seen).toEqual(['a+b start', 'd+e']);
    ab.open();
    await Promise.all([first, sharing, reversed]);
    // Each key first come, first served: a+c and c+b were queued after a+b, a+c before c+b.
    expect(seen).toEqual(['a+b start', 'd+e', 'a+b end', 'a+c', 'c+b']);
    await expect(queue.runAll(['x', 'x'], () => 'one key twice')).resolves.toBe('one key twice');
    await queue.idle();
    expect(queue.size).toBe(0);
  });
});
