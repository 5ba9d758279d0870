import { describe, expect, it } from 'vitest';
import { formatTime, formatUtcClock, formatUtcMinute } from './time';
import { setDisplayTimeZone, timeZoneLabel } from './time-zone';

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

describe('time formatting in the chosen zone', () => {
  const at = Date.UTC(2021, 6, 15, 14, 5, 59);

  it('shows local time labelled with the zone when local is chosen', () => {
    // The test process runs with TZ unset or set; compute what local time must read instead of assuming UTC.
    const local = new Date(at);
    const pad = (n: number) => String(n).padStart(2, '0');
    const zone = timeZoneLabel('local');
    expect(formatUtcClock(at, 'local')).toBe(`${pad(local.getHours())}:${pad(local.getMinutes())} ${zone}`);
    expect(formatUtcMinute(at, 'local')).toBe(
      `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())} ${zone}`,
    );
    expect(formatTime(at, 'local')).toBe(
      `${pad(local.getDate())}/${pad(local.getMonth() + 1)}, ${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`,
    );
  });

  it('follows the display zone setting by default', () => {
    setDisplayTimeZone('local');
    try {
      expect(formatUtcClock(at)).toBe(formatUtcClock(at, 'local'));
      expect(timeZoneLabel()).not.toBe('UTC');
    } finally {
      setDisplayTimeZone('utc');
    }
    expect(formatUtcClock(at)).toBe('14:05 UTC');
  });
});
