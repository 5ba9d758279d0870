import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import { CandleBook } from './candle-book';

const bar = (time: number, close = 10): Candle => [time, 10, 12, 9, close, 100];

describe('CandleBook', () => {
  it('sorts, de-duplicates (later wins) and drops malformed bars on replace', () => {
    const book = new CandleBook();
    const bars = book.replace([bar(3_000), bar(1_000), bar(2_000, 1), bar(2_000, 2), [4_000, 1, 1, 1, Number.NaN, 1]]);
    expect(bars.map((candle) => candle[0])).toEqual([1_000, 2_000, 3_000]);
    expect(book.find(2_000)?.[4]).toBe(2);
    expect(book.size).toBe(3);
  });

  it('keeps ordered history as given, in a copy the caller can no longer change', () => {
    const book = new CandleBook();
    const history = [bar(1_000), bar(2_000), bar(3_000)];
    const bars = book.replace(history);
    expect(bars).toEqual(history);
    history.push(bar(4_000));
    history[0] = bar(500);
    expect(book.size).toBe(3);
    expect(book.all()[0]?.[0]).toBe(1_000);
    // One malformed bar in otherwise ordered history still gets dropped.
    expect(book.replace([bar(1_000), [2_000, 1, 1, 1, Number.NaN, 1], bar(3_000)]).map((candle) => candle[0])).toEqual([1_000, 3_000]);
  });

  it('appends newer bars, replaces the forming bar and known older bars, ignores unknown older ones', () => {
    const book = new CandleBook();
    book.replace([bar(1_000), bar(2_000), bar(3_000)]);
    expect(book.upsert(bar(3_000, 11))).toBe('updated-last');
    expect(book.upsert(bar(4_000))).toBe('appended');
    expect(book.upsert(bar(2_000, 15))).toBe('updated-past');
    expect(book.upsert(bar(2_500))).toBe('ignored');
    expect(book.size).toBe(4);
    expect(book.last()?.[0]).toBe(4_000);
    expect(book.find(2_000)?.[4]).toBe(15);
    expect(book.find(3_000)?.[4]).toBe(11);
  });

  it('starts a series from live bars alone', () => {
    const book = new CandleBook();
    expect(book.upsert(bar(1_000))).toBe('appended');
    expect(book.upsert([2_000, 1, 1, 1, 1, Number.POSITIVE_INFINITY])).toBe('ignored');
    expect(book.size).toBe(1);
  });

  it('prepends only bars older than the first one (a page overlapping the drawn bars adds no duplicate)', () => {
    const book = new CandleBook();
    book.replace([bar(3_000), bar(4_000)]);
    expect(book.prepend([bar(2_000), bar(1_000), bar(3_000, 99), [500, 1, 1, 1, Number.NaN, 1]])).toBe(2);
    expect(book.all().map((candle) => candle[0])).toEqual([1_000, 2_000, 3_000, 4_000]);
    expect(book.find(3_000)?.[4]).toBe(10);
    expect(book.prepend([])).toBe(0);
  });

  it('trims the newest bars beyond a cap', () => {
    const book = new CandleBook();
    book.replace([bar(1_000), bar(2_000), bar(3_000), bar(4_000)]);
    expect(book.trimNewest(5)).toBe(0);
    expect(book.trimNewest(3)).toBe(1);
    expect(book.last()?.[0]).toBe(3_000);
  });
});
