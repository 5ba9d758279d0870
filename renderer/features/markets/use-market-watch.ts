import { useEffect } from 'react';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { isWatchableSymbol, watchedSymbols } from './watchable-symbol';

export const WATCH_DEBOUNCE_MS = 150;

interface WatchOptions {
  /** False where something else sends this window's watch (the docking workspace sends one for all its panels). */
  enabled?: boolean;
  /** Markets charted besides the selected one (the dock's colour link groups): their tickers and candles too. */
  linkedSymbols?: readonly string[];
}

/**
 * Tells core what this window shows (market.watch replaces the session's watched set): the visible
 * rows and the charts' markets and timeframe. Debounced so scrolling does not flood the host;
 * re-sent after a reconnect because the host forgets a dropped session's watches.
 */
export function useMarketWatch(visibleSymbols: readonly string[], { enabled = true, linkedSymbols = [] }: WatchOptions = {}): void {
  const client = useRpcClient();
  const accountId = useStore((state) => state.selectedAccountId);
  const marketsReady = useStore((state) => state.marketsStatus === 'ready' && state.marketsAccountId === state.selectedAccountId);
  const selectedSymbol = useStore((state) => state.selectedSymbol);
  const timeframe = useStore((state) => state.timeframe);
  const connection = useStore((state) => state.connection);
  const epoch = useStore((state) => state.connectionEpoch);
  const linked = linkedSymbols.filter((symbol) => symbol !== selectedSymbol && isWatchableSymbol(symbol));
  const linkedKey = [...new Set(linked)].join('\n');
  // A string key: a re-render with an equal list must not restart the debounce.
  const symbolsKey = watchedSymbols(selectedSymbol, [...linked, ...visibleSymbols]).join('\n');

  useEffect(() => {
    if (!enabled || !accountId || !marketsReady || connection !== 'open') return;
    const symbols = symbolsKey ? symbolsKey.split('\n') : [];
    const candles = selectedSymbol && isWatchableSymbol(selectedSymbol) ? { symbol: selectedSymbol, timeframe } : undefined;
    const moreCandles = linkedKey ? linkedKey.split('\n').map((symbol) => ({ symbol, timeframe })) : [];
    const timer = setTimeout(() => {
      client
        .call('market.watch', {
          accountId,
          symbols,
          ...(candles ? { candles } : {}),
          ...(moreCandles.length > 0 ? { moreCandles } : {}),
        })
        .catch((error: unknown) => console.warn(`market.watch failed: ${describeError(error)}`));
    }, WATCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [client, enabled, accountId, marketsReady, symbolsKey, linkedKey, selectedSymbol, timeframe, connection, epoch]);
}
