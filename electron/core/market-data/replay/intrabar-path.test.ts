import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/domain/types';
import { partialBar } from './intrabar-path';

const rising: Candle = [0, 100, 110, 95, 105, 30];
const falling: Candle = [0, 100, 104, 90, 92, 12];

describe('partialBar', () => {
  it('starts at the open with no volume', () => {
    expect(partialBar(rising, 0)).toEqual([0, 100, 100, 100, 100, 0]);
  });

  it('ends exactly on the recorded bar', () => {
    expect(partialBar(rising, 1)).toEqual(rising);
    expect(partialBar(falling, 1)).toEqual(falling);
  });

  it('visits the low before the high on a rising bar', () => {
    const third = partialBar(rising, 1 / 3);
    expect(third[4]).toBeCloseTo(95);
    expect(third[2]).toBe(100);
    const twoThirds = partialBar(rising, 2 / 3);
    expect(twoThirds[4]).toBeCloseTo(110);
    expect(twoThirds[3]).toBe(95);
  });

  it('never leaves the recorded range and grows volume linearly', () => {
    for (let f = 0; f <= 1; f += 0.05) {
      const [, o, h, l, c, v] = partialBar(falling, f);
      expect(o).toBe(100);
      expect(h).toBeLessThanOrEqual(104);
      expect(l).toBeGreaterThanOrEqual(90);
      expect(c).toBeGreaterThanOrEqual(l);
      expect(c).toBeLessThanOrEqual(h);
      expect(v).toBeCloseTo(12 * f);
    }
  });
});
