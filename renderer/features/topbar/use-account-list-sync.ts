import { useCallback } from 'react';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { useCoalescedRefresh } from '../../lib/hooks/use-coalesced-refresh';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';

/** Re-reads the account list when accounts are added or removed, wherever the person is. */
export function useAccountListSync(): void {
  const client = useRpcClient();
  const refresh = useCoalescedRefresh(
    useCallback(async () => {
      try {
        useStore.getState().setAccounts(await client.call('accounts.list'));
      } catch (error) {
        // The selector keeps the previous list; the next change or a reconnect reads it again.
        console.warn(`accounts.list failed: ${describeError(error)}`);
      }
    }, [client]),
  );
  useRpcEvent('accounts.changed', () => void refresh());
}
