/** A tiny observable value for useSyncExternalStore: lets the legend follow the crosshair and
 * live bars without routing them through the store or re-rendering the chart panel. */
export interface ValueSource<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}

export interface WritableValueSource<T> extends ValueSource<T> {
  set(value: T): void;
}

export function createValueSource<T>(initial: T): WritableValueSource<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
