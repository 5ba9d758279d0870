import { useRpcEvent } from '../../lib/ipc/client-context';
import { useStore } from '../../store';

/** Follows live ↔ replay switches announced by core. */
export function useMarketDataStatus(): void {
  useRpcEvent('marketData.status', (status) => useStore.getState().setMarketDataStatus(status));
}
