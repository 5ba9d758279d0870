import { useMemo } from 'react';
import { useStore } from '../../store';
import { LiveConfirmToggle } from '../ticket/LiveConfirmToggle';
import { SettingsGroup } from './SettingsSection';

/**
 * Per live account: ask before each order. Turning it off goes through the host's trusted
 * confirmation (native dialog or printed code), exactly as from the ticket.
 */
export function ConfirmationSettings() {
  const accounts = useStore((state) => state.accounts);
  const live = useMemo(() => accounts.filter((account) => account.kind === 'live'), [accounts]);
  return (
    <SettingsGroup title="Order confirmations">
      {live.length === 0 ? (
        <p className="field-hint">
          Paper orders are sent without a confirmation. Live accounts ask before every order; add one under Accounts to choose here.
        </p>
      ) : (
        live.map((account) => (
          <div key={account.id} className="settings-inline">
            <span className="settings-account">{account.label}</span>
            <LiveConfirmToggle accountId={account.id} onChange={() => {}} />
          </div>
        ))
      )}
      <p className="field-hint">
        Turning confirmations off is confirmed by the host (a system dialog, or a code printed by the headless host).
      </p>
    </SettingsGroup>
  );
}
