import type { StateCreator } from 'zustand';
import type { AppSlice, Store } from './types';

export const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set) => ({
  appInfo: null,
  marketData: null,
  connection: 'connecting',
  connectionEpoch: 0,
  bootError: null,
  setAppInfo: (info) => set({ appInfo: info, marketData: info.marketData }),
  setMarketDataStatus: (status) => set({ marketData: status }),
  setConnection: (connection) =>
    set((state) => {
      if (state.connection === connection) return state;
      const reopened = connection === 'open';
      return { connection, connectionEpoch: reopened ? state.connectionEpoch + 1 : state.connectionEpoch };
    }),
  setBootError: (bootError) => set({ bootError }),
});
