import { useEffect } from 'react';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { isWatchableSymbol, watchedSymbols } from './watchable-symbol';

export const WATCH_DEBOUNCE_MS = 150;

/**
 * Tells core what this window shows (market.watch replaces the session's watched set): the visible
 * rows and the chart's market and timeframe. Debounced so scrolling does not flood the host;
 * re-sent after a reconnect because the host forgets a dropped session's watches.
 */
export function useMarketWatch(visibleSymbols: readonly string[]): void {
  const client = useRpcClient();
  const accountId = useStore((state) => state.selectedAccountId);
  const marketsReady = useStore((state) => state.marketsStatus === 'ready' && state.marketsAccountId === state.selectedAccountId);
  const selectedSymbol = useStore((state) => state.selectedSymbol);
  const timeframe = useStore((state) => state.timeframe);
  const connection = useStore((state) => state.connection);
  const epoch = useStore((state) => state.connectionEpoch);
  // A string key: a re-render with an equal list must not restart the debounce.
  const symbolsKey = watchedSymbols(selectedSymbol, visibleSymbols).join('\n');

  useEffect(() => {
    if (!accountId || !marketsReady || connection !== 'open') return;
    const symbols = symbolsKey ? symbolsKey.split('\n') : [];
    const candles = selectedSymbol && isWatchableSymbol(selectedSymbol) ? { symbol: selectedSymbol, timeframe } : undefined;
    const timer = setTimeout(() => {
      client
        .call('market.watch', candles ? { accountId, symbols, candles } : { accountId, symbols })
        .catch((error: unknown) => console.warn(`market.watch failed: ${describeError(error)}`));
    }, WATCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [client, accountId, marketsReady, symbolsKey, selectedSymbol, timeframe, connection, epoch]);
}
