/**
 * Times as the UI shows them, shared by every feature, on the clock chosen in the settings (UTC by
 * default, or the computer's local time; lib/format/time-zone.ts). Exchange and replay times are
 * UTC instants; every label says which zone they are shown in.
 */
import { getDisplayTimeZone, intlTimeZone, timeZoneLabel, type DisplayTimeZone } from './time-zone';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone and shape (building an Intl.DateTimeFormat per cell is slow). */
function formatter(zone: DisplayTimeZone, shape: 'table' | 'minute'): Intl.DateTimeFormat {
  const key = `${zone}|${shape}`;
  let made = formatters.get(key);
  if (!made) {
    made =
      shape === 'table'
        ? new Intl.DateTimeFormat('en-GB', {
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            timeZone: intlTimeZone(zone),
          })
        : new Intl.DateTimeFormat('en-CA', {
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZone: intlTimeZone(zone),
          });
    formatters.set(key, made);
  }
  return made;
}

/** "2021-07-15 14:05" in the zone. */
function minuteIn(ms: number, zone: DisplayTimeZone): string {
  if (zone === 'utc') {
    const iso = new Date(ms).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  const part = (parts: Intl.DateTimeFormatPart[], type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const parts = formatter(zone, 'minute').formatToParts(ms);
  return `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')} ${part(parts, 'hour')}:${part(parts, 'minute')}`;
}

/** "15/07, 14:05:09" in the display zone (the column header names it): order, fill, bot event and notification times in tables. */
export function formatTime(ms: number, zone: DisplayTimeZone = getDisplayTimeZone()): string {
  return formatter(zone, 'table').format(ms);
}

/** "2021-07-15 14:05 UTC" (or "… Europe/Berlin" when local time is chosen): replay clocks and bar times. */
export function formatUtcMinute(ms: number, zone: DisplayTimeZone = getDisplayTimeZone()): string {
  return `${minuteIn(ms, zone)} ${timeZoneLabel(zone)}`;
}

/** "14:05 UTC" (or "16:05 Europe/Berlin"): when balances were read, since when an account is stale. */
export function formatUtcClock(ms: number, zone: DisplayTimeZone = getDisplayTimeZone()): string {
  return `${minuteIn(ms, zone).slice(11)} ${timeZoneLabel(zone)}`;
}
