import { useId } from 'react';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { AccountStateBadge } from './AccountStateBadge';
import { RightsChips } from './RightsChips';
import { marketTypeLabel } from './MarketTypeField';
import '../../ui/chips.css';
import { formatUtcMinute } from '../../lib/format/time';

interface AccountCardProps {
  account: AccountDetail;
  keysOpen: boolean;
  keysPanelId: string;
  onRotate: () => void;
  onToggleKeys: () => void;
  onRemove: () => void;
}

/** Why trading is off: a read-only key, or no key at all (revoked). */
function blockedHeadline(account: AccountDetail): string {
  return account.activeKey ? 'Read-only: trading disabled' : 'Trading disabled';
}

/** One account: exchange, environment, state, active key and its rights, with the key actions. */
export function AccountCard({ account, keysOpen, keysPanelId, onRotate, onToggleKeys, onRemove }: AccountCardProps) {
  const titleId = useId();
  const key = account.activeKey;
  const live = account.kind === 'live';
  return (
    <article className="account-card" aria-labelledby={titleId} data-testid="account-card" data-account-id={account.id}>
      <header className="account-card-header">
        <h3 className="account-card-title" id={titleId}>
          {account.label}
        </h3>
        <span className="account-card-exchange">{account.exchangeName}</span>
        <span className={`chip ${live ? 'chip--accent' : ''}`}>{live ? 'Live' : 'Paper'}</span>
        {account.sandbox ? (
          <span className="chip chip--warn" title="ccxt sandbox mode: the exchange's testnet, play money">
            Testnet
          </span>
        ) : null}
        {account.marketType === 'swap' ? (
          <span className="chip" title="USDT-margined linear perpetuals, one-way mode, 1× leverage set by Tradewind">
            {marketTypeLabel(account.marketType)}
          </span>
        ) : null}
        <AccountStateBadge state={account.state} />
      </header>

      {account.state.status !== 'ok' ? <p className="account-card-state-message">{account.state.message}</p> : null}

      {live ? (
        <div className="account-card-key">
          <span className="account-card-key-label num" data-testid="active-key">
            {key ? `Key v${key.version} …${key.last4}` : 'No active key'}
          </span>
          {key ? <span className="account-card-key-age num">added {formatUtcMinute(key.createdAt)}</span> : null}
          {key ? <RightsChips rights={key.rights} /> : null}
        </div>
      ) : (
        <p className="account-card-note">Simulated funds against live prices: no API key needed.</p>
      )}
      {key?.rights.advice ? <p className="account-card-advice">{key.rights.advice}</p> : null}

      {!account.canTrade ? (
        <div className="note note--warn" data-testid="trade-blocked">
          <strong>{blockedHeadline(account)}</strong>
          {account.tradeBlockedReason}
        </div>
      ) : null}

      {account.rotationDue ? (
        <div className="note note--warn account-card-reminder" data-testid="rotation-reminder">
          Key is older than {account.keyMaxAgeDays} days — rotate it
        </div>
      ) : null}

      {live ? (
        <div className="account-card-actions">
          <button type="button" className="button" onClick={onRotate}>
            Rotate key
          </button>
          <button
            type="button"
            className="button"
            aria-expanded={keysOpen}
            aria-controls={keysOpen ? keysPanelId : undefined}
            onClick={onToggleKeys}
          >
            Keys
          </button>
          <button type="button" className="button button--danger" onClick={onRemove}>
            Remove
          </button>
        </div>
      ) : null}
    </article>
  );
}
