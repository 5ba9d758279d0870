import type { StoreApi } from 'zustand';
import type { RpcClient } from '../../lib/ipc/client';
import type { Store } from '../../store/types';

/** Reads core's settings into the store (start-up and reconnects). A failure keeps what the browser last had and is left to the Settings dialog to show. */
export async function loadSettings(client: RpcClient, store: StoreApi<Store>): Promise<void> {
  const settings = await client.call('settings.get');
  store.getState().setSettings(settings);
}
