import { useCallback, useEffect, useRef } from 'react';
import { useRpcClient } from '../../lib/ipc/client-context';
import { useStore } from '../../store';
import { loadFavourites } from './favourites';
import { loadMarkets } from './load-markets';

/**
 * Keeps the store's market list and favourites on the selected account: loads it when the account changes and
 * after a reconnect (tickers may have moved meanwhile). Returns a retry for the error state.
 */
export function useMarketList(): () => void {
  const client = useRpcClient();
  const accountId = useStore((state) => state.selectedAccountId);
  const epoch = useStore((state) => state.connectionEpoch);
  const seenEpoch = useRef(epoch);

  useEffect(() => {
    if (!accountId) return;
    // The first open (0 → 1) is the initial connect, not a reconnect.
    const reconnected = seenEpoch.current > 0 && epoch > seenEpoch.current;
    seenEpoch.current = epoch;
    const state = useStore.getState();
    const alreadyCovered = state.marketsAccountId === accountId && state.marketsStatus !== 'idle';
    if (!alreadyCovered || reconnected) void loadMarkets(client, useStore, accountId);
    // Start-up loads the markets without the favourites (bootstrap), so they are read here.
    // After beginMarketsLoad, so they land on this account's (reset) list.
    const favouritesCovered = alreadyCovered && state.favouritesAccountId === accountId && state.favouritesLoaded;
    if (!favouritesCovered || reconnected) void loadFavourites(client, useStore, accountId);
  }, [client, accountId, epoch]);

  return useCallback(() => {
    if (!accountId) return;
    void loadMarkets(client, useStore, accountId);
    void loadFavourites(client, useStore, accountId);
  }, [client, accountId]);
}
