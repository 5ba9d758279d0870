import { afterEach, describe, expect, it, vi } from 'vitest';
import { LatestBatcher } from './latest-batcher';

afterEach(() => {
  vi.useRealTimers();
});

describe('LatestBatcher', () => {
  it('delivers the latest value per key once per interval, in first-write order, never an empty batch', () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const batcher = new LatestBatcher<string, number>((values) => batches.push(values), 100);
    batcher.set('BTC', 1);
    batcher.set('ETH', 10);
    batcher.set('BTC', 2);
    vi.advanceTimersByTime(99);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[2, 10]]);
    vi.advanceTimersByTime(500);
    expect(batches).toHaveLength(1);
    batcher.set('ETH', 11);
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([[2, 10], [11]]);
    batcher.stop();
  });

  it('forgets a deleted key, puts values set during delivery in the next batch, and stops on stop()', () => {
    vi.useFakeTimers();
    const batches: string[][] = [];
    const batcher: LatestBatcher<string, string> = new LatestBatcher((values) => {
      batches.push(values);
      if (batches.length === 1) batcher.set('late', 'late');
    }, 100);
    batcher.set('a', 'a');
    batcher.set('gone', 'gone');
    batcher.delete('gone');
    batcher.flush();
    expect(batches).toEqual([['a']]);
    expect(batcher.size).toBe(1);
    batcher.stop();
    vi.advanceTimersByTime(1_000);
    expect(batches).toEqual([['a']]);
    // Pending values survive stop() for an owner that flushes on close.
    batcher.flush();
    expect(batches).toEqual([['a'], ['late']]);
  });

  it('close() stops the timer and delivers what is still pending, once', () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const batcher = new LatestBatcher<string, number>((values) => batches.push(values), 100);
    batcher.set('last fill', 7);
    batcher.close();
    expect(batches).toEqual([[7]]);
    batcher.set('after close', 8);
    vi.advanceTimersByTime(1_000);
    expect(batches).toEqual([[7]]);
  });
});
