import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import { auditKindLabel } from './audit-kinds';

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

/** "2024-05-01 14:05:09": sortable, and the column header says UTC. */
function formatAuditTime(ms: number): string {
  const parts = Object.fromEntries(timeFormat.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

interface AuditTableProps {
  entries: readonly AuditEntry[];
  accountLabels: ReadonlyMap<string, string>;
}

export function AuditTable({ entries, accountLabels }: AuditTableProps) {
  return (
    <div className="audit-scroll">
      <table className="data-table audit-table num">
        <caption className="visually-hidden">Audit log, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col" className="cell-text">
              Event
            </th>
            <th scope="col" className="cell-text">
              Account
            </th>
            <th scope="col">Key</th>
            <th scope="col" className="cell-text">
              Summary
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-row" data-kind={entry.kind} data-entry-id={entry.id}>
              <td>{formatAuditTime(entry.at)}</td>
              <td className="cell-text">
                <span className={`audit-kind audit-kind--${entry.kind.split('.')[0]}`}>{auditKindLabel(entry.kind)}</span>
              </td>
              <td className="cell-text">{entry.accountId === null ? '—' : (accountLabels.get(entry.accountId) ?? entry.accountId)}</td>
              <td>{entry.keyVersion === null ? '—' : `v${entry.keyVersion}`}</td>
              <td className="cell-text audit-summary">{entry.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
