import { describe, expect, it } from 'vitest';
import { firstTestBar, planWindows, windowStartingAt } from './windows';

describe('walk-forward windows', () => {
  const windows = { trainBars: 100, testBars: 20, purgeBars: 5 };

  it('lay each test window after its training rows and a purge gap, back to back, the last cut at the data', () => {
    expect(firstTestBar(windows)).toBe(105);
    expect(planWindows(windows, 150)).toEqual([
      { index: 0, trainStart: 0, trainEnd: 100, testStart: 105, testEnd: 125 },
      { index: 1, trainStart: 20, trainEnd: 120, testStart: 125, testEnd: 145 },
      { index: 2, trainStart: 40, trainEnd: 140, testStart: 145, testEnd: 150 },
    ]);
  });

  it('retrain exactly at every window start and nowhere else', () => {
    const starts = Array.from({ length: 200 }, (_, t) => t).filter((t) => windowStartingAt(windows, t) !== null);
    expect(starts).toEqual([105, 125, 145, 165, 185]);
    expect(windowStartingAt(windows, 145)).toBe(2);
  });

  it('have no window when the data ends before the first predicted bar', () => {
    expect(planWindows(windows, 105)).toEqual([]);
  });
});
