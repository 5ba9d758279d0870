import { describe, expect, it } from 'vitest';
import { formatTime, formatUtcClock, formatUtcMinute } from './time';

describe('time formatting (UTC, labelled)', () => {
  const at = Date.UTC(2021, 6, 15, 14, 5, 59);

  it('formats UTC minutes and clocks', () => {
    expect(formatUtcMinute(at)).toBe('2021-07-15 14:05 UTC');
    expect(formatUtcClock(at)).toBe('14:05 UTC');
  });

  it('formats table times as day/month and UTC time to the second', () => {
    expect(formatTime(at)).toBe('15/07, 14:05:59');
  });
});
