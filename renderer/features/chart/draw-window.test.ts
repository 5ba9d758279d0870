import { describe, expect, it } from 'vitest';
import {
  DRAW_MORE_THRESHOLD,
  FIRST_DRAW_BARS,
  MAX_DRAWN_BARS,
  firstAfter,
  firstAtOrAfter,
  firstWindow,
  newerWindow,
  olderWindow,
  prependedWindow,
  shouldDrawNewer,
  shouldDrawOlder,
  type DrawWindow,
} from './draw-window';

describe('the drawn window of the loaded bars', () => {
  it('draws only the newest bars after a load, all of them when there are few', () => {
    expect(firstWindow(100_000)).toEqual({ from: 100_000 - FIRST_DRAW_BARS, to: 100_000 });
    expect(firstWindow(500)).toEqual({ from: 0, to: 500 });
  });

  it('draws older bars near the oldest drawn one while older loaded bars remain, doubling, then sliding at the cap', () => {
    expect(shouldDrawOlder({ from: 98_000, to: 100_000 }, DRAW_MORE_THRESHOLD - 1)).toBe(true);
    expect(shouldDrawOlder({ from: 98_000, to: 100_000 }, DRAW_MORE_THRESHOLD)).toBe(false);
    expect(shouldDrawOlder({ from: 0, to: 2_000 }, 0)).toBe(false); // all drawn: the feed pages from core instead
    // 100,000 loaded, 2,000 drawn: scrolling all the way back never puts more than MAX_DRAWN_BARS on the series.
    const windows: DrawWindow[] = [firstWindow(100_000)];
    while (windows.at(-1)!.from > 0) windows.push(olderWindow(windows.at(-1)!));
    expect(windows.slice(0, 4)).toEqual([
      { from: 98_000, to: 100_000 },
      { from: 96_000, to: 100_000 },
      { from: 92_000, to: 100_000 },
      { from: 88_000, to: 96_000 },
    ]);
    expect(windows.at(-1)).toEqual({ from: 0, to: MAX_DRAWN_BARS });
    for (const [k, w] of windows.entries()) {
      expect(w.to - w.from).toBeLessThanOrEqual(MAX_DRAWN_BARS);
      // The bars in view (just after the previous window's first bar) are still drawn.
      if (k > 0) expect(w.to).toBeGreaterThanOrEqual(Math.min(windows[k - 1]!.to, windows[k - 1]!.from + MAX_DRAWN_BARS / 2));
    }
  });

  it('draws newer bars near the newest drawn one, back to the latest, and never past the loaded ones', () => {
    expect(shouldDrawNewer({ from: 0, to: 8_000 }, 100_000, DRAW_MORE_THRESHOLD - 1)).toBe(true);
    expect(shouldDrawNewer({ from: 0, to: 8_000 }, 100_000, DRAW_MORE_THRESHOLD)).toBe(false);
    expect(shouldDrawNewer({ from: 92_000, to: 100_000 }, 100_000, 0)).toBe(false);
    const windows: DrawWindow[] = [{ from: 0, to: MAX_DRAWN_BARS }];
    while (windows.at(-1)!.to < 100_000) windows.push(newerWindow(windows.at(-1)!, 100_000));
    expect(windows[1]).toEqual({ from: 4_000, to: 12_000 });
    expect(windows.at(-1)).toEqual({ from: 100_000 - MAX_DRAWN_BARS, to: 100_000 });
    for (const w of windows) expect(w.to - w.from).toBeLessThanOrEqual(MAX_DRAWN_BARS);
  });

  it('after an older page, draws it and half a window of the bars after it', () => {
    // The window held loaded bars [0, 8,000); 1,000 older ones arrive in front: the page and the 4,000 after it.
    expect(prependedWindow({ from: 0, to: 8_000 }, 1_000)).toEqual({ from: 0, to: 1_000 + MAX_DRAWN_BARS / 2 });
    // Few loaded: everything stays drawn.
    expect(prependedWindow({ from: 0, to: 1_000 }, 1_000)).toEqual({ from: 0, to: 2_000 });
  });

  it('finds where a series of times reaches the first and passes the last drawn bar', () => {
    const times = [10, 20, 30, 40];
    expect([5, 10, 11, 40, 41].map((t) => firstAtOrAfter(times, t))).toEqual([0, 0, 1, 3, 4]);
    expect([5, 10, 11, 40, 41].map((t) => firstAfter(times, t))).toEqual([0, 1, 1, 4, 4]);
  });
});
