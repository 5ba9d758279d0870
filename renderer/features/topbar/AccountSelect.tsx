import type { Account } from '../../../shared/ipc/contract';
import { useStore } from '../../store';

function optionLabel(account: Account): string {
  return `${account.label} · ${account.kind === 'paper' ? 'Paper' : account.exchangeId}`;
}

export function AccountSelect() {
  const accounts = useStore((state) => state.accounts);
  const selectedAccountId = useStore((state) => state.selectedAccountId);
  const selectAccount = useStore((state) => state.selectAccount);
  return (
    <select
      className="account-select"
      aria-label="Account"
      value={selectedAccountId ?? ''}
      disabled={accounts.length === 0}
      onChange={(event) => selectAccount(event.target.value)}
    >
      {accounts.length === 0 ? <option value="">No account</option> : null}
      {accounts.map((account) => (
        <option key={account.id} value={account.id}>
          {optionLabel(account)}
        </option>
      ))}
    </select>
  );
}
