import type { StateCreator } from 'zustand';
import type { AccountDetailsSlice, Store } from './types';

export const createAccountDetailsSlice: StateCreator<Store, [], [], AccountDetailsSlice> = (set) => ({
  accountDetails: [],
  accountDetailsStatus: 'idle',
  accountDetailsError: null,
  // The previous list stays visible while a refresh is in flight.
  beginAccountDetailsLoad: () => set({ accountDetailsStatus: 'loading', accountDetailsError: null }),
  setAccountDetails: (accountDetails) => set({ accountDetails, accountDetailsStatus: 'ready', accountDetailsError: null }),
  failAccountDetailsLoad: (message) => set({ accountDetailsStatus: 'error', accountDetailsError: message }),
});
