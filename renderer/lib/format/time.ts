/**
 * Times as the UI shows them, shared by every feature. Exchange and replay times are UTC; the
 * labels say so.
 */

const dayAndTime = new Intl.DateTimeFormat('en-GB', {
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
});

/** "15/07, 14:05:09" (UTC): order, fill, bot event and notification times in tables. */
export function formatTime(ms: number): string {
  return dayAndTime.format(ms);
}

/** "2021-07-15 14:05 UTC": replay clocks and bar times are exchange (UTC) time. */
export function formatUtcMinute(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "14:05 UTC": when balances were read, since when an account is stale. */
export function formatUtcClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}
