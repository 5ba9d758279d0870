import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import { aggregateCandles, sliceCandles } from './aggregate';

const M5 = 300_000;
const bars: Candle[] = [
  [0, 10, 12, 9, 11, 1],
  [M5, 11, 15, 10, 14, 2],
  [2 * M5, 14, 14, 8, 9, 3],
  // gap: 3*M5 .. 5*M5 missing
  [6 * M5, 9, 10, 7, 8, 4],
];

describe('aggregateCandles', () => {
  it('rolls 5m bars into 15m buckets and leaves gaps as gaps', () => {
    expect(aggregateCandles(bars, '15m')).toEqual([
      [0, 10, 15, 8, 9, 6],
      [6 * M5, 9, 10, 7, 8, 4],
    ]);
  });

  it('does not modify its input', () => {
    const copy = structuredClone(bars);
    aggregateCandles(bars, '1h');
    expect(bars).toEqual(copy);
  });
});

describe('sliceCandles', () => {
  it('takes the most recent bars without since, and forward from since otherwise', () => {
    expect(sliceCandles(bars, undefined, 2).map((b) => b[0])).toEqual([2 * M5, 6 * M5]);
    expect(sliceCandles(bars, M5, 2).map((b) => b[0])).toEqual([M5, 2 * M5]);
    expect(sliceCandles(bars, 100 * M5, 2)).toEqual([]);
  });
});
