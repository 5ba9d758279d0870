import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { LoadStatus, SliceCreator } from '../../store/slice';

/** Exchange accounts with their keys' summaries and states. Never holds a secret: core sends none. */
export interface AccountDetailsSlice {
  accountDetails: AccountDetail[];
  accountDetailsStatus: LoadStatus;
  accountDetailsError: string | null;
  beginAccountDetailsLoad(): void;
  setAccountDetails(details: AccountDetail[]): void;
  failAccountDetailsLoad(message: string): void;
}

export const createAccountDetailsSlice: SliceCreator<AccountDetailsSlice> = (set) => ({
  accountDetails: [],
  accountDetailsStatus: 'idle',
  accountDetailsError: null,
  // The previous list stays visible while a refresh is in flight.
  beginAccountDetailsLoad: () => set({ accountDetailsStatus: 'loading', accountDetailsError: null }),
  setAccountDetails: (accountDetails) => set({ accountDetails, accountDetailsStatus: 'ready', accountDetailsError: null }),
  failAccountDetailsLoad: (message) => set({ accountDetailsStatus: 'error', accountDetailsError: message }),
});
