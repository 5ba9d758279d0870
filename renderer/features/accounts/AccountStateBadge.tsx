import type { AccountState } from '../../../shared/ipc/schemas/accounts';
import { describeAccountState } from './account-state-label';
import '../../ui/chips.css';

/** An account's health at a glance; core's explanation is the tooltip (and shown in full nearby). */
export function AccountStateBadge({ state }: { state: AccountState }) {
  const { text, tone } = describeAccountState(state);
  return (
    <span className={`state-badge state-badge--${tone}`} data-testid="account-state" data-state={state.status} title={state.message}>
      <span className="state-badge-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
