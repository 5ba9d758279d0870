import type { RefObject } from 'react';
import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import { WindowedTableBody } from '../../ui/WindowedTableBody';
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
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Older entries exist: asked for when the view nears the last loaded one. */
  onNearEnd?: () => void;
  loadingMore: boolean;
  hasMore: boolean;
}

/** The entries, newest first, mounting only the rows in view. */
export function AuditTable({ entries, accountLabels, scrollRef, onNearEnd, loadingMore, hasMore }: AuditTableProps) {
  return (
    <div className="audit-scroll" ref={scrollRef}>
      <table className="data-table data-table--windowed audit-table num" aria-rowcount={hasMore ? -1 : entries.length + 1}>
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
        <WindowedTableBody
          rows={entries}
          scrollRef={scrollRef}
          columns={5}
          onNearEnd={onNearEnd}
          loadingMore={loadingMore}
          renderRow={(entry, index) => (
            <tr key={entry.id} data-row aria-rowindex={index + 2} data-testid="audit-row" data-kind={entry.kind} data-entry-id={entry.id}>
              <td>{formatAuditTime(entry.at)}</td>
              <td className="cell-text">
                <span className={`audit-kind audit-kind--${entry.kind.split('.')[0]}`}>{auditKindLabel(entry.kind)}</span>
              </td>
              <td className="cell-text">{entry.accountId === null ? '—' : (accountLabels.get(entry.accountId) ?? entry.accountId)}</td>
              <td>{entry.keyVersion === null ? '—' : `v${entry.keyVersion}`}</td>
              <td className="cell-text audit-summary" title={entry.summary}>
                {entry.summary}
              </td>
            </tr>
          )}
        />
      </table>
    </div>
  );
}
