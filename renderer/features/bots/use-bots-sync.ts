import { useCallback, useEffect } from 'react';
import { useCoalescedRefresh } from '../../lib/hooks/use-coalesced-refresh';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';

/**
 * Keeps the store's bots current while the Bots workspace (or anything else that needs them) is
 * mounted: the list from `bots.list` on mount and after a reconnect, then `bots.changed` /
 * `bots.deleted` applied as they come.
 */
export function useBotsSync(): { reload: () => void } {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);

  const load = useCallback(async () => {
    const state = useStore.getState();
    state.beginBotsLoad();
    try {
      state.setBots(await client.call('bots.list'));
    } catch (error) {
      useStore.getState().failBotsLoad(describeError(error));
    }
  }, [client]);
  const refresh = useCoalescedRefresh(load);

  useEffect(() => {
    void refresh();
  }, [refresh, epoch]);

  useRpcEvent('bots.changed', (payload) => useStore.getState().applyBotViews(payload.bots));
  useRpcEvent('bots.deleted', (payload) => useStore.getState().removeBots(payload.ids));

  return { reload: () => void refresh() };
}
