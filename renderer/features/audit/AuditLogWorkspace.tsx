import { useMemo, useState } from 'react';
import { useStore } from '../../store';
import { PanelMessage } from '../../ui/PanelMessage';
import { AuditFiltersBar, type AccountOption } from './AuditFiltersBar';
import { AUDIT_MAX, AUDIT_PAGE, hasFilters, NO_FILTERS, type AuditFilters } from './audit-query';
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
  const [limit, setLimit] = useState(AUDIT_PAGE);
  const log = useAuditLog(filters, limit);

  const accountLabels = useMemo(() => new Map(accounts.map((account) => [account.id, account.label])), [accounts]);
  // Removed accounts stay in the log: let them be filtered on too.
  const accountOptions = useMemo(() => {
    const options: AccountOption[] = accounts.map((account) => ({ id: account.id, label: account.label }));
    for (const entry of log.entries) {
      if (entry.accountId !== null && !options.some((option) => option.id === entry.accountId)) {
        options.push({ id: entry.accountId, label: `${entry.accountId} (removed)` });
      }
    }
    if (filters.accountId !== null && !options.some((option) => option.id === filters.accountId)) {
      options.push({ id: filters.accountId, label: `${filters.accountId} (removed)` });
    }
    return options;
  }, [accounts, log.entries, filters.accountId]);

  const changeFilters = (next: AuditFilters) => {
    setFilters(next);
    setLimit(AUDIT_PAGE);
  };

  let body;
  if (log.status === 'error' && log.entries.length === 0) {
    body = (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: log.retry }}>
        Could not load the audit log: {log.error}
      </PanelMessage>
    );
  } else if (log.status === 'loading' && log.entries.length === 0) {
    body = <PanelMessage>Loading the audit log…</PanelMessage>;
  } else if (log.entries.length === 0) {
    body = hasFilters(filters) ? (
      <PanelMessage action={{ label: 'Clear filters', onClick: () => changeFilters(NO_FILTERS) }}>
        No entry matches these filters. Clear them, or pick an earlier Since date.
      </PanelMessage>
    ) : (
      <PanelMessage>
        Nothing recorded yet. Adding or removing an account, adding, rotating, retiring or revoking a key, and live orders
        are recorded here as they happen.
      </PanelMessage>
    );
  } else {
    body = <AuditTable entries={log.entries} accountLabels={accountLabels} />;
  }

  const full = log.entries.length >= limit;
  return (
    <section className="audit-workspace" aria-labelledby="audit-title">
      <header className="workspace-header">
        <h2 className="workspace-title" id="audit-title">
          Audit log
        </h2>
        <span className="workspace-meta num" role="status">
          {log.status === 'ready' ? `${log.entries.length} ${log.entries.length === 1 ? 'entry' : 'entries'}` : ''}
        </span>
      </header>
      <AuditFiltersBar filters={filters} accounts={accountOptions} onChange={changeFilters} />
      {log.status === 'error' && log.entries.length > 0 ? (
        <PanelMessage tone="error" action={{ label: 'Retry', onClick: log.retry }}>
          The audit log may be incomplete: {log.error}
        </PanelMessage>
      ) : null}
      <div className="panel audit-panel">{body}</div>
      {full ? (
        <p className="audit-more">
          Showing the latest {log.entries.length} entries.{' '}
          {limit < AUDIT_MAX ? (
            <button type="button" className="button" onClick={() => setLimit((value) => Math.min(AUDIT_MAX, value + AUDIT_PAGE))}>
              Show older entries
            </button>
          ) : (
            'Narrow the filters to see older ones.'
          )}
        </p>
      ) : null}
    </section>
  );
}
