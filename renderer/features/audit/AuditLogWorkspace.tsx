import { useMemo, useRef, useState } from 'react';
import { useStore } from '../../store';
import { PanelMessage } from '../../ui/PanelMessage';
import { AuditFiltersBar, type AccountOption } from './AuditFiltersBar';
import { hasFilters, NO_FILTERS, type AuditFilters } from './audit-query';
import { AuditTable } from './AuditTable';
import { useAuditLog } from './use-audit-log';
import '../../ui/controls.css';
import '../../ui/data-table.css';
import '../../ui/workspace.css';
import './audit.css';

/** Security-relevant events (accounts, keys, live orders), filterable, newest first. No secret is ever in it. */
export function AuditLogWorkspace() {
  const accounts = useStore((state) => state.accounts);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const log = useAuditLog(filters);
  const entries = useMemo(() => log.items ?? [], [log.items]);
  const scrollRef = useRef<HTMLDivElement>(null);

  const accountLabels = useMemo(() => new Map(accounts.map((account) => [account.id, account.label])), [accounts]);
  // Removed accounts stay in the log: let them be filtered on too.
  const accountOptions = useMemo(() => {
    const options: AccountOption[] = accounts.map((account) => ({ id: account.id, label: account.label }));
    for (const entry of entries) {
      if (entry.accountId !== null && !options.some((option) => option.id === entry.accountId)) {
        options.push({ id: entry.accountId, label: `${entry.accountId} (removed)` });
      }
    }
    if (filters.accountId !== null && !options.some((option) => option.id === filters.accountId)) {
      options.push({ id: filters.accountId, label: `${filters.accountId} (removed)` });
    }
    return options;
  }, [accounts, entries, filters.accountId]);

  const changeFilters = (next: AuditFilters) => setFilters(next);

  let body;
  if (log.items === null && log.error) {
    body = (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: log.reload }}>
        Could not load the audit log: {log.error}
      </PanelMessage>
    );
  } else if (log.items === null) {
    body = <PanelMessage>Loading the audit log…</PanelMessage>;
  } else if (entries.length === 0) {
    body = hasFilters(filters) ? (
      <PanelMessage action={{ label: 'Clear filters', onClick: () => changeFilters(NO_FILTERS) }}>
        No entry matches these filters. Clear them, or pick an earlier Since date.
      </PanelMessage>
    ) : (
      <PanelMessage>
        Nothing recorded yet. Adding or removing an account, adding, rotating, retiring or revoking a key, and live orders are recorded here
        as they happen.
      </PanelMessage>
    );
  } else {
    body = (
      <AuditTable
        entries={entries}
        accountLabels={accountLabels}
        scrollRef={scrollRef}
        onNearEnd={log.hasMore ? log.loadMore : undefined}
        loadingMore={log.loadingMore}
        hasMore={log.hasMore}
      />
    );
  }

  return (
    <section className="audit-workspace" aria-labelledby="audit-title">
      <header className="workspace-header">
        <h2 className="workspace-title" id="audit-title">
          Audit log
        </h2>
        <span className="workspace-meta num" role="status">
          {log.items === null
            ? ''
            : `${entries.length}${log.hasMore ? '+' : ''} ${entries.length === 1 && !log.hasMore ? 'entry' : 'entries'}`}
        </span>
      </header>
      <AuditFiltersBar filters={filters} accounts={accountOptions} onChange={changeFilters} />
      {log.error && log.items !== null ? (
        <PanelMessage tone="error" action={{ label: 'Retry', onClick: log.hasMore ? log.loadMore : log.reload }}>
          The audit log may be incomplete: {log.error}
        </PanelMessage>
      ) : null}
      <div className="panel audit-panel">{body}</div>
    </section>
  );
}
