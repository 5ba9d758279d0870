import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import { volumeColumns } from './volume-primitive';

/** A bar opening at 10 that closes at `close`, with `volume`. */
const bar = (time: number, close: number, volume: number): Candle => [time, 10, 12, 9, close, volume];

describe('volumeColumns', () => {
  it('gives wide bars a column each, centred on the bar with a gap, coloured by the bar', () => {
    const bars = [bar(1, 11, 5), bar(2, 9, 7), bar(3, 10, 2)];
    expect(volumeColumns(bars, 0, 2, 100, 10)).toEqual([
      { left: 96, width: 8, volume: 5, up: true },
      { left: 106, width: 8, volume: 7, up: false },
      { left: 116, width: 8, volume: 2, up: true },
    ]);
  });

  it('draws only the requested range of bars', () => {
    const bars = [bar(1, 11, 5), bar(2, 9, 7), bar(3, 10, 2), bar(4, 12, 1)];
    expect(volumeColumns(bars, 1, 2, 50, 10).map((column) => column.volume)).toEqual([7, 2]);
  });

  it('sums bars that share a pixel, coloured by the group’s first open against its last close', () => {
    // Four bars per pixel: 100,000 bars zoomed out still show every bar's volume.
    const bars: Candle[] = [
      bar(1, 11, 1),
      bar(2, 9, 2),
      bar(3, 9, 3),
      bar(4, 9, 4),
      [5, 9, 9, 5, 6, 10],
      bar(6, 11, 1),
      bar(7, 11, 1),
      bar(8, 12, 1),
    ];
    const columns = volumeColumns(bars, 0, 7, 0, 0.25);
    expect(columns.map((column) => column.volume)).toEqual([10, 13]);
    expect(columns.every((column) => column.width === 1)).toBe(true);
    expect(columns.map((column) => column.up)).toEqual([false, true]);
    // Nothing is lost in the grouping.
    expect(columns.reduce((sum, column) => sum + column.volume, 0)).toBe(bars.reduce((sum, candle) => sum + candle[5], 0));
  });
});
