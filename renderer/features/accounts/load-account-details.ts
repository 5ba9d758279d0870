import type { StoreApi } from 'zustand';
import type { RpcClient } from '../../lib/ipc/client';
import { describeError } from '../../lib/ipc/rpc-error';
import type { Store } from '../../store/types';

/** Reads every account with its active key summary and state into the store. Never throws. */
export async function loadAccountDetails(client: RpcClient, store: StoreApi<Store>): Promise<void> {
  store.getState().beginAccountDetailsLoad();
  try {
    store.getState().setAccountDetails(await client.call('accounts.details'));
  } catch (error) {
    store.getState().failAccountDetailsLoad(describeError(error));
  }
}
