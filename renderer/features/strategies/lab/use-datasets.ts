import { useCallback, useEffect } from 'react';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';

/** The data sets a backtest can use, read on mount and on reconnect; `reload` after a download or import. */
export function useDatasets(): () => void {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const reload = useCallback(() => {
    useStore.getState().beginDatasetsLoad();
    client.call('datasets.list').then(
      (list) => useStore.getState().setDatasets(list),
      (error: unknown) => useStore.getState().failDatasetsLoad(describeError(error)),
    );
  }, [client]);
  useEffect(() => {
    reload();
  }, [reload, epoch]);
  return reload;
}
