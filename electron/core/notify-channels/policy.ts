/**
 * The per-channel filters, as pure functions of the notification and the time: level, quiet
 * hours in the channel's own time zone, and the one-minute rate window.
 */
import type { ChannelLevel, QuietHours } from '../../../shared/ipc/schemas/channels';

const RANK: Record<ChannelLevel, number> = { info: 0, warning: 1, critical: 2 };

/** Core's notification levels on the channels' scale: fills are news (info), errors are critical. */
export function channelLevelOf(level: string): ChannelLevel {
  if (level === 'error' || level === 'critical') return 'critical';
  if (level === 'warning') return 'warning';
  return 'info';
}

export function passesLevel(level: ChannelLevel, minLevel: ChannelLevel): boolean {
  return RANK[level] >= RANK[minLevel];
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** Minutes since midnight at `at` in `timeZone`. */
export function localMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** True inside [start, end) local time; a window such as 22:00–07:00 wraps midnight. Equal ends mean none. */
export function inQuietHours(quiet: QuietHours | null, at: number): boolean {
  if (quiet === null) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const now = localMinutes(at, quiet.timeZone);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

export function describeQuietHours(quiet: QuietHours): string {
  return `${quiet.start}–${quiet.end} ${quiet.timeZone}`;
}

export const RATE_WINDOW_MS = 60_000;

/** Send times within the last minute; `waitMs` says how long until one more may go. */
export class RateWindow {
  private sent: number[] = [];

  constructor(private limit: number) {}

  setLimit(limit: number): void {
    this.limit = limit;
  }

  private prune(now: number): void {
    while (this.sent.length > 0 && this.sent[0]! <= now - RATE_WINDOW_MS) this.sent.shift();
  }

  /** 0 when a message may go now, else the milliseconds until the oldest send leaves the window. */
  waitMs(now: number): number {
    this.prune(now);
    if (this.sent.length < this.limit) return 0;
    return this.sent[this.sent.length - this.limit]! + RATE_WINDOW_MS - now;
  }

  record(now: number): void {
    this.sent.push(now);
  }
}
