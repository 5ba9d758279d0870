import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import { usePagedList, type PagedList } from '../../lib/hooks/use-paged-list';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { useStore } from '../../store';
import { auditQuery, filtersKey, matchesFilters, mergeEntries, type AuditFilters } from './audit-query';

/**
 * The audit entries matching `filters`, newest first, a page at a time (`audit.page`): read
 * again whenever the filters change (or the connection reopens), the next page as the table
 * nears its end, and extended live by `audit.appended` (also while the first page is out).
 */
export function useAuditLog(filters: AuditFilters): PagedList<AuditEntry> {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const paged = usePagedList<AuditEntry>(
    filtersKey(filters),
    epoch,
    (cursor) => client.call('audit.page', { ...auditQuery(filters), ...(cursor ? { cursor } : {}) }),
    (entry) => String(entry.id),
  );
  useRpcEvent('audit.appended', (entry) => {
    if (matchesFilters(entry, filters)) paged.update((entries) => mergeEntries(entries, [entry]));
  });
  return paged;
}
