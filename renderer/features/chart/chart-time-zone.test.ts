import { TickMarkType, type Time, type TimeChartOptions } from 'lightweight-charts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setDisplayTimeZone } from '../../lib/format/time-zone';
import { chartTimeOptions, followDisplayTimeZone } from './chart-time-zone';

// 2026-12-06 23:30:15 UTC: the next day in Tokyo, the same day in New York.
const AT = (Date.UTC(2026, 11, 6, 23, 30, 15) / 1000) as Time;

type Applied = { localization?: { timeFormatter?: (t: Time) => string }; timeScale?: TimeChartOptions['timeScale'] };
const tick = (options: Applied, type: TickMarkType) => options.timeScale?.tickMarkFormatter?.(AT, type, 'en');

// A computer in Tokyo (UTC+9, no DST), whatever zone the test machine is in.
beforeEach(() => vi.stubEnv('TZ', 'Asia/Tokyo'));
afterEach(() => {
  setDisplayTimeZone('utc');
  vi.unstubAllEnvs();
});

describe('chart time labels in the display zone', () => {
  it('labels the axis and the crosshair in UTC by default', () => {
    const options = chartTimeOptions('utc') as Applied;
    expect(options.localization?.timeFormatter?.(AT)).toBe('06 Dec 26, 23:30 UTC');
    expect(tick(options, TickMarkType.DayOfMonth)).toBe('6 Dec');
    expect(tick(options, TickMarkType.Time)).toBe('23:30');
    expect(tick(options, TickMarkType.TimeWithSeconds)).toBe('23:30:15');
    expect(tick(options, TickMarkType.Month)).toBe('Dec');
    expect(tick(options, TickMarkType.Year)).toBe('2026');
  });

  it('labels them in the computer’s zone when local time is chosen, and follows the setting live', () => {
    const applied: Applied[] = [];
    const stop = followDisplayTimeZone({ applyOptions: (o) => void applied.push(o as Applied) });
    setDisplayTimeZone('local');
    stop();
    setDisplayTimeZone('utc');
    expect(applied).toHaveLength(2);
    expect(tick(applied[0]!, TickMarkType.Time)).toBe('23:30');
    expect(tick(applied[1]!, TickMarkType.Time)).toBe('08:30');
    expect(tick(applied[1]!, TickMarkType.DayOfMonth)).toBe('7 Dec');
    expect(applied[1]!.localization?.timeFormatter?.(AT)).toBe('07 Dec 26, 08:30 Asia/Tokyo');
  });

  it('keeps the library’s label for times that are not UTC timestamps', () => {
    const options = chartTimeOptions('local') as Applied;
    expect(options.timeScale?.tickMarkFormatter?.('2026-12-06' as Time, TickMarkType.DayOfMonth, 'en')).toBeNull();
  });
});
