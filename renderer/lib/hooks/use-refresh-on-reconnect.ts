import { useEffect, useRef } from 'react';

/**
 * Runs `refresh` after the connection reopens (`epoch` grew past its first open: the host may
 * have missed events meanwhile) and on mount when `needsInitialLoad()` says nothing is loaded yet.
 * The latest callbacks are used; only a change of `epoch` re-runs the check.
 */
export function useRefreshOnReconnect(epoch: number, refresh: () => void, needsInitialLoad: () => boolean): void {
  const seenEpoch = useRef(epoch);
  const callbacks = useRef({ refresh, needsInitialLoad });
  useEffect(() => {
    callbacks.current = { refresh, needsInitialLoad };
  });
  useEffect(() => {
    // The first open (0 → 1) is the initial connect, not a reconnect.
    const reconnected = seenEpoch.current > 0 && epoch > seenEpoch.current;
    seenEpoch.current = epoch;
    if (reconnected || callbacks.current.needsInitialLoad()) callbacks.current.refresh();
  }, [epoch]);
}
