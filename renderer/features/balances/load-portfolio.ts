import type { StoreApi } from 'zustand';
import type { RpcClient } from '../../lib/ipc/client';
import { describeError } from '../../lib/ipc/rpc-error';
import type { Store } from '../../store/types';

/** Reads the snapshot of every account, valued in the chosen currency, into the store. Never throws. */
export async function loadPortfolio(client: RpcClient, store: StoreApi<Store>): Promise<void> {
  store.getState().beginPortfolioLoad();
  try {
    const quote = store.getState().portfolioQuote;
    store.getState().setPortfolio(await client.call('portfolio.snapshot', { quote }));
  } catch (error) {
    store.getState().failPortfolioLoad(describeError(error));
  }
}
