import { describe, expect, it } from 'vitest';
import { DRAW_MORE_THRESHOLD, FIRST_DRAW_BARS, drawMoreStart, firstAtOrAfter, firstDrawStart, shouldDrawMore } from './draw-window';

describe('the drawn stretch of the loaded bars', () => {
  it('draws only the newest bars after a load, all of them when there are few', () => {
    expect(firstDrawStart(100_000)).toBe(100_000 - FIRST_DRAW_BARS);
    expect(firstDrawStart(500)).toBe(0);
  });

  it('draws more near the oldest drawn bar while older loaded bars remain, at least doubling the stretch', () => {
    expect(shouldDrawMore(98_000, DRAW_MORE_THRESHOLD - 1)).toBe(true);
    expect(shouldDrawMore(98_000, DRAW_MORE_THRESHOLD)).toBe(false);
    expect(shouldDrawMore(0, 0)).toBe(false); // all drawn: the feed pages from core instead
    // 100,000 loaded, 2,000 drawn: a long scroll back takes 6 setData calls to draw them all.
    const starts = [firstDrawStart(100_000)];
    while (starts.at(-1)! > 0) starts.push(drawMoreStart(starts.at(-1)!, 100_000 - starts.at(-1)!));
    expect(starts).toEqual([98_000, 96_000, 92_000, 84_000, 68_000, 36_000, 0]);
  });

  it('finds where a series of times reaches the first drawn bar', () => {
    const times = [10, 20, 30, 40];
    expect([5, 10, 11, 40, 41].map((t) => firstAtOrAfter(times, t))).toEqual([0, 0, 1, 3, 4]);
  });
});
