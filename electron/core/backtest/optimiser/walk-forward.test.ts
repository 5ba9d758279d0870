import { describe, expect, it } from 'vitest';
import { realCandles } from '../../strategy/test-support/real-candles';
import { stitchEquity, walkForwardWindows } from './walk-forward';

describe('walk-forward windows', () => {
  const candles = realCandles('btc1h');
  const range = { from: 100, to: candles.length };

  for (const anchored of [false, true]) {
    it(`${anchored ? 'anchored' : 'rolling'}: in sample strictly before out of sample, OOS windows back to back to the end`, () => {
      const windows = walkForwardWindows(candles, range, 4, 0.6, anchored);
      expect(windows).toHaveLength(4);
      const isBars = Math.floor((range.to - range.from) * 0.6);
      const oosBars = Math.floor((range.to - range.from - isBars) / 4);
      windows.forEach((w, i) => {
        expect(w.inSample.endTime).toBe(w.outOfSample.startTime);
        expect(w.inSample.startTime).toBeLessThan(w.inSample.endTime);
        if (i > 0) expect(w.outOfSample.startTime).toBe(windows[i - 1]!.outOfSample.endTime);
        if (anchored) expect(w.inSample.startTime).toBe(candles.time[range.from]);
        else expect(w.inSample.bars).toBe(range.to - range.from - 4 * oosBars);
        if (i < 3) expect(w.outOfSample.bars).toBe(oosBars);
      });
      expect(windows.at(-1)!.outOfSample.endTime).toBe(candles.time[candles.length - 1]! + 1);
      expect(windows.reduce((s, w) => s + w.outOfSample.bars, 0) + windows[0]!.inSample.bars).toBe(range.to - range.from);
    });
  }

  it('refuses folds too small to hold 2 bars', () => {
    expect(() => walkForwardWindows(candles, { from: 0, to: 20 }, 10, 0.7, false)).toThrow(/Too few bars \(20\) for 10 walk-forward folds/);
  });
});

describe('stitched equity', () => {
  it('compounds each piece from where the previous ended', () => {
    const out = stitchEquity(100, [
      { time: [1, 2], equity: [100, 110] },
      { time: [3, 4], equity: [100, 90] },
    ]);
    expect(out.time).toEqual([1, 2, 3, 4]);
    [100, 110, 110, 99].forEach((v, i) => expect(out.equity[i]).toBeCloseTo(v, 9));
    expect(out.drawdownPct[3]).toBeCloseTo(10, 12);
  });
});
