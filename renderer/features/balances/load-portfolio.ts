import type { StoreApi } from 'zustand';
import type { RpcClient } from '../../lib/ipc/client';
import { describeError } from '../../lib/ipc/rpc-error';
import type { Store } from '../../store/types';

export const PORTFOLIO_QUOTE = 'USDT';

/** Reads the valued snapshot of every account into the store. Never throws. */
export async function loadPortfolio(client: RpcClient, store: StoreApi<Store>): Promise<void> {
  store.getState().beginPortfolioLoad();
  try {
    store.getState().setPortfolio(await client.call('portfolio.snapshot', { quote: PORTFOLIO_QUOTE }));
  } catch (error) {
    store.getState().failPortfolioLoad(describeError(error));
  }
}
