import { useId } from 'react';
import { AUDIT_KINDS, auditKindLabel, type AuditKind } from './audit-kinds';
import { hasFilters, NO_FILTERS, type AuditFilters } from './audit-query';

export interface AccountOption {
  id: string;
  label: string;
}

interface AuditFiltersBarProps {
  filters: AuditFilters;
  accounts: readonly AccountOption[];
  onChange: (filters: AuditFilters) => void;
}

/** Account, event kinds (none ticked = all) and a start date; each change re-queries the log. */
export function AuditFiltersBar({ filters, accounts, onChange }: AuditFiltersBarProps) {
  const accountId = useId();
  const sinceId = useId();
  const toggleKind = (kind: AuditKind, checked: boolean) => {
    const kinds = checked ? [...filters.kinds, kind] : filters.kinds.filter((candidate) => candidate !== kind);
    onChange({ ...filters, kinds });
  };
  return (
    <div className="audit-filters">
      <div className="audit-filter-row">
        <div className="field">
          <label className="field-label" htmlFor={accountId}>
            Account
          </label>
          <select
            id={accountId}
            className="select"
            aria-label="Filter account"
            value={filters.accountId ?? ''}
            onChange={(event) => onChange({ ...filters, accountId: event.target.value || null })}
          >
            <option value="">All accounts</option>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={sinceId}>
            Since
          </label>
          <input
            id={sinceId}
            className="input"
            type="date"
            aria-describedby={`${sinceId}-hint`}
            value={filters.sinceDate}
            onChange={(event) => onChange({ ...filters, sinceDate: event.target.value })}
          />
          <span className="visually-hidden" id={`${sinceId}-hint`}>
            From the start of this day, UTC
          </span>
        </div>
        <button type="button" className="button audit-clear" disabled={!hasFilters(filters)} onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      </div>
      <fieldset className="fieldset audit-kinds">
        <legend className="fieldset-legend">Event kinds</legend>
        <div className="audit-kind-choices">
          {AUDIT_KINDS.map((kind) => (
            <label key={kind} className="choice">
              <input type="checkbox" checked={filters.kinds.includes(kind)} onChange={(event) => toggleKind(kind, event.target.checked)} />
              {auditKindLabel(kind)}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
