import type { StoreApi } from 'zustand';
import type { Market } from '../../../shared/ipc/contract';
import type { RpcClient } from '../../lib/ipc/client';
import { describeError } from '../../lib/ipc/rpc-error';
import type { Store } from '../../store/types';

/** Reads the account's favourites from core into the store. Never throws. */
export async function loadFavourites(client: RpcClient, store: StoreApi<Store>, accountId: string): Promise<void> {
  try {
    const { symbols } = await client.call('favourites.list', { accountId });
    store.getState().setFavourites(accountId, symbols);
  } catch (error) {
    store.getState().failFavourites(accountId, `Could not load favourites: ${describeError(error)}`);
  }
}

/**
 * Stars or unstars a market: the row changes at once, core's answer then becomes the truth, and a
 * refusal puts the star back and says why. Never throws.
 */
export async function toggleFavourite(client: RpcClient, store: StoreApi<Store>, accountId: string, symbol: string): Promise<void> {
  const favourite = !store.getState().favouriteSymbols[symbol];
  store.getState().setFavourite(accountId, symbol, favourite);
  try {
    const { symbols } = await client.call('favourites.set', { accountId, symbol, favourite });
    store.getState().setFavourites(accountId, symbols);
  } catch (error) {
    store.getState().setFavourite(accountId, symbol, !favourite);
    store.getState().failFavourites(accountId, `Could not ${favourite ? 'add' : 'remove'} ${symbol}: ${describeError(error)}`);
  }
}

/** The favourites that are markets of the current list, in the order they were starred. */
export function favouriteMarkets(favourites: readonly string[], marketsBySymbol: Record<string, Market>): Market[] {
  const result: Market[] = [];
  for (const symbol of favourites) {
    const market = marketsBySymbol[symbol];
    if (market) result.push(market);
  }
  return result;
}
