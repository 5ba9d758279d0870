import { useCallback, useEffect, useRef } from 'react';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { useStore } from '../../store';
import { loadPortfolio } from './load-portfolio';

/**
 * Keeps the snapshot fresh: re-reads it on `portfolio.changed` and after a reconnect. Bursts of
 * events collapse into at most one request in flight plus one queued behind it.
 */
export function usePortfolio(): () => void {
  const client = useRpcClient();
  const running = useRef(false);
  const again = useRef(false);

  const refresh = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        await loadPortfolio(client, useStore);
      } while (again.current);
    } finally {
      running.current = false;
    }
  }, [client]);

  useRpcEvent('portfolio.changed', () => void refresh());

  const epoch = useStore((state) => state.connectionEpoch);
  const seenEpoch = useRef(epoch);
  useEffect(() => {
    const reconnected = seenEpoch.current > 0 && epoch > seenEpoch.current;
    seenEpoch.current = epoch;
    // Nobody loaded it yet (the panel is hosted without the app's start-up), or it may be stale.
    if (reconnected || useStore.getState().portfolioStatus === 'idle') void refresh();
  }, [epoch, refresh]);

  return useCallback(() => void refresh(), [refresh]);
}
