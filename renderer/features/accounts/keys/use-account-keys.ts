import { useCallback, useEffect, useState } from 'react';
import type { KeyVersion } from '../../../../shared/ipc/schemas/accounts';
import { useRpcClient, useRpcEvent } from '../../../lib/ipc/client-context';
import { useCoalescedRefresh } from '../../../lib/hooks/use-coalesced-refresh';
import { describeError } from '../../../lib/ipc/rpc-error';

export interface AccountKeys {
  status: 'loading' | 'ready' | 'error';
  keys: KeyVersion[];
  error: string | null;
  retry: () => void;
  /** Rotate and revoke answer with the new list: show it without another round trip. */
  replace: (keys: KeyVersion[]) => void;
}

/** An account's key versions, newest first; re-read when core says the account changed. */
export function useAccountKeys(accountId: string): AccountKeys {
  const client = useRpcClient();
  const [state, setState] = useState<Omit<AccountKeys, 'retry' | 'replace'>>({ status: 'loading', keys: [], error: null });

  const replace = useCallback((keys: KeyVersion[]) => {
    setState({ status: 'ready', keys: [...keys].sort((a, b) => b.version - a.version), error: null });
  }, []);
  const refresh = useCoalescedRefresh(
    useCallback(async () => {
      try {
        replace(await client.call('accounts.keys', { accountId }));
      } catch (error) {
        setState((previous) => ({ ...previous, status: 'error', error: describeError(error) }));
      }
    }, [client, accountId, replace]),
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useRpcEvent('accounts.changed', ({ accountIds }) => {
    if (accountIds.length === 0 || accountIds.includes(accountId)) void refresh();
  });

  const retry = useCallback(() => {
    setState((previous) => ({ ...previous, status: 'loading', error: null }));
    void refresh();
  }, [refresh]);
  return { ...state, retry, replace };
}
