import { useCallback, useEffect, useRef } from 'react';

/**
 * Wraps `trigger` so it runs at most once per `intervalMs`: a call after a quiet spell runs at
 * once, calls within the interval collapse into one run at its end, so the last call of a
 * burst is never lost. For events that can arrive with every tick of a stream.
 */
export function useThrottledTrigger(trigger: () => void, intervalMs: number): () => void {
  const latest = useRef(trigger);
  useEffect(() => {
    latest.current = trigger;
  });
  const lastRun = useRef(Number.NEGATIVE_INFINITY);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  return useCallback(() => {
    if (timer.current !== null) return;
    const run = () => {
      timer.current = null;
      lastRun.current = Date.now();
      latest.current();
    };
    const wait = lastRun.current + intervalMs - Date.now();
    if (wait <= 0) run();
    else timer.current = setTimeout(run, wait);
  }, [intervalMs]);
}
