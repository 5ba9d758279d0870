import type { TimeScalePoint } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { fillTickMarkWeights, tickMarkWeight } from './time-weights';

const at = (iso: string) => Date.parse(iso);

describe('tickMarkWeight', () => {
  it('weighs calendar boundaries: year over month over day', () => {
    expect(tickMarkWeight(at('2025-01-01T00:00:00Z'), at('2024-12-31T23:59:00Z'))).toBe(70);
    expect(tickMarkWeight(at('2024-03-01T00:00:00Z'), at('2024-02-29T23:00:00Z'))).toBe(60);
    expect(tickMarkWeight(at('2024-03-02T00:00:00Z'), at('2024-03-01T12:00:00Z'))).toBe(50);
    // Weekly bars a whole year apart still mark the year.
    expect(tickMarkWeight(at('2025-03-02T00:00:00Z'), at('2024-03-02T00:00:00Z'))).toBe(70);
  });

  it('weighs intraday boundaries by the largest step crossed', () => {
    expect(tickMarkWeight(at('2024-03-01T12:00:00Z'), at('2024-03-01T11:59:00Z'))).toBe(33);
    expect(tickMarkWeight(at('2024-03-01T06:00:00Z'), at('2024-03-01T05:00:00Z'))).toBe(32);
    expect(tickMarkWeight(at('2024-03-01T03:00:00Z'), at('2024-03-01T02:00:00Z'))).toBe(31);
    expect(tickMarkWeight(at('2024-03-01T04:00:00Z'), at('2024-03-01T03:59:00Z'))).toBe(30);
    expect(tickMarkWeight(at('2024-03-01T04:30:00Z'), at('2024-03-01T04:29:00Z'))).toBe(22);
    expect(tickMarkWeight(at('2024-03-01T04:35:00Z'), at('2024-03-01T04:34:00Z'))).toBe(21);
    expect(tickMarkWeight(at('2024-03-01T04:36:00Z'), at('2024-03-01T04:35:00Z'))).toBe(20);
    expect(tickMarkWeight(at('2024-03-01T04:36:01Z'), at('2024-03-01T04:36:00Z'))).toBe(10);
    expect(tickMarkWeight(at('2024-03-01T04:36:00.500Z'), at('2024-03-01T04:36:00Z'))).toBe(0);
  });
});

describe('fillTickMarkWeights', () => {
  const points = (isoTimes: string[]) =>
    isoTimes.map((iso) => ({ timeWeight: 0, originalTime: at(iso) / 1000 }) as unknown as TimeScalePoint);

  it('weighs each point against the one before and guesses the first from the average spacing', () => {
    const list = points(['2024-03-01T23:00:00Z', '2024-03-02T00:00:00Z', '2024-03-02T01:00:00Z', '2024-03-02T02:00:00Z']);
    fillTickMarkWeights(list);
    // The first point, one average step (an hour) after 22:00, crosses the hour.
    expect(list.map((point) => point.timeWeight)).toEqual([30, 50, 30, 30]);
  });

  it('starts at the given index, leaving earlier points as they are', () => {
    const list = points(['2024-03-01T23:00:00Z', '2024-03-02T00:00:00Z', '2024-03-02T01:00:00Z']);
    fillTickMarkWeights(list, 2);
    expect(list.map((point) => point.timeWeight)).toEqual([0, 0, 30]);
  });
});
