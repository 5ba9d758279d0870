import type { StoreApi } from 'zustand';
import type { RpcClient } from '../../lib/ipc/client';
import { describeError } from '../../lib/ipc/rpc-error';
import type { Store } from '../../store/types';

/** Fetches an account's markets, timeframes and first tickers into the store. Never throws. */
export async function loadMarkets(client: RpcClient, store: StoreApi<Store>, accountId: string): Promise<void> {
  store.getState().beginMarketsLoad(accountId);
  try {
    const list = await client.call('markets.list', { accountId });
    store.getState().setMarketList(accountId, list);
  } catch (error) {
    store.getState().failMarketsLoad(accountId, describeError(error));
  }
}
