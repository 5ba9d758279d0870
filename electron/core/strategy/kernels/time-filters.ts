import { FALSE, TRUE, UNKNOWN } from './conditions';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * Since 1970 every zone's UTC offset is a multiple of 15 minutes and changes at a whole local
 * minute that is also a multiple of 15 minutes in UTC, so the offset is constant within each
 * 15-minute UTC bucket: asking Intl once per bucket is exact. And no zone of the list changes
 * its offset twice within one UTC day, so a day that starts and ends on the same offset has it
 * throughout: Intl is asked about once per day, and per bucket only on the days of a change.
 */
const BUCKET = 15 * MINUTE;

/** A time zone's wall clock: the local date and time of an instant, as Intl (and the zone's DST rules) give it. */
export class ZonedClock {
  private readonly format: Intl.DateTimeFormat;
  private bucket = NaN;
  private offset = 0;
  private day = NaN;
  /** The offset of the whole current UTC day, or NaN on a day the offset changes. */
  private dayOffset = NaN;
  /** Offset at the start of day `day + 1` (the next day's start offset, asked once). */
  private nextDayStart = NaN;

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  }

  /** The local wall-clock time of instant `t` (ms), as milliseconds since 1970-01-01 00:00 on that clock. */
  wallClock(t: number): number {
    const day = Math.floor(t / DAY);
    if (day !== this.day) {
      const start = day === this.day + 1 ? this.nextDayStart : this.offsetAt(day * DAY);
      this.nextDayStart = this.offsetAt((day + 1) * DAY);
      this.dayOffset = start === this.nextDayStart ? start : NaN;
      this.day = day;
    }
    if (this.dayOffset === this.dayOffset) return t + this.dayOffset;
    const bucket = Math.floor(t / BUCKET);
    if (bucket !== this.bucket) {
      this.offset = this.offsetAt(bucket * BUCKET);
      this.bucket = bucket;
    }
    return t + this.offset;
  }

  /** Local minus UTC at instant `t` (a whole minute), in ms. */
  private offsetAt(t: number): number {
    return this.localFields(t) - t;
  }

  private localFields(t: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    for (const part of this.format.formatToParts(t)) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
      else if (part.type === 'day') day = Number(part.value);
      else if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
    }
    return Date.UTC(year, month - 1, day, hour, minute);
  }
}

function timeOfDay(wall: number): number {
  return ((wall % DAY) + DAY) % DAY;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(wall: number): number {
  return (((Math.floor(wall / DAY) + 3) % 7) + 7) % 7;
}

/** Inclusive range on a cycle: from ≤ x ≤ to, or wrapping when from > to. */
function inCycle(x: number, from: number, to: number): boolean {
  return from <= to ? x >= from && x <= to : x >= from || x <= to;
}

/** True when the bar opens in local hours from..to (both included, wrapping past midnight). */
export class HourOfDayKernel {
  private readonly clock: ZonedClock;

  constructor(
    timeZone: string,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.clock = new ZonedClock(timeZone);
  }

  next(time: number): number {
    if (time !== time) return UNKNOWN;
    const hour = Math.floor(timeOfDay(this.clock.wallClock(time)) / HOUR);
    return inCycle(hour, this.from, this.to) ? TRUE : FALSE;
  }
}

/** True when the bar opens on local weekdays from..to (0 = Monday, both included, wrapping). */
export class WeekdayKernel {
  private readonly clock: ZonedClock;

  constructor(
    timeZone: string,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.clock = new ZonedClock(timeZone);
  }

  next(time: number): number {
    if (time !== time) return UNKNOWN;
    return inCycle(weekdayOf(this.clock.wallClock(time)), this.from, this.to) ? TRUE : FALSE;
  }
}

/** True when the bar opens in [start, end) local minutes of the day (wrapping when start > end). */
export class SessionKernel {
  private readonly clock: ZonedClock;

  constructor(
    timeZone: string,
    private readonly startMinute: number,
    private readonly endMinute: number,
    private readonly weekdaysOnly: boolean,
  ) {
    this.clock = new ZonedClock(timeZone);
  }

  next(time: number): number {
    if (time !== time) return UNKNOWN;
    const wall = this.clock.wallClock(time);
    if (this.weekdaysOnly && weekdayOf(wall) > 4) return FALSE;
    const minute = timeOfDay(wall) / MINUTE;
    const { startMinute: s, endMinute: e } = this;
    return (s < e ? minute >= s && minute < e : minute >= s || minute < e) ? TRUE : FALSE;
  }
}

export function hourOfDaySeries(time: Float64Array, k: HourOfDayKernel, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = k.next(time[i]!);
}

export function weekdaySeries(time: Float64Array, k: WeekdayKernel, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = k.next(time[i]!);
}

export function sessionSeries(time: Float64Array, k: SessionKernel, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = k.next(time[i]!);
}

/** "09:30" → 570. */
export function minuteOfDay(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
