import { useCallback, useEffect } from 'react';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { useCoalescedRefresh } from '../../lib/hooks/use-coalesced-refresh';
import { useRefreshOnReconnect } from '../../lib/hooks/use-refresh-on-reconnect';
import { useStore } from '../../store';
import { loadAccountDetails } from './load-account-details';

/**
 * Keeps the account details current while the Accounts workspace is open: read on mount (they
 * were not followed while it was closed), on `accounts.changed`, on `portfolio.changed` (each
 * balance read may change an account's state) and after a reconnect. Returns a refresh for Retry.
 */
export function useAccountDetails(): () => void {
  const client = useRpcClient();
  const refresh = useCoalescedRefresh(useCallback(() => loadAccountDetails(client, useStore), [client]));

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useRpcEvent('accounts.changed', () => void refresh());
  useRpcEvent('portfolio.changed', () => void refresh());

  const epoch = useStore((state) => state.connectionEpoch);
  useRefreshOnReconnect(
    epoch,
    () => void refresh(),
    () => false,
  );

  return useCallback(() => void refresh(), [refresh]);
}
