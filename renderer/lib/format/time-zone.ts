/**
 * The clock times are shown on, chosen in the settings: UTC (exchange time, the default) or the
 * computer's local time. Every formatted time carries its zone's label, so a screenshot never
 * leaves a doubt which clock it was.
 */
export type DisplayTimeZone = 'utc' | 'local';

let zone: DisplayTimeZone = 'utc';
const listeners = new Set<() => void>();

export function getDisplayTimeZone(): DisplayTimeZone {
  return zone;
}

export function setDisplayTimeZone(next: DisplayTimeZone): void {
  if (next === zone) return;
  zone = next;
  for (const listener of listeners) listener();
}

export function subscribeDisplayTimeZone(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** "UTC", or the computer's zone name ("Europe/Berlin"); "local (UTC)" on a computer set to UTC, so the choice still shows. */
export function timeZoneLabel(which: DisplayTimeZone = zone): string {
  if (which === 'utc') return 'UTC';
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!name) return 'local';
  return name === 'UTC' || name === 'Etc/UTC' ? 'local (UTC)' : name;
}

/** The IANA zone to give Intl.DateTimeFormat (undefined = the computer's). */
export function intlTimeZone(which: DisplayTimeZone = zone): string | undefined {
  return which === 'utc' ? 'UTC' : undefined;
}
