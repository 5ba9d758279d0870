import { useCallback, useSyncExternalStore } from 'react';

/**
 * Small UI choices that should survive a reload (which tab a panel shows), kept in localStorage
 * under `tradewind.ui.<key>`. Readable and settable from outside the component too (the command
 * palette opens a panel's tab through `setPersistedChoice`). A stored value that is no longer a
 * valid choice is ignored.
 */
const PREFIX = 'tradewind.ui.';
const listeners = new Map<string, Set<() => void>>();
const memory = new Map<string, string>();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readPersistedChoice(key: string): string | null {
  return memory.get(key) ?? storage()?.getItem(PREFIX + key) ?? null;
}

export function setPersistedChoice(key: string, value: string): void {
  memory.set(key, value);
  try {
    storage()?.setItem(PREFIX + key, value);
  } catch {
    // Storage full or refused: the choice still holds until the page is reloaded.
  }
  for (const listener of listeners.get(key) ?? []) listener();
}

function subscribe(key: string, listener: () => void): () => void {
  let set = listeners.get(key);
  if (!set) {
    set = new Set();
    listeners.set(key, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** Test isolation: forget what this page remembered (localStorage is cleared by the test). */
export function resetPersistedChoices(): void {
  memory.clear();
}

export function usePersistedChoice<T extends string>(key: string, fallback: T, choices: readonly T[]): [T, (value: T) => void] {
  const read = useCallback(() => {
    const stored = readPersistedChoice(key);
    return stored !== null && (choices as readonly string[]).includes(stored) ? (stored as T) : fallback;
  }, [key, fallback, choices]);
  const value = useSyncExternalStore(
    useCallback((listener: () => void) => subscribe(key, listener), [key]),
    read,
    read,
  );
  const set = useCallback((next: T) => setPersistedChoice(key, next), [key]);
  return [value, set];
}
