import { useCallback, useEffect, useRef } from 'react';

/**
 * Wraps a loader so bursts of triggers (events, reconnects, clicks) collapse into at most one
 * request in flight plus one queued behind it. The latest `load` is always the one that runs.
 */
export function useCoalescedRefresh(load: () => Promise<void>): () => Promise<void> {
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  const running = useRef(false);
  const again = useRef(false);

  return useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        await latest.current();
      } while (again.current);
    } finally {
      running.current = false;
    }
  }, []);
}
