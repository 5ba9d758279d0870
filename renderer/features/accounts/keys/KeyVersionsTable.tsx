import type { KeyVersion } from '../../../../shared/ipc/schemas/accounts';
import { RightsChips } from '../RightsChips';
import { canRevoke, KEY_STATUS_TEXT } from './key-status';
import { formatUtcMinute } from '../../../lib/format/time';

const DASH = '—';

/** "2024-05-01 14:05": the column headers say UTC. */
function minute(ms: number): string {
  return formatUtcMinute(ms).replace(/ UTC$/, '');
}

function retirement(key: KeyVersion): string {
  if (key.retireAt !== null && key.status === 'retiring') return minute(key.retireAt);
  if (key.retiredAt !== null) return `${KEY_STATUS_TEXT[key.status].text} ${minute(key.retiredAt)}`;
  return DASH;
}

interface KeyVersionsTableProps {
  accountLabel: string;
  keys: readonly KeyVersion[];
  onRevoke: (key: KeyVersion) => void;
}

/** Every key version of an account: status, dates, last 4 characters and rights. */
export function KeyVersionsTable({ accountLabel, keys, onRevoke }: KeyVersionsTableProps) {
  return (
    <div className="keys-scroll">
      <table className="data-table keys-table num">
        <caption className="visually-hidden">Key versions of {accountLabel}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col" className="cell-text">
              Status
            </th>
            <th scope="col">Created (UTC)</th>
            <th scope="col">Last used (UTC)</th>
            <th scope="col">Key</th>
            <th scope="col" className="cell-text">
              Rights
            </th>
            <th scope="col">Retire at (UTC)</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const status = KEY_STATUS_TEXT[key.status];
            return (
              <tr key={key.version} data-testid="key-row" data-version={key.version} data-status={key.status}>
                <th scope="row">v{key.version}</th>
                <td className="cell-text keys-status">
                  <span className={`chip ${status.chip}`} title={status.title}>
                    {status.text}
                  </span>
                  {key.withdrawOverride ? (
                    <span className="chip chip--danger" title="Can withdraw funds: the risk was explicitly accepted when it was added">
                      Override
                    </span>
                  ) : null}
                </td>
                <td>{minute(key.createdAt)}</td>
                <td>{key.lastUsedAt === null ? 'Never' : minute(key.lastUsedAt)}</td>
                <td>…{key.last4}</td>
                <td className="cell-text">
                  <RightsChips rights={key.rights} />
                </td>
                <td>{retirement(key)}</td>
                <td>
                  {canRevoke(key) ? (
                    <button
                      type="button"
                      className="button button--danger button--small"
                      aria-label={`Revoke key v${key.version}`}
                      onClick={() => onRevoke(key)}
                    >
                      Revoke
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
