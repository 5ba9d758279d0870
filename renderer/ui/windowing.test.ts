import { describe, expect, it } from 'vitest';
import { computeWindow, listboxKeyTarget, scrollTopToReveal } from './windowing';

describe('computeWindow', () => {
  const base = { viewportHeight: 100, rowHeight: 20, rowCount: 1_000, overscan: 2 };

  it('covers the visible rows plus overscan, clamped to the list', () => {
    expect(computeWindow({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 8 });
    expect(computeWindow({ ...base, scrollTop: 410 })).toEqual({ start: 18, end: 28 });
    expect(computeWindow({ ...base, scrollTop: 19_990 })).toEqual({ start: 997, end: 1_000 });
    expect(computeWindow({ ...base, rowCount: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3 });
    expect(computeWindow({ ...base, rowCount: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0 });
  });
});

describe('scrollTopToReveal', () => {
  it('scrolls the least needed to show a row, and not at all when it is in view', () => {
    expect(scrollTopToReveal(2, 0, 100, 20)).toBe(0);
    expect(scrollTopToReveal(5, 0, 100, 20)).toBe(20);
    expect(scrollTopToReveal(1, 60, 100, 20)).toBe(20);
    expect(scrollTopToReveal(999, 0, 100, 20)).toBe(19_900);
  });
});

describe('listboxKeyTarget', () => {
  it('moves by one, by a page of whole rows, and to either end; ignores other keys', () => {
    // 200 px viewport of 20 px rows: a page is 9 rows (one row of context kept).
    expect(listboxKeyTarget('ArrowDown', 5, 100, 200, 20)).toBe(6);
    expect(listboxKeyTarget('ArrowUp', 5, 100, 200, 20)).toBe(4);
    expect(listboxKeyTarget('PageDown', 5, 100, 200, 20)).toBe(14);
    expect(listboxKeyTarget('PageUp', 5, 100, 200, 20)).toBe(-4);
    expect(listboxKeyTarget('Home', 5, 100, 200, 20)).toBe(0);
    expect(listboxKeyTarget('End', 5, 100, 200, 20)).toBe(99);
    expect(listboxKeyTarget('a', 5, 100, 200, 20)).toBeUndefined();
  });
});
