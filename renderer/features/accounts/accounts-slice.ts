import type { Account } from '../../../shared/ipc/contract';
import type { SliceCreator } from '../../store/slice';

export interface AccountsSlice {
  accounts: Account[];
  selectedAccountId: string | null;
  /** Keeps the current selection when it still exists, else picks the first paper account. */
  setAccounts(accounts: Account[]): void;
  selectAccount(accountId: string): void;
}

/** A new install opens on its paper account, so prefer one when nothing is chosen yet. */
export function defaultAccountId(accounts: readonly Account[]): string | null {
  return (accounts.find((account) => account.kind === 'paper') ?? accounts[0])?.id ?? null;
}

export const createAccountsSlice: SliceCreator<AccountsSlice> = (set, get) => ({
  accounts: [],
  selectedAccountId: null,
  setAccounts: (accounts) => {
    const current = get().selectedAccountId;
    const stillThere = current !== null && accounts.some((account) => account.id === current);
    set({ accounts, selectedAccountId: stillThere ? current : defaultAccountId(accounts) });
  },
  selectAccount: (accountId) => {
    if (!get().accounts.some((account) => account.id === accountId)) return;
    set({ selectedAccountId: accountId });
  },
});
