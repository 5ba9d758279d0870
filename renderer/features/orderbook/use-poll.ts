import { useEffect, useState } from 'react';
import { describeError } from '../../lib/ipc/rpc-error';

export const POLL_MS = 2_000;
/** When core answers from a websocket-maintained book, asking again costs no exchange request. */
export const STREAMING_POLL_MS = 250;

interface PollState<T> {
  key: string;
  data: T | null;
  error: string | null;
}

/**
 * Calls `load` now and then every `intervalMs` after each reply (never overlapping), while the
 * window is visible. `key` names what is loaded: when it changes the old loop stops, its late
 * replies are ignored, and the previous data is not shown for the new key.
 */
export function usePoll<T>(
  key: string | null,
  load: () => Promise<T>,
  /** A fixed interval, or one chosen from the latest answer (e.g. faster when it is cheap). */
  intervalMs: number | ((data: T) => number) = POLL_MS,
): { data: T | null; error: string | null } {
  const [state, setState] = useState<PollState<T> | null>(null);

  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let next = typeof intervalMs === 'number' ? intervalMs : POLL_MS;
    const tick = async () => {
      // A hidden window does not need a fresh book; skip the request, keep the schedule.
      if (document.visibilityState !== 'hidden') {
        try {
          const data = await load();
          if (typeof intervalMs === 'function') next = intervalMs(data);
          if (!cancelled) setState({ key, data, error: null });
        } catch (error) {
          if (!cancelled) setState((prev) => ({ key, data: prev?.key === key ? prev.data : null, error: describeError(error) }));
        }
      }
      if (!cancelled) timer = setTimeout(() => void tick(), next);
    };
    void tick();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, load, intervalMs]);

  if (!state || state.key !== key) return { data: null, error: null };
  return { data: state.data, error: state.error };
}
