import { useCallback } from 'react';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { useCoalescedRefresh } from '../../lib/hooks/use-coalesced-refresh';
import { useRefreshOnReconnect } from '../../lib/hooks/use-refresh-on-reconnect';
import { useStore } from '../../store';
import { loadPortfolio } from './load-portfolio';

/**
 * Keeps the snapshot fresh: re-reads it on `portfolio.changed`, on `accounts.changed` (a removed
 * account must leave the totals) and after a reconnect. Returns a refresh for Retry and for a
 * change of valuation currency.
 */
export function usePortfolio(): () => void {
  const client = useRpcClient();
  const refresh = useCoalescedRefresh(useCallback(() => loadPortfolio(client, useStore), [client]));

  useRpcEvent('portfolio.changed', () => void refresh());
  useRpcEvent('accounts.changed', () => void refresh());

  const epoch = useStore((state) => state.connectionEpoch);
  // Re-read on every mount: while no panel using it was mounted (another workspace was open),
  // its `portfolio.changed` events went unheard, so the stored snapshot may be stale.
  useRefreshOnReconnect(epoch, () => void refresh(), () => true);

  return useCallback(() => void refresh(), [refresh]);
}
