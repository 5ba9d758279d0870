import { useCallback } from 'react';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { useCoalescedRefresh } from '../../lib/hooks/use-coalesced-refresh';
import { useThrottledTrigger } from '../../lib/hooks/use-throttled-trigger';
import { useRefreshOnReconnect } from '../../lib/hooks/use-refresh-on-reconnect';
import { useStore } from '../../store';
import { loadPortfolio } from './load-portfolio';

/**
 * `portfolio.changed` re-reads the snapshot at most this often. Balances can change with every
 * tick of a busy paper account (core sends `portfolio.changed` up to 10 times a second); four
 * reads a second keep the table current to the eye without re-reading and re-rendering it for
 * every event. The first event after a quiet spell is read at once, the last of a burst always.
 */
export const PORTFOLIO_REFRESH_MS = 250;

/**
 * Keeps the snapshot fresh: re-reads it on `portfolio.changed` (throttled, see above), on
 * `accounts.changed` (a removed account must leave the totals) and after a reconnect. Returns a
 * refresh for Retry and for a change of valuation currency.
 */
export function usePortfolio(): () => void {
  const client = useRpcClient();
  const refresh = useCoalescedRefresh(useCallback(() => loadPortfolio(client, useStore), [client]));
  const refreshOnChange = useThrottledTrigger(() => void refresh(), PORTFOLIO_REFRESH_MS);

  useRpcEvent('portfolio.changed', refreshOnChange);
  useRpcEvent('accounts.changed', () => void refresh());

  const epoch = useStore((state) => state.connectionEpoch);
  // Re-read on every mount: while no panel using it was mounted (another workspace was open),
  // its `portfolio.changed` events went unheard, so the stored snapshot may be stale.
  useRefreshOnReconnect(
    epoch,
    () => void refresh(),
    () => true,
  );

  return useCallback(() => void refresh(), [refresh]);
}
