import { useCallback, useEffect } from 'react';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';

export interface StrategyActions {
  reload(): void;
  open(id: string): Promise<void>;
  create(input: { template?: string; graph?: StrategyGraph; name?: string }): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

/**
 * Saved strategies: the list is read on first mount (and on reconnect), every change goes
 * through core and the list follows what core answers. Errors are thrown to the caller, which
 * shows them where the person acted (a dialog, the list's notice line).
 */
export function useStrategyActions(): StrategyActions {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);

  const reload = useCallback(() => {
    const store = useStore.getState();
    store.beginStrategyListLoad();
    client.call('strategies.list').then(
      (list) => useStore.getState().setStrategyList(list),
      (error: unknown) => useStore.getState().failStrategyListLoad(describeError(error)),
    );
  }, [client]);

  useEffect(() => {
    // Read on mount and whenever the connection comes back (another window may have changed them).
    reload();
  }, [reload, epoch]);

  const open = useCallback(
    async (id: string) => {
      const record = await client.call('strategies.get', { id });
      useStore.getState().openStrategyRecord(record);
    },
    [client],
  );

  return {
    reload,
    open,
    async create(input) {
      const record = await client.call('strategies.create', input);
      useStore.getState().openStrategyRecord(record);
    },
    async rename(id, name) {
      const summary = await client.call('strategies.rename', { id, name });
      useStore.getState().applyStrategySummary(summary);
    },
    async duplicate(id) {
      const record = await client.call('strategies.duplicate', { id });
      useStore.getState().openStrategyRecord(record);
    },
    async remove(id) {
      await client.call('strategies.delete', { id });
      const store = useStore.getState();
      if (store.openStrategy?.id === id) store.closeStrategy();
      store.setStrategyList(store.strategyList.filter((s) => s.id !== id));
    },
  };
}
