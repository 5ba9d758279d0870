/**
 * The secrets core holds in memory right now (API keys and secrets of built exchange clients, the
 * host's access token, the store passphrase), so the log redactor can remove them by value. They
 * are already in this process's memory; this keeps one more reference, never a copy on disk.
 */
const MIN_LENGTH = 6;
const MAX_TRACKED = 1000;
const live = new Set<string>();

export function rememberSecrets(...values: Array<string | undefined | null>): void {
  for (const value of values) {
    if (typeof value !== 'string' || value.length < MIN_LENGTH) continue;
    // Oldest first out: a long-running host that rotates keys often must not grow without bound.
    if (live.size >= MAX_TRACKED) live.delete(live.values().next().value as string);
    live.add(value);
  }
}

export function liveSecrets(): readonly string[] {
  return [...live];
}
