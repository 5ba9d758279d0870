import { useRpcEvent } from '../../lib/ipc/client-context';
import { useStore } from '../../store';

/** Merges the conflated `tickers` batches (~10 Hz) into the store; rows re-render per symbol. */
export function useTickerStream(): void {
  useRpcEvent('tickers', (payload) => useStore.getState().applyTickers(payload.tickers));
}
