/**
 * Undo/redo as a history of graph snapshots (graphs are immutable values, so a snapshot is a
 * reference, not a copy). Edits that belong together share a coalescing key: every pixel of one
 * drag, or every keystroke in one parameter field, becomes one step, until the gesture ends.
 */
export const HISTORY_LIMIT = 100;

export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The key of the last commit while its gesture is still going on. */
  coalesceKey: string | null;
}

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], coalesceKey: null };
}

export function commit<T>(history: History<T>, next: T, key?: string): History<T> {
  if (next === history.present) return history;
  if (key !== undefined && key === history.coalesceKey) return { ...history, present: next, future: [] };
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], coalesceKey: key ?? null };
}

/** Ends the current gesture: the next commit with the same key is a new step. */
export function endCoalescing<T>(history: History<T>): History<T> {
  return history.coalesceKey === null ? history : { ...history, coalesceKey: null };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], coalesceKey: null };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present].slice(-HISTORY_LIMIT), present: next, future: rest, coalesceKey: null };
}
