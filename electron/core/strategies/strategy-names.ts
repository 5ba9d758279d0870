/**
 * Naming rules for saved strategies: names are trimmed, single-spaced, at most
 * STRATEGY_NAME_MAX characters and unique ignoring ASCII case (SQLite NOCASE), so two entries
 * in the list can never look the same. Generated names ("SMA cross 2", "X copy") follow the
 * same rules.
 */
import { STRATEGY_NAME_MAX } from '../../../shared/ipc/schemas/strategies';

export function normaliseName(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

/** `base`, else `base 2`, `base 3`…, trimming `base` so the suffix always fits. */
export function firstFreeName(base: string, isTaken: (name: string) => boolean): string {
  const clean = normaliseName(base).slice(0, STRATEGY_NAME_MAX) || 'Strategy';
  if (!isTaken(clean)) return clean;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const candidate = `${clean.slice(0, STRATEGY_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}

/** "X copy", else "X copy 2"… */
export function copyName(original: string, isTaken: (name: string) => boolean): string {
  const suffix = ' copy';
  return firstFreeName(`${original.slice(0, STRATEGY_NAME_MAX - suffix.length - 4).trimEnd()}${suffix}`, isTaken);
}
